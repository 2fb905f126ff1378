package io.matchstream.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.config.Durations;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The commands without Flink read durations with {@link Durations}; the jobs with Flink's
 * {@link TimeUtils}. One syntax for every command means the two agree on every form.
 */
class DurationsParityTest {

  @Test
  void theSharedParserReadsEveryFormAsFlinkDoes() {
    for (String text : new String[] {"30 s", "30s", "10 min", "5m", "2 h", "12 hours", "1 d", "90 days", "250 ms",
        "1500", "7 µs", "3 ns", "1 second", "PT12H", "P7D", "PT0.5S", " 45 SEC "}) {
      assertThat(Durations.parse(text)).as(text).isEqualTo(TimeUtils.parseDuration(text));
    }
  }

  @Test
  void bothRefuseWhatIsNotADuration() {
    for (String text : new String[] {"3 weeks", "soon", "-PT1S", "1.5 s"}) {
      assertThatThrownBy(() -> TimeUtils.parseDuration(text)).as("Flink: " + text).isInstanceOf(RuntimeException.class);
      assertThatThrownBy(() -> Durations.parse(text)).as("shared: " + text).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
