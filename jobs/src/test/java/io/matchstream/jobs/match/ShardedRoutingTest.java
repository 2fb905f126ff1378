package io.matchstream.jobs.match;

import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import static io.matchstream.jobs.match.Fixtures.MONDAY_9AM;
import static io.matchstream.jobs.match.Fixtures.WELDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.taxonomy.Occupation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The routers keyed by shard ({@link RouterShards}) with one sweep timer per shard route exactly as
 * the routers with one key and one age-limit timer per entity did, with at most one timer per shard.
 */
class ShardedRoutingTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long MINUTE = 60_000;
  private static final long VACANCY_MAX_AGE = 3 * DAY;
  private static final long CANDIDATE_MAX_AGE = 2 * DAY;
  private static final String OTHER_FAMILY = "6-18-01-01";
  private static final List<String> CITIES = List.of("ningbo", "hangzhou", "fuzhou");
  private static final String FUZHOU = PoolKey.of("fuzhou", Occupation.familyOf(WELDER));
  private static final String HANGZHOU = PoolKey.of("hangzhou", Occupation.familyOf(WELDER));
  private static final String NINGBO = PoolKey.of("ningbo", Occupation.familyOf(WELDER));

  @Test
  void manyEntitiesNeedAtMostOneTimerPerShard() throws Exception {
    var vacancies = shardedVacancyRouter();
    var candidates = shardedCandidateRouter();
    Random rng = new Random(7);
    int entities = 20_000;
    for (int i = 0; i < entities; i++) {
      long posted = MONDAY_9AM + rng.nextInt(30) * DAY + rng.nextInt((int) DAY);
      vacancies.processElement(record(post(String.format("vac-%06d", i), 1, VacancyEventType.OPENED, "ningbo",
          WELDER, posted, posted), posted));
      candidates.processElement(record(seeker(String.format("cand-%06d", i), 1, CandidateEventType.REGISTERED,
          "ningbo", List.of("hangzhou"), posted, posted), posted));
    }
    candidates.processWatermark(new Watermark(MONDAY_9AM));
    vacancies.processWatermark(new Watermark(MONDAY_9AM));

    for (var router : List.of(vacancies, candidates)) {
      assertThat(router.numEventTimeTimers()).as("timers").isLessThanOrEqualTo(RouterShards.COUNT)
          .isGreaterThan(RouterShards.COUNT * 9 / 10); // the ids spread over (nearly) every shard
      assertThat(router.numKeyedStateEntries()).as("a membership map and a next-sweep entry per shard")
          .isLessThanOrEqualTo(2 * RouterShards.COUNT);
    }
    // Two cities (home, accepted) × two families.
    assertThat(candidates.extractOutputValues().size()).isEqualTo(4 * entities);
    assertThat(vacancies.extractOutputValues().size()).isEqualTo(entities);

    // Every age limit passed: all swept, nothing left, no timer left.
    vacancies.processWatermark(new Watermark(MONDAY_9AM + 40 * DAY));
    candidates.processWatermark(new Watermark(MONDAY_9AM + 40 * DAY));
    for (var router : List.of(vacancies, candidates)) {
      assertThat(router.numEventTimeTimers()).isZero();
      assertThat(router.numKeyedStateEntries()).isZero();
    }
  }

  @Test
  void theShardsOfSequentialIdsAreEven() {
    int[] sizes = new int[RouterShards.COUNT];
    for (int i = 0; i < 100 * RouterShards.COUNT; i++) {
      sizes[RouterShards.of(String.format("vac-%06d", i))]++;
    }
    assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThan(60);
    assertThat(Arrays.stream(sizes).max().orElseThrow()).isLessThan(140);
  }

  @Test
  void aPostPastItsAgeLimitThenUpdatedIsRoutedAsNewWithNoLeaveToItsExpiredPool() throws Exception {
    long posted = MONDAY_9AM + 30 * MINUTE;
    long ageLimit = posted + VACANCY_MAX_AGE;
    var router = shardedVacancyRouter();
    router.processElement(record(post("vac-000001", 1, VacancyEventType.OPENED, "fuzhou", WELDER, posted, posted),
        posted));
    router.processWatermark(new Watermark(ageLimit));
    assertThat(router.numKeyedStateEntries()).as("swept when the watermark reached the age limit").isZero();
    assertThat(router.numEventTimeTimers()).isZero();

    router.processElement(record(post("vac-000001", 2, VacancyEventType.UPDATED, "hangzhou", WELDER, posted,
        ageLimit + MINUTE), ageLimit + MINUTE));
    router.processElement(record(post("vac-000001", 3, VacancyEventType.FILLED, "ningbo", WELDER, posted,
        ageLimit + 2 * MINUTE), ageLimit + 2 * MINUTE));

    assertThat(routes(router)).containsExactly(
        FUZHOU + "|OPENED|vac-000001:1",
        HANGZHOU + "|UPDATED|vac-000001:2",
        NINGBO + "|FILLED|vac-000001:3",
        HANGZHOU + "|FILLED|vac-000001:3");
  }

  @Test
  void justBeforeItsAgeLimitAnUpdatedPostStillLeavesItsOldPool() throws Exception {
    long posted = MONDAY_9AM + 30 * MINUTE;
    long ageLimit = posted + VACANCY_MAX_AGE;
    var router = shardedVacancyRouter();
    router.processElement(record(post("vac-000001", 1, VacancyEventType.OPENED, "fuzhou", WELDER, posted, posted),
        posted));
    router.processWatermark(new Watermark(ageLimit - 1));

    router.processElement(record(post("vac-000001", 2, VacancyEventType.UPDATED, "hangzhou", WELDER, posted,
        ageLimit - 1), ageLimit - 1));

    assertThat(routes(router)).containsExactly(
        FUZHOU + "|OPENED|vac-000001:1",
        HANGZHOU + "|UPDATED|vac-000001:2",
        FUZHOU + "|WITHDRAWN|vac-000001:2");
  }

  @Test
  void anEventAlreadyPastItsAgeLimitCountsUntilTheNextWatermarkAsItsTimerDid() throws Exception {
    // The per-entity timer, set in the past, fired at the next watermark: until then the entity's
    // next event still found its pools.
    long posted = MONDAY_9AM;
    long late = posted + VACANCY_MAX_AGE + DAY;
    var router = shardedVacancyRouter();
    router.processWatermark(new Watermark(late - MINUTE));
    router.processElement(record(post("vac-000001", 1, VacancyEventType.UPDATED, "fuzhou", WELDER, posted, late),
        late));
    router.processElement(record(post("vac-000001", 2, VacancyEventType.UPDATED, "hangzhou", WELDER, posted,
        late + 1), late + 1));
    router.processWatermark(new Watermark(late));
    router.processElement(record(post("vac-000001", 3, VacancyEventType.UPDATED, "ningbo", WELDER, posted,
        late + 2), late + 2));

    assertThat(routes(router)).containsExactly(
        FUZHOU + "|UPDATED|vac-000001:1",
        HANGZHOU + "|UPDATED|vac-000001:2",
        FUZHOU + "|WITHDRAWN|vac-000001:2",
        NINGBO + "|UPDATED|vac-000001:3");
  }

  @Test
  void vacancyRoutingIsTheSameAsWithOneKeyAndOneTimerPerEntityOnTheHeapBackend() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      assertSameRouting(seed, false, () -> new VacancyRouting(VACANCY_MAX_AGE), RouterShards.VACANCY,
          VacancyEvent::vacancyId, vacancies(), r -> describe(r.poolKey(), r.event()));
    }
  }

  @Test
  void candidateRoutingIsTheSameAsWithOneKeyAndOneTimerPerEntityOnTheHeapBackend() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      assertSameRouting(seed, false, () -> new CandidateRouting(CANDIDATE_MAX_AGE), RouterShards.CANDIDATE,
          CandidateEvent::candidateId, candidates(), r -> describe(r.poolKey(), r.event()));
    }
  }

  @Test
  void routingIsTheSameOnEmbeddedRocksDb() throws Exception {
    assertSameRouting(11, true, () -> new VacancyRouting(VACANCY_MAX_AGE), RouterShards.VACANCY,
        VacancyEvent::vacancyId, vacancies(), r -> describe(r.poolKey(), r.event()));
    assertSameRouting(12, true, () -> new CandidateRouting(CANDIDATE_MAX_AGE), RouterShards.CANDIDATE,
        CandidateEvent::candidateId, candidates(), r -> describe(r.poolKey(), r.event()));
  }

  /** Random events of 80 entities of one kind near a given time. */
  private interface Events<E> {
    E next(Random rng, long time);
  }

  /**
   * 6,000 events over ~25 simulated days (the age limits pass many times), out of order by up to
   * 30 minutes, a watermark 30-90 minutes behind after every few events (only ever forward, as
   * Flink's are), through the sharded router and the per-entity reference; both are snapshotted and
   * restored halfway. Their routed output must be the same, event for event.
   */
  private static <E, R> void assertSameRouting(long seed, boolean rocksDb, Supplier<PoolRouting<E, R>> routing,
      KeySelector<E, Integer> shard, KeySelector<E, String> entity, Events<E> events, Function<R, String> describe)
      throws Exception {
    PoolRouting<E, R> rules = routing.get();
    var sharded = open(routing.get(), shard, Types.INT, rocksDb, null);
    PerEntityRouting<E, R> before = new PerEntityRouting<>(routing.get());
    var reference = open(before, entity, Types.STRING, false, null);
    List<String> shardedOut = new ArrayList<>();
    List<String> referenceOut = new ArrayList<>();
    int leaves = 0;
    int expired = 0;
    Random rng = new Random(seed);
    long time = MONDAY_9AM;
    long watermark = Long.MIN_VALUE;
    for (int i = 0; i < 6_000; i++) {
      if (i == 3_000) {
        sharded.extractOutputValues().forEach(r -> shardedOut.add(describe.apply(r)));
        reference.extractOutputValues().forEach(r -> referenceOut.add(describe.apply(r)));
        leaves += before.leaves;
        expired += before.expired;
        OperatorSubtaskState shardedState = sharded.snapshot(1, watermark);
        OperatorSubtaskState referenceState = reference.snapshot(1, watermark);
        sharded.close();
        reference.close();
        sharded = open(routing.get(), shard, Types.INT, rocksDb, shardedState);
        before = new PerEntityRouting<>(routing.get());
        reference = open(before, entity, Types.STRING, false, referenceState);
      }
      time += rng.nextInt(12) * MINUTE;
      E e = events.next(rng, time);
      sharded.processElement(record(e, rules.eventTime(e)));
      reference.processElement(record(e, rules.eventTime(e)));
      if (rng.nextInt(4) == 0) {
        long w = time - 30 * MINUTE - rng.nextInt(60) * MINUTE;
        if (w > watermark) {
          sharded.processWatermark(new Watermark(w));
          reference.processWatermark(new Watermark(w));
          watermark = w;
        }
      }
    }
    sharded.extractOutputValues().forEach(r -> shardedOut.add(describe.apply(r)));
    reference.extractOutputValues().forEach(r -> referenceOut.add(describe.apply(r)));
    leaves += before.leaves;
    expired += before.expired;

    assertThat(shardedOut).as("seed %d", seed).isEqualTo(referenceOut);
    assertThat(leaves).as("leaves sent").isGreaterThan(100);
    assertThat(expired).as("memberships that reached their age limit").isGreaterThan(20);
    if (!rocksDb) {
      assertThat(sharded.numEventTimeTimers()).isLessThanOrEqualTo(RouterShards.COUNT);
      assertThat(reference.numEventTimeTimers()).as("the reference: one per open entity").isGreaterThan(10);
      sharded.processWatermark(new Watermark(Long.MAX_VALUE));
      assertThat(sharded.numKeyedStateEntries()).isZero();
      assertThat(sharded.numEventTimeTimers()).isZero();
    }
    sharded.close();
    reference.close();
  }

  private static <K, E, R> KeyedOneInputStreamOperatorTestHarness<K, E, R> open(KeyedProcessFunction<K, E, R> f,
      KeySelector<E, K> key, TypeInformation<K> type, boolean rocksDb, OperatorSubtaskState from) throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), key, type);
    if (rocksDb) {
      h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
    }
    if (from != null) {
      h.initializeState(from);
    }
    h.open();
    return h;
  }

  /** Posts opened, updated (city, family), filled, withdrawn, re-opened; some already past their age limit. */
  private static Events<VacancyEvent> vacancies() {
    Map<String, long[]> entities = new HashMap<>(); // id -> {next seq, posted, last event time}
    return (rng, time) -> {
      String id = "vac-" + String.format("%06d", rng.nextInt(80));
      long[] s = entities.computeIfAbsent(id, k -> new long[] {1, time, time});
      VacancyEventType type = switch (rng.nextInt(12)) {
        case 0 -> VacancyEventType.FILLED;
        case 1 -> VacancyEventType.WITHDRAWN;
        case 2, 3 -> VacancyEventType.OPENED;
        default -> VacancyEventType.UPDATED;
      };
      long at = eventTime(rng, time, s);
      long posted = rng.nextInt(20) == 0 ? at - VACANCY_MAX_AGE - rng.nextInt((int) DAY) : s[1];
      VacancyEvent v = post(id, eventSeq(rng, s), type, CITIES.get(rng.nextInt(3)),
          rng.nextBoolean() ? WELDER : OTHER_FAMILY, posted, at);
      if (type.closes()) {
        s[1] = time; // re-opened later under the same id
      }
      return withEventId(v, eventIdOf(rng, id, v.eventId()));
    };
  }

  /** Candidates registered, updated (cities), placed, withdrawn; some already past their age limit. */
  private static Events<CandidateEvent> candidates() {
    Map<String, long[]> entities = new HashMap<>();
    return (rng, time) -> {
      String id = "cand-" + String.format("%06d", rng.nextInt(80));
      long[] s = entities.computeIfAbsent(id, k -> new long[] {1, time, time});
      CandidateEventType type = switch (rng.nextInt(12)) {
        case 0 -> CandidateEventType.PLACED;
        case 1 -> CandidateEventType.WITHDRAWN;
        case 2, 3 -> CandidateEventType.REGISTERED;
        default -> CandidateEventType.UPDATED;
      };
      long at = eventTime(rng, time, s);
      long registered = rng.nextInt(20) == 0 ? at - CANDIDATE_MAX_AGE - rng.nextInt((int) DAY) : s[1];
      List<String> accepted = new ArrayList<>();
      for (String c : CITIES) {
        if (rng.nextInt(3) == 0) {
          accepted.add(c);
        }
      }
      CandidateEvent c = seeker(id, eventSeq(rng, s), type, CITIES.get(rng.nextInt(3)), accepted, registered, at);
      if (type.closes()) {
        s[1] = time;
      }
      return withEventId(c, eventIdOf(rng, id, c.eventId()));
    };
  }

  /** Mostly near now; sometimes the same instant as the entity's last event (ties by event id). */
  private static long eventTime(Random rng, long time, long[] s) {
    long at = rng.nextInt(6) == 0 ? s[2] : time - rng.nextInt(30) * MINUTE;
    s[2] = at;
    return at;
  }

  private static int eventSeq(Random rng, long[] s) {
    return (int) (rng.nextInt(5) == 0 ? Math.max(1, s[0] - 1 - rng.nextInt(3)) : s[0]++);
  }

  /** The usual {@code <id>:<n>} mostly; sometimes another shape, or a leading zero (kept as bytes). */
  private static String eventIdOf(Random rng, String id, String usual) {
    return switch (rng.nextInt(10)) {
      case 0 -> "ev-" + Integer.toString(rng.nextInt(1000), 36);
      case 1 -> id + ":0" + rng.nextInt(20);
      case 2 -> id + ":w" + rng.nextInt(20);
      default -> usual;
    };
  }

  private static KeyedOneInputStreamOperatorTestHarness<Integer, VacancyEvent, RoutedVacancy> shardedVacancyRouter()
      throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new VacancyRouting(VACANCY_MAX_AGE)), RouterShards.VACANCY, Types.INT);
    h.open();
    return h;
  }

  private static KeyedOneInputStreamOperatorTestHarness<Integer, CandidateEvent, RoutedCandidate>
      shardedCandidateRouter() throws Exception {
    var h = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CandidateRouting(CANDIDATE_MAX_AGE)), RouterShards.CANDIDATE, Types.INT);
    h.open();
    return h;
  }

  private static <T> StreamRecord<T> record(T value, long at) {
    return new StreamRecord<>(value, at);
  }

  private static List<String> routes(KeyedOneInputStreamOperatorTestHarness<Integer, VacancyEvent, RoutedVacancy> h) {
    return h.extractOutputValues().stream()
        .map(r -> r.poolKey() + "|" + r.event().type() + "|" + r.event().eventId())
        .toList();
  }

  private static String describe(String pool, Object event) {
    if (event instanceof VacancyEvent v) {
      return pool + "|" + v.type() + "|" + v.eventId() + "|" + v.eventTime() + "|" + v.vacancyId();
    }
    CandidateEvent c = (CandidateEvent) event;
    return pool + "|" + c.type() + "|" + c.eventId() + "|" + c.eventTime() + "|" + c.candidateId();
  }

  private static VacancyEvent post(String id, int seq, VacancyEventType type, String city, String occupation,
      long posted, long at) {
    return Vacancies.event(type, id).eventId(id + ":" + seq).at(at).city(city).occupation(occupation).posted(posted)
        .essential(Fixtures.WELDING.essentialSkillIds()).build();
  }

  private static VacancyEvent withEventId(VacancyEvent v, String eventId) {
    return Vacancies.from(v).eventId(eventId).build();
  }

  private static CandidateEvent seeker(String id, int seq, CandidateEventType type, String city,
      List<String> accepted, long registered, long at) {
    return Candidates.event(type, id).eventId(id + ":" + seq).at(at).registered(registered).city(city).accepts(accepted)
        .occupations(List.of(WELDER, OTHER_FAMILY)).skills(Fixtures.WELDING.essentialSkillIds()).build();
  }

  private static CandidateEvent withEventId(CandidateEvent c, String eventId) {
    return Candidates.from(c).eventId(eventId).build();
  }

  /**
   * The routers as they were before shards (uids {@code -v2}): keyed by entity id, one membership
   * (time, event id, age limit, pools) and one event-time timer at the age limit per open entity.
   * The reference the sharded routers must equal; the rules (pools, leaves) are the routers' own.
   */
  static final class PerEntityRouting<E, R> extends KeyedProcessFunction<String, E, R> {
    private final PoolRouting<E, R> rules;
    /** Leaves sent, memberships cleared by their timer (so a run is known to exercise both). */
    int leaves;
    int expired;
    /** eventTime, eventId, expiry, pools... */
    private transient ValueState<List<String>> membership;

    PerEntityRouting(PoolRouting<E, R> rules) {
      this.rules = rules;
    }

    @Override
    public void open(OpenContext ctx) {
      membership = getRuntimeContext().getState(new ValueStateDescriptor<>("membership", Types.LIST(Types.STRING)));
    }

    @Override
    public void processElement(E e, Context ctx, Collector<R> out) throws Exception {
      List<String> last = membership.value();
      List<String> pools = rules.poolsOf(e);
      if (rules.closes(e)) {
        Set<String> all = new LinkedHashSet<>(pools);
        if (last != null) {
          all.addAll(last.subList(3, last.size()));
          ctx.timerService().deleteEventTimeTimer(Long.parseLong(last.get(2)));
          membership.clear();
        }
        all.forEach(key -> out.collect(rules.routed(key, e)));
        return;
      }
      pools.forEach(key -> out.collect(rules.routed(key, e)));
      if (last == null || notAfter(last, rules.eventTime(e), rules.eventId(e))) {
        if (last != null) {
          E leave = rules.leaving(e, rules.eventTime(e), rules.eventId(e));
          for (String key : last.subList(3, last.size())) {
            if (!pools.contains(key)) {
              out.collect(rules.routed(key, leave));
              leaves++;
            }
          }
          ctx.timerService().deleteEventTimeTimer(Long.parseLong(last.get(2)));
        }
        long expiry = rules.expiryOf(e);
        ctx.timerService().registerEventTimeTimer(expiry);
        List<String> m = new ArrayList<>(List.of(Long.toString(rules.eventTime(e)), rules.eventId(e),
            Long.toString(expiry)));
        m.addAll(pools);
        membership.update(m);
      } else {
        E newerInstant = rules.leaving(e, Long.parseLong(last.get(0)), last.get(1));
        for (String key : pools) {
          if (!last.subList(3, last.size()).contains(key)) {
            out.collect(rules.routed(key, newerInstant));
          }
        }
      }
    }

    private static boolean notAfter(List<String> last, long time, String id) {
      long lastTime = Long.parseLong(last.get(0));
      return time > lastTime || (time == lastTime && Arrays.compareUnsigned(id.getBytes(StandardCharsets.US_ASCII),
          last.get(1).getBytes(StandardCharsets.US_ASCII)) >= 0);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<R> out) throws Exception {
      List<String> last = membership.value();
      if (last != null && Long.parseLong(last.get(2)) == ts) {
        membership.clear();
        expired++;
      }
    }
  }
}
