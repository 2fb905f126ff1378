package io.matchstream.jobs.stats;

import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.MONDAY_MORNING;
import static io.matchstream.jobs.stats.Fixtures.WELDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Ids;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeActor;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.stats.functions.FunnelFunction;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.state.Shards;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The funnel's operator on Flink's keyed two-input harness: matches on input 1, outcomes on input 2. */
class FunnelFunctionTest {
  static final String MATCH = Ids.matchId("vac-ningbo000001", "cand-ningbo000001");
  static final String OTHER_MATCH = Ids.matchId("vac-ningbo000002", "cand-ningbo000002");
  static final long HOUR = 3_600_000L;
  static final StatsSettings SETTINGS = Fixtures.settings("stats.funnel-window", "30 d");

  private KeyedTwoInputStreamOperatorTestHarness<Integer, CityDelta, OutcomeChange, CityDelta> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static KeyedTwoInputStreamOperatorTestHarness<Integer, CityDelta, OutcomeChange, CityDelta> newHarness()
      throws Exception {
    return new KeyedTwoInputStreamOperatorTestHarness<>(
        new KeyedCoProcessOperator<>(new FunnelFunction(SETTINGS)), Shards.MATCH, Shards.OUTCOME, Types.INT);
  }

  static CityDelta aWelderMatch(String id, String city, long time) {
    return CityDelta.of(city, time, DeltaKind.MATCH, 1).withMatchId(id).withOccupation(WELDER);
  }

  static OutcomeChange anOutcome(String outcomeId, String matchId, String city, OutcomeStage stage, long time) {
    MatchOutcome o = new MatchOutcome(outcomeId, matchId, time, SchemaVersion.CURRENT, city, stage,
        OutcomeActor.PARK_OPERATOR, stage.isProgress() ? OutcomeReason.ADVANCED : OutcomeReason.PAY);
    OutcomeChange c = OutcomeChange.of(o);
    c.sourceTopic = "match-outcomes";
    c.partition = 1;
    c.offset = 7;
    c.raw = EventCodec.encode(o);
    return c;
  }

  private void match(CityDelta d) throws Exception {
    harness.processElement1(new StreamRecord<>(d, d.time));
  }

  private void outcome(OutcomeChange o) throws Exception {
    harness.processElement2(new StreamRecord<>(o, o.eventTime));
  }

  private void watermark(long t) throws Exception {
    harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
  }

  private List<CityDelta> deltas() {
    return harness.extractOutputValues();
  }

  /** Stage ranks of the REACHED deltas, in order. */
  private List<Integer> reached() {
    return deltas().stream().filter(d -> d.kind == DeltaKind.REACHED).map(d -> d.stage).toList();
  }

  private List<String> deadLetterReasons() {
    var out = harness.getSideOutput(FunnelFunction.DEAD_LETTERS);
    return out == null ? List.of() : out.stream().map(r -> r.getValue().reason()).toList();
  }

