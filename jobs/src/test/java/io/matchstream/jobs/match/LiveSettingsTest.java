package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.ScoreSettings;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which settings version scores an arrival, and which versions are refused or dropped. */
class LiveSettingsTest {
  private static final MatchScorer OPTIONS = new MatchScorer(MatchSettings.defaults(), Fixtures.TAXONOMY);

  private static ScoreSettings version(long v, long from, double threshold) {
    return new ScoreSettings(v, 1, from, threshold, 3, 0.5, 0.2, 0.1, 0.1, 0.1, 0.6, 0.15);
  }

  @Test
  void theOptionsAreVersionZeroUntilAVersionAppliesFromItsTime() {
    LiveSettings live = new LiveSettings(OPTIONS);
    assertThat(live.current()).isZero();
    live.add(version(1, 1_000, 0.9));
    assertThat(live.at(999).version()).isZero();
    assertThat(live.at(999).scorer()).isSameAs(OPTIONS);
    assertThat(live.at(1_000).version()).isEqualTo(1);
    assertThat(live.at(1_000).scorer().settings().threshold()).isEqualTo(0.9);
    // The state-bound parts stay the options'.
    assertThat(live.at(1_000).scorer().settings().essentialSkillFactor())
        .isEqualTo(MatchSettings.defaults().essentialSkillFactor());
  }

  @Test
  void aVersionNotAboveTheCurrentIsRefusedSoAReplayNeverReverts() {
    LiveSettings live = new LiveSettings(OPTIONS);
    assertThat(live.refusal(version(1, 0, 0.9))).isNull();
    live.add(version(1, 0, 0.9));
    assertThat(live.refusal(version(1, 0, 0.5))).startsWith("version 1 is not above the current version 1");
    assertThat(live.refusal(version(0, 0, 0.5))).startsWith("version 0 is not above");
    assertThat(live.refusal(version(2, 0, 0.5))).isNull();
  }

  @Test
  void pendingVersionsApplyInTurnAndAnOverriddenOneIsDropped() {
    LiveSettings live = new LiveSettings(OPTIONS);
    live.add(version(1, 1_000, 0.91));
    live.add(version(2, 2_000, 0.92));
    assertThat(live.at(1_500).version()).isEqualTo(1);
    assertThat(live.at(2_500).version()).isEqualTo(2);
    // Version 3 from 1_500 overrides version 2 (from 2_000) entirely, not version 1 before it.
    live.add(version(3, 1_500, 0.93));
    assertThat(live.records()).extracting(ScoreSettings::version).containsExactly(1L, 3L);
    assertThat(live.at(1_200).version()).isEqualTo(1);
    assertThat(live.at(2_500).version()).isEqualTo(3);
    // Without a time: from now on, for everything not yet applied.
    live.add(new ScoreSettings(4L, 1, 0, 0.94, 3, 0.5, 0.2, 0.1, 0.1, 0.1, 0.6, 0.15));
    assertThat(live.records()).extracting(ScoreSettings::version).containsExactly(4L);
    assertThat(live.at(Long.MIN_VALUE + 1).version()).isEqualTo(4);
  }

  @Test
  void atMostThirtyTwoVersionsAreKeptAndARestoreRebuildsTheSame() {
    LiveSettings live = new LiveSettings(OPTIONS);
    for (long v = 1; v <= 100; v++) {
      live.add(version(v, v * 1_000, 0.9));
    }
    assertThat(live.records()).hasSize(LiveSettings.MAX_KEPT);
    assertThat(live.current()).isEqualTo(100);
    Map<Long, ScoreSettings> state = new TreeMap<>();
    live.records().forEach(s -> state.put(s.version(), s));
    LiveSettings restored = LiveSettings.of(OPTIONS, state.entrySet());
    assertThat(restored.records()).containsExactlyElementsOf(live.records());
    assertThat(restored.at(90_500).version()).isEqualTo(90);
  }
}
