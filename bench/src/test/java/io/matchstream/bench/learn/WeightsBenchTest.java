package io.matchstream.bench.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matchstream.events.ScoreSettings;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeightsBenchTest {
  private static final MatchSettings OPTIONS = MatchSettings.defaults();

  @Test
  void fittedWeightsSumToOneAndUnweighableComponentsKeepTheirStaticWeight() {
    Ranking.Logistic fit = new Ranking.Logistic(-3, new double[] {2, 6, 0, 0, 0},
        new boolean[] {true, true, true, false, false}, 0.2);
    double[] w = WeightsBench.normalise(fit, OPTIONS);
    assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-3));
    assertThat(w[3]).isEqualTo(OPTIONS.weightEmployment());
    assertThat(w[4]).isEqualTo(OPTIONS.weightLocation());
    assertThat(w[1] / w[0]).isCloseTo(3.0, within(1e-2));
    assertThat(w[2]).isZero();
  }

  @Test
  void noSignalAtAllFallsBackToTheStaticWeights() {
    Ranking.Logistic fit = new Ranking.Logistic(-3, new double[5], new boolean[] {true, true, true, true, true}, 0.2);
    assertThat(WeightsBench.normalise(fit, OPTIONS)).containsExactly(WeightsBench.staticWeights(OPTIONS));
  }

  @Test
  void thePrintedSettingsRecordIsOneTheJobAccepts() {
    double[] w = {0.3, 0.4, 0.1, 0.1, 0.1};
    String json = EventCodec.encodeToString(WeightsBench.settings(OPTIONS, w, 0.97, 1, 0));
    var parsed = EventValidator.withDefaults().parseSettings(json.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.isValid()).as(parsed.reason()).isTrue();
    assertThat(parsed.value().weightLevel()).isEqualTo(0.4);
    assertThat(parsed.value().threshold()).isEqualTo(0.97);
    assertThat(parsed.value().topK()).isEqualTo(OPTIONS.topK());
    assertThat(parsed.value().hasEffectiveFrom()).isFalse();
  }

  @Test
  void sameSeedSameRunAndTheFittedVersionTakesOverAtItsDay() throws Exception {
    SimulatorConfig sim = SimulatorConfig.builder().seed(3).cities("ningbo").volumeScale(0.2)
        .duration(Duration.ofDays(3)).build();
    LoopRun a = LoopRun.run(sim, OPTIONS, null);
    LoopRun b = LoopRun.run(sim, OPTIONS, null);
    assertThat(a.rows).isNotEmpty();
    assertThat(b.rows.stream().map(LoopRun.Row::matchId).toList())
        .isEqualTo(a.rows.stream().map(LoopRun.Row::matchId).toList());
    assertThat(b.hired).isEqualTo(a.hired);
    assertThat(b.placedPerDay).isEqualTo(a.placedPerDay);

    LocalDate first = ShanghaiCalendar.dateOf(sim.start());
    long from = ShanghaiCalendar.start(first.plusDays(2)).toEpochMilli();
    ScoreSettings fitted = WeightsBench.settings(OPTIONS, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 0.9, 1, from);
    LoopRun live = LoopRun.run(sim, OPTIONS, fitted);
    // Before the day the settings take effect: the static run's matches, version 0; from it on, version 1.
    assertThat(live.days(0, 2).stream().map(LoopRun.Row::matchId).toList())
        .isEqualTo(a.days(0, 2).stream().map(LoopRun.Row::matchId).toList());
    assertThat(live.days(0, 2)).allMatch(r -> r.settingsVersion() == 0);
    assertThat(live.days(3, 3)).isNotEmpty().allMatch(r -> r.settingsVersion() == 1);
    assertThat(live.days(3, 3).size()).isNotEqualTo(a.days(3, 3).size());
  }
}
