package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.Match;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The pools of one key (city × occupation family) and the matching that happens in them.
 *
 * <p>Arrivals are buffered until the watermark passes their event time and then applied in
 * (event time, eventId) order, so the matches made do not depend on how the vacancy and candidate
 * streams interleave, or on a restart: the output is a function of the input.
 *
 * <p>State, and the rule that empties it:
 *
 * <ul>
 *   <li>{@code vacancies}, {@code candidates}: the open entries' latest OPENED/UPDATED or
 *       REGISTERED/UPDATED event; removed by FILLED/PLACED/WITHDRAWN or at their age limit;
 *   <li>{@code matched}: per entry, the counterparts it was matched with; removed with the entry,
 *       and the entry's id is removed from each counterpart's list;
 *   <li>{@code timers}: per instant, the arrivals buffered and the entries expiring then; removed
 *       when the timer fires, or when its last expiring entry leaves early (the timer too).
 * </ul>
 */
public class MatchFunction extends KeyedCoProcessFunction<String, VacancyEvent, RoutedCandidate, Match> {
  private static final long serialVersionUID = 1L;

  private static final Comparator<VacancyEvent> VACANCY_ORDER =
      Comparator.comparingLong(VacancyEvent::eventTime).thenComparing(VacancyEvent::eventId);
  private static final Comparator<CandidateEvent> CANDIDATE_ORDER =
      Comparator.comparingLong(CandidateEvent::eventTime).thenComparing(CandidateEvent::eventId);

  private final MatchSettings settings;

  private transient MatchScorer scorer;
  private transient MapState<String, VacancyEvent> vacancies;
  private transient MapState<String, CandidateEvent> candidates;
  private transient MapState<String, List<String>> matched;
  private transient MapState<Long, TimerBatch> timers;
  private transient Map<String, Pools> indexes;

