package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchOptions;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** {@code --flink key=value}: the jobs' options and Flink's metrics pass; anything else is named and refused. */
class LocalFlinkOptionsTest {

    @Test
    void passesTheJobsOptionsAndFlinkMetricReporters() {
        Configuration conf = LocalFlink.options(Map.of(
                "source.idle-timeout", "30 s",
                "match.threshold", "0.95",
                "metrics.reporter.prom.port", "9249"));
        assertThat(conf.get(JobOptions.IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(conf.get(MatchOptions.THRESHOLD)).isEqualTo(0.95);
        assertThat(conf.getString("metrics.reporter.prom.port", null)).isEqualTo("9249");
    }

    @Test
    void refusesAnUnknownKeyNamingIt() {
        assertThatThrownBy(() -> LocalFlink.options(Map.of("source.idle-timout", "30 s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source.idle-timout").hasMessageContaining("source.idle-timeout");
    }

    @Test
    void refusesWhatTheAllInOneDecides() {
        for (String key : new String[] {"kafka.bootstrap-servers", "delivery.guarantee", "topic.matches", "topic.alerts"}) {
            assertThatThrownBy(() -> LocalFlink.options(Map.of(key, "x")))
                    .hasMessageContaining(key).hasMessageContaining("all-in-one");
        }
    }

    @Test
    void refusesAValueThatDoesNotParseNamingItsKey() {
        assertThatThrownBy(() -> LocalFlink.options(Map.of("match.threshold", "high")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("match.threshold");
    }
}
