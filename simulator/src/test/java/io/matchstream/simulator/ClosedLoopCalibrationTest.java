package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.OutcomeStage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ningbo at full volume for eight simulated days, open loop and closed loop (the stand-in matcher's
 * ~2,600 matches a day offered as found), measured per Shanghai day. Days 4–8 are compared: by then
 * matches made on day one have had time to end in a hire.
 */
class ClosedLoopCalibrationTest {
  static final SimulatorConfig NINGBO =
      SimulatorConfig.builder().cities("ningbo").duration(Duration.ofDays(8)).build();
  static final LocalDate FROM = LocalDate.of(2026, 3, 5);
  static final LocalDate TO = LocalDate.of(2026, 3, 9);

  static ClosedLoopRun open;
  static ClosedLoopRun closed;

  @BeforeAll
  static void run() throws Exception {
    open = ClosedLoopRun.run(NINGBO, false, e -> {});
    closed = ClosedLoopRun.run(NINGBO, true, e -> {});
    System.out.printf("Ningbo hires/day (days 4-8): open %.0f, closed %.0f, through matches %.0f (%.1f %%);"
            + " matches/day %.0f; stages %s; match-to-hire %.1f %%; max in play %d%n",
        perDay(open.placed), perDay(closed.placed), hiresThroughMatches() / days(),
        100 * hiresThroughMatches() / sum(closed.placed), perDay(closed.matches), closed.stages,
        100 * hiresThroughMatches() / sum(closed.matches), closed.maxPending);
  }

  @Test
  void ningboHiresADayStayNearTheOpenLoops() {
    assertThat(perDay(open.placed)).as("open loop, the calibrated ~700").isBetween(650.0, 800.0);
    assertThat(perDay(closed.placed) / perDay(open.placed)).as("closed / open").isBetween(0.92, 1.08);
  }

  @Test
  void aFifthOfHiresComeThroughMatches() {
    assertThat(hiresThroughMatches() / sum(closed.placed)).isBetween(0.12, 0.30);
  }

  @Test
  void theFunnelNarrowsAtEachStep() {
    Map<OutcomeStage, Long> s = closed.stages;
    assertThat(ratio(s, OutcomeStage.INTERVIEW, OutcomeStage.CONTACTED)).isBetween(0.2, 0.5);
    assertThat(ratio(s, OutcomeStage.OFFER, OutcomeStage.INTERVIEW)).isBetween(0.25, 0.6);
    assertThat(ratio(s, OutcomeStage.HIRED, OutcomeStage.OFFER)).isBetween(0.3, 0.8);
  }

  static double ratio(Map<OutcomeStage, Long> s, OutcomeStage a, OutcomeStage b) {
    return s.getOrDefault(a, 0L) / (double) s.get(b);
  }

  static double hiresThroughMatches() {
    double n = 0;
    for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) n += closed.hiresThroughMatches(d);
    return n;
  }

  static double sum(Map<LocalDate, Long> perDay) {
    double n = 0;
    for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) n += perDay.getOrDefault(d, 0L);
    return n;
  }

  static double perDay(Map<LocalDate, Long> perDay) {
    return sum(perDay) / days();
  }

  static double days() {
    return FROM.datesUntil(TO.plusDays(1)).count();
  }
}