  public MatchFunction(MatchSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    scorer = new MatchScorer(settings, Taxonomy.loadDefault());
    vacancies = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("vacancies", Types.STRING, TypeInformation.of(VacancyEvent.class)));
    candidates = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("candidates", Types.STRING, TypeInformation.of(CandidateEvent.class)));
    matched = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("matched", Types.STRING, Types.LIST(Types.STRING)));
    timers = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("timers", Types.LONG, TypeInformation.of(TimerBatch.class)));
    indexes = new HashMap<>();
  }

  @Override
  public void processElement1(VacancyEvent v, Context ctx, Collector<Match> out) throws Exception {
    TimerBatch batch = batchAt(v.eventTime(), ctx);
    batch.vacancies().add(v);
    timers.put(v.eventTime(), batch);
  }

  @Override
  public void processElement2(RoutedCandidate c, Context ctx, Collector<Match> out) throws Exception {
    TimerBatch batch = batchAt(c.event().eventTime(), ctx);
    batch.candidates().add(c.event());
    timers.put(c.event().eventTime(), batch);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Match> out) throws Exception {
    TimerBatch batch = timers.get(ts);
    if (batch == null) {
      return;
    }
    timers.remove(ts);
    String key = ctx.getCurrentKey();
    Pools pools = pools(key);
    for (String id : batch.expiring()) {
      expireIfDue(id, ts, pools);
    }
    // Both sides of one instant, in eventId order: deterministic whatever the arrival order.
    List<Object> arrivals = new ArrayList<>(batch.vacancies().size() + batch.candidates().size());
    batch.vacancies().sort(VACANCY_ORDER);
    batch.candidates().sort(CANDIDATE_ORDER);
    int i = 0;
    int j = 0;
    while (i < batch.vacancies().size() || j < batch.candidates().size()) {
      boolean takeVacancy = j >= batch.candidates().size()
          || (i < batch.vacancies().size()
              && batch.vacancies().get(i).eventId().compareTo(batch.candidates().get(j).eventId()) <= 0);
      arrivals.add(takeVacancy ? batch.vacancies().get(i++) : batch.candidates().get(j++));
    }
    for (Object a : arrivals) {
      if (a instanceof VacancyEvent v) {
        applyVacancy(v, key, pools, ctx, out);
      } else {
        applyCandidate((CandidateEvent) a, key, pools, ctx, out);
      }
    }
    if (pools.vacancies.size() == 0 && pools.candidates.size() == 0) {
      indexes.remove(key);
    }
  }

  private void applyVacancy(VacancyEvent v, String key, Pools pools, Context ctx, Collector<Match> out)
      throws Exception {
    String id = v.vacancyId();
    VacancyEvent old = vacancies.get(id);
    if (v.type().closes()) {
      if (old != null) {
        removeVacancy(id, old, pools, ctx);
      }
      return;
    }
    if (old != null && old.eventTime() > v.eventTime()) {
      return;
    }
    long expiry = v.postedTime() + settings.vacancyMaxAgeMillis();
    if (old != null) {
      removeVacancy(id, old, pools, ctx, false);
    }
    if (expiry <= ctx.timestamp()) {
      if (old != null) {
        forgetMatches(id);
      }
      return;
    }
    vacancies.put(id, v);
    scheduleExpiry(expiry, id, ctx);
    VacancyProfile profile = scorer.vacancy(v);
    pools.vacancies.put(profile);
    String city = PoolKey.cityOf(key);
    Set<String> excluded = matchedWith(id);
    for (PoolIndex.Hit<CandidateProfile> hit :
        Pools.bestCandidates(scorer, pools.candidates, profile, city, excluded, false)) {
      emit(profile, hit.entry(), city, hit.score(), out);
    }
  }

  private void applyCandidate(CandidateEvent c, String key, Pools pools, Context ctx, Collector<Match> out)
      throws Exception {
    String id = c.candidateId();
    CandidateEvent old = candidates.get(id);
    if (c.type().closes()) {
      if (old != null) {
        removeCandidate(id, old, pools, ctx, true);
      }
      return;
    }
    if (old != null && old.eventTime() > c.eventTime()) {
      return;
    }
    long expiry = c.registeredTime() + settings.candidateMaxAgeMillis();
    if (old != null) {
      removeCandidate(id, old, pools, ctx, false);
    }
    if (expiry <= ctx.timestamp()) {
      if (old != null) {
        forgetMatches(id);
      }
      return;
    }
    candidates.put(id, c);
    scheduleExpiry(expiry, id, ctx);
    CandidateProfile profile = scorer.candidate(c);
    pools.candidates.put(profile);
    String city = PoolKey.cityOf(key);
    Set<String> excluded = matchedWith(id);
    for (PoolIndex.Hit<VacancyProfile> hit :
        Pools.bestVacancies(scorer, pools.vacancies, profile, city, excluded, false)) {
      emit(hit.entry(), profile, city, hit.score(), out);
    }
  }

  private void emit(VacancyProfile v, CandidateProfile c, String city, double score, Collector<Match> out)
      throws Exception {
    out.collect(scorer.match(v, c, city, score));
    remember(v.id(), c.id());
    remember(c.id(), v.id());
  }

  private void expireIfDue(String id, long ts, Pools pools) throws Exception {
    if (id.startsWith("vac-")) {
      VacancyEvent v = vacancies.get(id);
      if (v != null && v.postedTime() + settings.vacancyMaxAgeMillis() == ts) {
        vacancies.remove(id);
        pools.vacancies.remove(id);
        forgetMatches(id);
      }
    } else {
      CandidateEvent c = candidates.get(id);
      if (c != null && c.registeredTime() + settings.candidateMaxAgeMillis() == ts) {
        candidates.remove(id);
        pools.candidates.remove(id);
        forgetMatches(id);
      }
    }
  }

  private void removeVacancy(String id, VacancyEvent old, Pools pools, Context ctx) throws Exception {
    removeVacancy(id, old, pools, ctx, true);
  }

  /** Takes the entry out; {@code leaving} also forgets its matches (not so for an update). */
  private void removeVacancy(String id, VacancyEvent old, Pools pools, Context ctx, boolean leaving)
      throws Exception {
    vacancies.remove(id);
    pools.vacancies.remove(id);
    unscheduleExpiry(old.postedTime() + settings.vacancyMaxAgeMillis(), id, ctx);
    if (leaving) {
      forgetMatches(id);
    }
  }

  private void removeCandidate(String id, CandidateEvent old, Pools pools, Context ctx, boolean leaving)
      throws Exception {
    candidates.remove(id);
    pools.candidates.remove(id);
    unscheduleExpiry(old.registeredTime() + settings.candidateMaxAgeMillis(), id, ctx);
    if (leaving) {
      forgetMatches(id);
    }
  }

  private TimerBatch batchAt(long ts, Context ctx) throws Exception {
    TimerBatch batch = timers.get(ts);
    if (batch == null) {
      batch = TimerBatch.empty();
      ctx.timerService().registerEventTimeTimer(ts);
    }
    return batch;
  }

  private void scheduleExpiry(long ts, String id, Context ctx) throws Exception {
    TimerBatch batch = batchAt(ts, ctx);
    batch.expiring().add(id);
    timers.put(ts, batch);
  }

  private void unscheduleExpiry(long ts, String id, Context ctx) throws Exception {
    TimerBatch batch = timers.get(ts);
    if (batch == null) {
      return;
    }
    batch.expiring().remove(id);
    if (batch.isEmpty()) {
      timers.remove(ts);
      ctx.timerService().deleteEventTimeTimer(ts);
    } else {
      timers.put(ts, batch);
    }
  }

  private Set<String> matchedWith(String id) throws Exception {
    List<String> ids = matched.get(id);
    return ids == null ? Set.of() : new HashSet<>(ids);
  }

  private void remember(String id, String counterpart) throws Exception {
    List<String> ids = matched.get(id);
    List<String> updated = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
    updated.add(counterpart);
    matched.put(id, updated);
  }

  /** The entry leaves: its pairs are forgotten on both sides, so no list outlives its entries. */
  private void forgetMatches(String id) throws Exception {
    List<String> counterparts = matched.get(id);
    if (counterparts == null) {
      return;
    }
    matched.remove(id);
    for (String other : counterparts) {
      List<String> theirs = matched.get(other);
      if (theirs != null) {
        List<String> rest = new ArrayList<>(theirs);
        rest.remove(id);
        if (rest.isEmpty()) {
          matched.remove(other);
        } else {
          matched.put(other, rest);
        }
      }
    }
  }

  /** The key's indexes, rebuilt from keyed state the first time the key is seen by this instance. */
  private Pools pools(String key) throws Exception {
    Pools p = indexes.get(key);
    if (p == null) {
      p = new Pools(scorer);
      for (VacancyEvent v : vacancies.values()) {
        p.vacancies.put(scorer.vacancy(v));
      }
      for (CandidateEvent c : candidates.values()) {
        p.candidates.put(scorer.candidate(c));
      }
      indexes.put(key, p);
    }
    return p;
  }
}