  @Test
  void anOutcomeReadBeforeItsMatchIsDecidedOnceTheWatermarkPassesIt() throws Exception {
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR));
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    assertThat(deltas()).isEmpty();

    watermark(MONDAY_MORNING + HOUR);

    assertThat(deltas()).singleElement().satisfies(d -> {
      assertThat(d.kind).isEqualTo(DeltaKind.REACHED);
      assertThat(d.stage).isEqualTo(OutcomeStage.CONTACTED.rank());
      assertThat(d.cityId).isEqualTo("ningbo");
      assertThat(d.occupationCode).isEqualTo(WELDER);
      assertThat(d.time).isEqualTo(MONDAY_MORNING + HOUR);
      assertThat(d.cohortDay).isEqualTo(ShanghaiCalendar.dayOf(MONDAY_MORNING));
    });
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void eachStageCountsOnceOnTheDayFirstReachedAndSkippedStagesCountWithTheLaterOne() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR));
    outcome(anOutcome("o-contact-2", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + 2 * HOUR));
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + DAY + 3 * HOUR));
    watermark(MONDAY_MORNING + 2 * DAY);

    assertThat(reached()).containsExactly(1, 2, 3, 4);
    CityDelta hire = deltas().get(deltas().size() - 1);
    assertThat(hire.sinceMatchMillis).isEqualTo(DAY + 3 * HOUR);
    assertThat(hire.time).isEqualTo(MONDAY_MORNING + DAY + 3 * HOUR);
    assertThat(deltas()).filteredOn(d -> d.stage == 2).singleElement()
        .satisfies(d -> assertThat(d.time).as("interview counted on the hire's day").isEqualTo(hire.time));
  }

  @Test
  void aRepeatedOutcomeCountsOnceAndIsNoImpossibleStep() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + HOUR));
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + HOUR));
    watermark(MONDAY_MORNING + 2 * HOUR);
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + HOUR)); // behind the watermark

    assertThat(reached()).containsExactly(1, 2, 3, 4);
    assertThat(deadLetterReasons()).isEmpty();
  }

  @Test
  void anEndingCountsAsEnded() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-interview-1", MATCH, "ningbo", OutcomeStage.INTERVIEW, MONDAY_MORNING + HOUR));
    outcome(anOutcome("o-noshow-1", MATCH, "ningbo", OutcomeStage.NO_SHOW, MONDAY_MORNING + 2 * HOUR));
    watermark(MONDAY_MORNING + 3 * HOUR);

    assertThat(deltas()).extracting(d -> d.kind)
        .containsExactly(DeltaKind.REACHED, DeltaKind.REACHED, DeltaKind.ENDED);
  }

  @Test
  void anOutcomeForAnUnknownMatchIsDeadLetteredNamingIt() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-contact-1", OTHER_MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR));
    watermark(MONDAY_MORNING + HOUR);

    assertThat(deltas()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly(
        "unknown match '" + OTHER_MATCH + "', or one made more than 30 days before the outcome");
    DeadLetter d = harness.getSideOutput(FunnelFunction.DEAD_LETTERS).peek().getValue();
    assertThat(d.sourceTopic()).isEqualTo("match-outcomes");
    assertThat(d.job()).isEqualTo("city-stats");
    assertThat(d.record()).as("replayable: the outcome's contract fields").contains("o-contact-1");
  }

  @Test
  void anOutcomeOfAnotherCityIsDeadLettered() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-contact-1", MATCH, "hangzhou", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR));
    watermark(MONDAY_MORNING + HOUR);

    assertThat(deltas()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly("match '" + MATCH + "' is of city 'ningbo', not 'hangzhou'");
  }

  @Test
  void anOutcomeBeforeItsMatchIsDeadLettered() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING - 60_000));
    watermark(MONDAY_MORNING);

    assertThat(deltas()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly(
        "eventTime 2026-03-02T08:59:00+08:00 is before its match's eventTime 2026-03-02T09:00:00+08:00");
  }

  @Test
  void impossibleStepsAreDeadLetteredWithTheTransitionsReason() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    match(aWelderMatch(OTHER_MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-noshow-1", MATCH, "ningbo", OutcomeStage.NO_SHOW, MONDAY_MORNING + HOUR));
    outcome(anOutcome("o-offer-1", MATCH, "ningbo", OutcomeStage.OFFER, MONDAY_MORNING + 2 * HOUR));
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + 3 * HOUR));
    outcome(anOutcome("o-declined-2", OTHER_MATCH, "ningbo", OutcomeStage.DECLINED, MONDAY_MORNING + HOUR));
    outcome(anOutcome("o-hired-2", OTHER_MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + 2 * HOUR));
    watermark(MONDAY_MORNING + DAY);

    assertThat(deadLetterReasons()).containsExactlyInAnyOrder(
        "stage NO_SHOW needs an INTERVIEW or OFFER before it, not no outcome yet",
        "stage CONTACTED cannot follow OFFER: a match does not go back",
        "stage HIRED cannot follow DECLINED: DECLINED is final");
    assertThat(reached()).as("the offer counts, with its skipped steps").containsExactly(1, 2, 3);
  }

  @Test
  void anOutcomeMoreThanTheWindowAfterItsMatchIsDeadLetteredEvenWhileTheMatchIsKept() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + 30 * DAY));
    watermark(MONDAY_MORNING + 30 * DAY);

    assertThat(deltas()).isEmpty();
    assertThat(deadLetterReasons()).containsExactly(
        "unknown match '" + MATCH + "', or one made more than 30 days before the outcome");
  }

  @Test
  void aDaysMatchesAreForgottenTheWindowAfterTheDayEndsAndNotBefore() throws Exception {
    long mondayEnd = ShanghaiCalendar.end(ShanghaiCalendar.dayOf(MONDAY_MORNING));
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    match(aWelderMatch(OTHER_MATCH, "ningbo", MONDAY_MORNING + DAY));
    assertThat(harness.numKeyedStateEntries()).isPositive();

    watermark(mondayEnd + 30 * DAY - 1);
    outcome(anOutcome("o-contact-2", OTHER_MATCH, "ningbo", OutcomeStage.CONTACTED, mondayEnd + 30 * DAY - 1));
    assertThat(reached()).containsExactly(1);

    watermark(mondayEnd + 31 * DAY);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();

    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, mondayEnd + 31 * DAY));
    assertThat(deadLetterReasons()).containsExactly(
        "unknown match '" + MATCH + "', or one made more than 30 days before the outcome");
  }

  @Test
  void followedMatchesTheirStagesAndHeldOutcomesSurviveARestoreFromASnapshot() throws Exception {
    match(aWelderMatch(MATCH, "ningbo", MONDAY_MORNING));
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR));
    watermark(MONDAY_MORNING + HOUR);
    outcome(anOutcome("o-offer-1", MATCH, "ningbo", OutcomeStage.OFFER, MONDAY_MORNING + 5 * HOUR)); // held
    OperatorSubtaskState snapshot = harness.snapshot(1, MONDAY_MORNING + 2 * HOUR);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    outcome(anOutcome("o-contact-1", MATCH, "ningbo", OutcomeStage.CONTACTED, MONDAY_MORNING + HOUR)); // a repeat
    outcome(anOutcome("o-hired-1", MATCH, "ningbo", OutcomeStage.HIRED, MONDAY_MORNING + 6 * HOUR));
    watermark(MONDAY_MORNING + 7 * HOUR);

    assertThat(reached()).as("interview and offer from the held offer, then the hire").containsExactly(2, 3, 4);
    assertThat(deadLetterReasons()).isEmpty();
    assertThat(deltas().stream().filter(d -> d.stage == 4).map(d -> d.sinceMatchMillis).filter(Objects::nonNull))
        .containsExactly(6 * HOUR);
  }
}
