package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.AlertState;
import io.matchstream.jobs.stats.records.ShortageState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortageDetectorTest {
  private final ShortageDetector detector = new ShortageDetector(StatsSettings.defaults());
  private ShortageState state;

  /** Closes one day with the given ratio (out of 100 seekers); returns the alert change, if any. */
  private AlertState closeDayAt(double ratio) {
    ShortageDetector.Step step = detector.onDayClose(state, 0, Math.round(ratio * 100), 100);
    state = step.next();
    return step.change();
  }

  private List<AlertState> closeDaysAt(double... ratios) {
    List<AlertState> changes = new ArrayList<>();
    for (double r : ratios) {
      AlertState c = closeDayAt(r);
      if (c != null) {
        changes.add(c);
      }
    }
    return changes;
  }

  @Test
  void firesAfterThreeConsecutiveDaysAboveTheThreshold() {
    assertThat(closeDaysAt(3.1, 3.2)).isEmpty();
    assertThat(closeDayAt(3.3)).isEqualTo(AlertState.FIRING);
  }

  @Test
  void aDayAtOrBelowTheThresholdRestartsTheCount() {
    assertThat(closeDaysAt(3.1, 3.1, 3.0, 3.1, 3.1)).isEmpty();
    assertThat(state).isNotNull();
    assertThat(closeDayAt(3.1)).isEqualTo(AlertState.FIRING);
  }

  @Test
  void aRatioOscillatingBetweenTheThresholdsAfterFiringNeitherResolvesNorRefires() {
    assertThat(closeDaysAt(3.1, 3.1, 3.1)).containsExactly(AlertState.FIRING);
    assertThat(closeDaysAt(2.6, 3.1, 2.6, 3.1, 2.6, 3.1, 2.6)).isEmpty();
    assertThat(state.firing).isTrue();
  }

  @Test
  void resolvesOnlyBelowTheLowerThresholdAndForgetsTheState() {
    closeDaysAt(3.1, 3.1, 3.1);
    assertThat(closeDayAt(2.5)).isNull();
    assertThat(closeDayAt(2.49)).isEqualTo(AlertState.RESOLVED);
    assertThat(state).isNull();
  }

  @Test
  void noSupplyAtAllIsAShortageButAHandfulOfPostsIsNot() {
    ShortageDetector.Step few = detector.onDayClose(null, 0, 4, 0);
    assertThat(few.next()).isNull();
    ShortageState s = null;
    AlertState last = null;
    for (int i = 0; i < 3; i++) {
      ShortageDetector.Step step = detector.onDayClose(s, 0, 50, 0);
      s = step.next();
      last = step.change();
    }
    assertThat(last).isEqualTo(AlertState.FIRING);
  }
}
