package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.match.state.ArrivalsSerializer;
import io.matchstream.jobs.match.state.OpenCandidateSerializer;
import io.matchstream.jobs.match.state.OpenVacancySerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools of one key (city × occupation family) and the matching that happens in them.
 *
 * <p>Arrivals are buffered until the watermark passes their event time and then applied in
 * (event time, eventId) order, so the matches made do not depend on how the vacancy and candidate
 * streams interleave, or on a restart: the output is a function of the input.
 *
 * <p>State is compact (docs/matching.md): entries are {@link OpenVacancy}/{@link OpenCandidate},
 * keyed by their {@code seq} (a number unique per stay in the pool), shared with the in-memory
 * index; the pairs already matched are the counterparts' seqs inside each entry, so they need no
 * cleaning when a counterpart leaves (its next stay has a new seq). State, and the rule that
 * empties it:
 *
 * <ul>
 *   <li>{@code open-vacancies}, {@code open-candidates}: the open entries; removed by
 *       FILLED/PLACED/WITHDRAWN/leave, or once past their age limit: an entry past it is never
 *       matched (checked at query time, so the limit is exact to the millisecond) and is removed by
 *       the key's next sweep, or by its own next event;
 *   <li>{@code arrivals}: per instant, the compact arrivals buffered; removed when its timer fires;
 *   <li>{@code pool}: the next seq and the time of the key's one sweep timer (the hour after the
 *       earliest age limit); cleared with the sweep timer when the pool empties.
 * </ul>
 *
 * <p>Live settings (docs/matching.md, "Live settings"): the second input is {@code match-settings},
 * broadcast to every instance. The broadcast state {@link #SETTINGS} holds the accepted versions
 * ({@link LiveSettings}); an arrival applied at event time {@code ts} is scored by the highest
 * version whose effective-from time is at or before {@code ts} (version 0, the options, if none),
 * and each match carries that version. A dead-lettered record, or one whose version is not above the
 * current one, changes nothing; its dead letter is written once, by subtask 0 (every subtask sees
 * the same records in the same order and decides the same).
 */
public class MatchFunction extends KeyedBroadcastProcessFunction<String, PoolInput, Inbound, Match> {
  private static final long serialVersionUID = 2L;
  private static final Logger LOG = LoggerFactory.getLogger(MatchFunction.class);

  /** The settings versions held, by version: the same on every subtask. */
  public static final MapStateDescriptor<Long, ScoreSettings> SETTINGS =
      new MapStateDescriptor<>("score-settings", Types.LONG, TypeInformation.of(ScoreSettings.class));

  /** Rejected settings records. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetterRouting.DEAD_LETTERS;

  /** Sweeps run at most once per key per hour: timers do not grow with entries. */
  static final long SWEEP_BUCKET_MILLIS = Duration.ofHours(1).toMillis();

  private static final Comparator<Arrival> ORDER =
      Comparator.comparing(Arrival::eventId).thenComparing(a -> !a.vacancySide());
  private static final int NEXT_SEQ = 0;
  private static final int SWEEP = 1;
  private static final long NO_SWEEP = Long.MIN_VALUE;

  private final MatchSettings settings;

  private transient MatchScorer scorer;
  private transient MapState<Long, OpenVacancy> vacancies;
  private transient MapState<Long, OpenCandidate> candidates;
  private transient MapState<Long, List<Arrival>> arrivals;
  private transient ValueState<long[]> pool;
  private transient Map<String, Pools> indexes;
  private transient LiveSettings live;
  private transient boolean writesDeadLetters;

  public MatchFunction(MatchSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    scorer = new MatchScorer(settings, Taxonomy.loadDefault());
    vacancies = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("open-vacancies", LongSerializer.INSTANCE, OpenVacancySerializer.INSTANCE));
    candidates = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("open-candidates", LongSerializer.INSTANCE, OpenCandidateSerializer.INSTANCE));
    arrivals = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("arrivals", LongSerializer.INSTANCE, ArrivalsSerializer.INSTANCE));
    pool = getRuntimeContext().getState(new ValueStateDescriptor<>("pool", LongPrimitiveArraySerializer.INSTANCE));
    indexes = new HashMap<>();
    live = null;
    writesDeadLetters = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
  }

  @Override
  public void processElement(PoolInput in, ReadOnlyContext ctx, Collector<Match> out) throws Exception {
    if (in.vacancy() != null) {
      VacancyEvent v = in.vacancy().event();
      buffer(v.eventTime(), new Arrival(v.eventId(), true, v.vacancyId(),
          v.type().closes() ? null : scorer.vacancy(v), null), ctx);
    } else {
      CandidateEvent c = in.candidate().event();
      buffer(c.eventTime(), new Arrival(c.eventId(), false, c.candidateId(), null,
          c.type().closes() ? null : scorer.candidate(c)), ctx);
    }
  }

  @Override
  public void processBroadcastElement(Inbound in, Context ctx, Collector<Match> out) throws Exception {
    BroadcastState<Long, ScoreSettings> held = ctx.getBroadcastState(SETTINGS);
    LiveSettings versions = live(held.immutableEntries());
    if (in.deadLetter() != null) {
      deadLetter(in.deadLetter(), ctx);
      return;
    }
    ScoreSettings s = in.settings();
    String refusal = versions.refusal(s);
    if (refusal != null) {
      deadLetter(DeadLetterRouting.deadLetter(EventCodec.encode(s), in.topic(), in.partition(),
          in.offset(), ScoreSettings.class, refusal, MatchJob.NAME), ctx);
      return;
    }
    versions.add(s);
    held.clear();
    for (ScoreSettings kept : versions.records()) {
      held.put(kept.version(), kept);
    }
    if (writesDeadLetters) {
      LOG.info("score settings version {} accepted, effective from {} (watermark {})", s.version(),
          s.hasEffectiveFrom() ? io.matchstream.events.codec.IsoTime.format(s.effectiveFrom()) : "receipt",
          ctx.currentWatermark());
    }
  }

  private void deadLetter(DeadLetter d, Context ctx) {
    if (writesDeadLetters) {
      LOG.warn("score settings record {} refused: {}", d.eventId(), d.reason());
      ctx.output(DEAD_LETTERS, d);
    }
  }

  /** The versions held, rebuilt from the broadcast state the first time after start or restore. */
  private LiveSettings live(Iterable<Map.Entry<Long, ScoreSettings>> held) {
    if (live == null) {
      live = LiveSettings.of(scorer, held);
    }
    return live;
  }

  private void buffer(long ts, Arrival a, ReadOnlyContext ctx) throws Exception {
    List<Arrival> batch = arrivals.get(ts);
    if (batch == null) {
      batch = new ArrayList<>(2);
      ctx.timerService().registerEventTimeTimer(ts);
    }
    batch.add(a);
    arrivals.put(ts, batch);
  }

  @Override
  public void onTimer(long ts, OnTimerContext ctx, Collector<Match> out) throws Exception {
    String key = ctx.getCurrentKey();
    Pools pools = pools(key);
    long[] meta = pool.value();
    if (meta != null && meta[SWEEP] == ts) {
      sweep(ts, pools, meta, ctx);
    }
    List<Arrival> batch = arrivals.get(ts);
    if (batch != null) {
      arrivals.remove(ts);
      // Both sides of one instant, in eventId order: deterministic whatever the arrival order.
      batch.sort(ORDER);
      String city = PoolKey.cityOf(key);
      ReadOnlyBroadcastState<Long, ScoreSettings> held = ctx.getBroadcastState(SETTINGS);
      LiveSettings.Version version = live(held.immutableEntries()).at(ts);
      for (Arrival a : batch) {
        if (a.vacancySide()) {
          applyVacancy(a, ts, city, pools, version, ctx, out);
        } else {
          applyCandidate(a, ts, city, pools, version, ctx, out);
        }
      }
    }
    if (pools.vacancies.size() == 0 && pools.candidates.size() == 0) {
      indexes.remove(key);
      meta = pool.value();
      if (meta != null) {
        unregisterSweep(meta[SWEEP], ctx);
        pool.clear();
      }
    }
  }

  private void applyVacancy(Arrival a, long ts, String city, Pools pools, LiveSettings.Version version,
      OnTimerContext ctx, Collector<Match> out)
      throws Exception {
    OpenVacancy old = pools.vacancies.get(a.id());
    if (old != null && (a.closes() || expiry(old) <= ts)) {
      removeVacancy(old, pools);
      old = null;
    }
    if (a.closes()) {
      return;
    }
    OpenVacancy v = a.vacancy();
    if (old != null && old.eventTime() > v.eventTime()) {
      return;
    }
    long expiry = expiry(v);
    if (expiry <= ts) {
      if (old != null) {
        removeVacancy(old, pools);
      }
      return;
    }
    // An update keeps the stay (and its pairs); an arrival starts a new one.
    v = old != null ? v.with(old.seq(), old.matched()) : v.with(nextSeq(ctx), Seqs.NONE);
    pools.vacancies.put(v);
    OpenVacancy arriving = v;
    List<PoolIndex.Hit<OpenCandidate>> hits = Pools.bestCandidates(version.scorer(), pools.candidates, v, city,
        c -> arriving.hasMatched(c.seq()) || expiry(c) <= ts, false);
    long[] seqs = new long[hits.size()];
    for (int i = 0; i < seqs.length; i++) {
      OpenCandidate c = hits.get(i).entry();
      out.collect(version.scorer().match(v, c, city, hits.get(i).score(), version.version()));
      seqs[i] = c.seq();
      OpenCandidate remembered = c.with(c.seq(), Seqs.with(c.matched(), new long[] {v.seq()}, 1));
      candidates.put(c.seq(), remembered);
      pools.candidates.replace(remembered);
    }
    if (seqs.length > 0) {
      v = v.with(v.seq(), Seqs.with(v.matched(), seqs, seqs.length));
      pools.vacancies.replace(v);
    }
    vacancies.put(v.seq(), v);
    scheduleSweep(expiry, ctx);
  }

  private void applyCandidate(Arrival a, long ts, String city, Pools pools, LiveSettings.Version version,
      OnTimerContext ctx, Collector<Match> out)
      throws Exception {
    OpenCandidate old = pools.candidates.get(a.id());
    if (old != null && (a.closes() || expiry(old) <= ts)) {
      removeCandidate(old, pools);
      old = null;
    }
    if (a.closes()) {
      return;
    }
    OpenCandidate c = a.candidate();
    if (old != null && old.eventTime() > c.eventTime()) {
      return;
    }
    long expiry = expiry(c);
    if (expiry <= ts) {
      if (old != null) {
        removeCandidate(old, pools);
      }
      return;
    }
    c = old != null ? c.with(old.seq(), old.matched()) : c.with(nextSeq(ctx), Seqs.NONE);
    pools.candidates.put(c);
    OpenCandidate arriving = c;
    List<PoolIndex.Hit<OpenVacancy>> hits = Pools.bestVacancies(version.scorer(), pools.vacancies, c, city,
        v -> arriving.hasMatched(v.seq()) || expiry(v) <= ts, false);
    long[] seqs = new long[hits.size()];
    for (int i = 0; i < seqs.length; i++) {
      OpenVacancy v = hits.get(i).entry();
      out.collect(version.scorer().match(v, c, city, hits.get(i).score(), version.version()));
      seqs[i] = v.seq();
      OpenVacancy remembered = v.with(v.seq(), Seqs.with(v.matched(), new long[] {c.seq()}, 1));
      vacancies.put(v.seq(), remembered);
      pools.vacancies.replace(remembered);
    }
    if (seqs.length > 0) {
      c = c.with(c.seq(), Seqs.with(c.matched(), seqs, seqs.length));
      pools.candidates.replace(c);
    }
    candidates.put(c.seq(), c);
    scheduleSweep(expiry, ctx);
  }

  private long expiry(OpenVacancy v) {
    return v.postedTime() + settings.vacancyMaxAgeMillis();
  }

  private long expiry(OpenCandidate c) {
    return c.registeredTime() + settings.candidateMaxAgeMillis();
  }

  /** The entry leaves: its stay ends, so pairs remembered with its seq no longer apply to it. */
  private void removeVacancy(OpenVacancy v, Pools pools) throws Exception {
    vacancies.remove(v.seq());
    pools.vacancies.remove(v.id());
  }

  private void removeCandidate(OpenCandidate c, Pools pools) throws Exception {
    candidates.remove(c.seq());
    pools.candidates.remove(c.id());
  }

  private long[] meta() throws Exception {
    long[] meta = pool.value();
    return meta != null ? meta : new long[] {1, NO_SWEEP};
  }

  private long nextSeq(ReadOnlyContext ctx) throws Exception {
    long[] meta = meta();
    long seq = meta[NEXT_SEQ];
    pool.update(new long[] {seq + 1, meta[SWEEP]});
    return seq;
  }

  /** Makes sure the key's sweep runs by the hour after {@code expiry}. */
  private void scheduleSweep(long expiry, ReadOnlyContext ctx) throws Exception {
    long bucket = Math.floorDiv(expiry + SWEEP_BUCKET_MILLIS - 1, SWEEP_BUCKET_MILLIS) * SWEEP_BUCKET_MILLIS;
    long[] meta = meta();
    if (meta[SWEEP] != NO_SWEEP && meta[SWEEP] <= bucket) {
      return;
    }
    unregisterSweep(meta[SWEEP], ctx);
    ctx.timerService().registerEventTimeTimer(bucket);
    pool.update(new long[] {meta[NEXT_SEQ], bucket});
  }

  /** Deletes the sweep timer, unless arrivals of that instant share it. */
  private void unregisterSweep(long at, ReadOnlyContext ctx) throws Exception {
    if (at != NO_SWEEP && !arrivals.contains(at)) {
      ctx.timerService().deleteEventTimeTimer(at);
    }
  }

  /** Removes every entry past its age limit and schedules the next sweep for the earliest left. */
  private void sweep(long ts, Pools pools, long[] meta, ReadOnlyContext ctx) throws Exception {
    pool.update(new long[] {meta[NEXT_SEQ], NO_SWEEP});
    List<OpenVacancy> goneV = new ArrayList<>();
    long[] earliest = {Long.MAX_VALUE};
    pools.vacancies.forEach(v -> {
      long e = expiry(v);
      if (e <= ts) {
        goneV.add(v);
      } else {
        earliest[0] = Math.min(earliest[0], e);
      }
    });
    List<OpenCandidate> goneC = new ArrayList<>();
    pools.candidates.forEach(c -> {
      long e = expiry(c);
      if (e <= ts) {
        goneC.add(c);
      } else {
        earliest[0] = Math.min(earliest[0], e);
      }
    });
    for (OpenVacancy v : goneV) {
      removeVacancy(v, pools);
    }
    for (OpenCandidate c : goneC) {
      removeCandidate(c, pools);
    }
    if (earliest[0] != Long.MAX_VALUE) {
      scheduleSweep(earliest[0], ctx);
    }
  }

  /** The key's indexes, rebuilt from keyed state the first time the key is seen by this instance. */
  private Pools pools(String key) throws Exception {
    Pools p = indexes.get(key);
    if (p == null) {
      p = new Pools(scorer);
      for (OpenVacancy v : vacancies.values()) {
        p.vacancies.put(v);
      }
      for (OpenCandidate c : candidates.values()) {
        p.candidates.put(c);
      }
      indexes.put(key, p);
    }
    return p;
  }
}
