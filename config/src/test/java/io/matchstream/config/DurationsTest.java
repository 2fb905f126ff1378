package io.matchstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsANumberAndAUnitWithOrWithoutASpace() {
    assertThat(Durations.parse("30 s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("10 min")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("12 hours")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("90 d")).isEqualTo(Duration.ofDays(90));
    assertThat(Durations.parse("250 ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse(" 2 H ")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aBareNumberIsMilliseconds() {
    assertThat(Durations.parse("1500")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void readsIso8601() {
    assertThat(Durations.parse("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("P7D")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("PT0.5S")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsUnknownUnitsNegativesAndEmptyTextSayingWhatIsAccepted() {
    assertThatThrownBy(() -> Durations.parse("3 weeks")).hasMessageContaining("unknown unit 'weeks'")
        .hasMessageContaining("30 s");
    assertThatThrownBy(() -> Durations.parse("-PT1S")).hasMessageContaining("negative");
    assertThatThrownBy(() -> Durations.parse(" ")).hasMessageContaining("not empty");
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("'soon'");
    assertThatThrownBy(() -> Durations.parsePositive("0 s")).hasMessageContaining("positive");
  }
}
