package io.matchstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class JobsMainTest {

  @Test
  void readsEveryOptionFromArgumentsAndEnvironmentArgumentsWinning() {
    Configuration conf = JobsMain.options(
        new String[] {"--job", "match", "--match.threshold", "0.95"},
        Map.of("MATCHSTREAM_MATCH_THRESHOLD", "0.5", "MATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "MATCHSTREAM_MATCH_TOP_K", "2"));

    assertThat(conf.get(MatchOptions.THRESHOLD)).isEqualTo(0.95);
    assertThat(conf.get(MatchOptions.TOP_K)).isEqualTo(2);
    assertThat(conf.get(JobOptions.BOOTSTRAP_SERVERS)).isEqualTo("kafka:9092");
    assertThat(conf.getString("job", null)).isEqualTo("match");
  }

  @Test
  void takesTheJobFromTheEnvironmentToo() {
    Configuration conf = JobsMain.options(new String[0], Map.of("MATCHSTREAM_JOB", "match"));

    assertThat(JobsMain.jobs(conf.getString("job", "all"))).containsExactly("match");
  }

  @Test
  void rejectsAnOutOfRangeValueNamingTheOption() {
    assertThatThrownBy(() -> JobsMain.options(new String[] {"--match.threshold", "1.5"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("match.threshold");
  }

  @Test
  void readsTheDeliveryGuaranteeAsTheConnectorsEnumAndRefusesNone() {
    Configuration conf = JobsMain.options(new String[0], Map.of("MATCHSTREAM_DELIVERY_GUARANTEE", "at-least-once"));
    assertThat(JobOptions.deliveryGuarantee(conf)).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(JobOptions.deliveryGuarantee(JobsMain.options(new String[0], Map.of())))
        .isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);

    assertThatThrownBy(() -> JobsMain.options(new String[] {"--delivery.guarantee", "none"}, Map.of()))
        .hasMessageContaining("delivery.guarantee");
    assertThatThrownBy(() -> JobsMain.options(new String[] {"--delivery.guarantee=sometimes"}, Map.of()))
        .hasMessageContaining("delivery.guarantee");
  }

  @Test
  void aDurationFromTheEnvironmentThatDoesNotParseNamesTheKey() {
    assertThatThrownBy(() -> JobsMain.options(new String[0], Map.of("MATCHSTREAM_SOURCE_IDLE_TIMEOUT", "soon")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source.idle-timeout");
    assertThat(JobsMain.options(new String[] {"--source.idle-timeout", "PT45S"}, Map.of()).get(JobOptions.IDLE_TIMEOUT))
        .isEqualTo(java.time.Duration.ofSeconds(45));
  }

  @Test
  void theHistoryTopicsAreOptionsLikeEveryOtherTopic() {
    Configuration conf = JobsMain.options(new String[] {"--topic.city-days", "days-x"},
        Map.of("MATCHSTREAM_TOPIC_ALERT_LOG", "log-x"));

    assertThat(conf.get(io.matchstream.jobs.stats.StatsOptions.TOPIC_CITY_DAYS)).isEqualTo("days-x");
    assertThat(conf.get(io.matchstream.jobs.stats.StatsOptions.TOPIC_ALERT_LOG)).isEqualTo("log-x");
  }

  @Test
  void anOptionWithoutAValueIsAnErrorNamingIt() {
    assertThatThrownBy(() -> JobsMain.options(new String[] {"--match.threshold"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--match.threshold");
  }

  @Test
  void anUnknownOptionExitsWithCode2NamingIt() throws Exception {
    Run run = jobsMain("--job", "match", "--match.treshold", "0.9");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.stderr).contains("unknown option --match.treshold");
  }

  @Test
  void anUnknownJobExitsWithCode2NamingTheKnownOnes() throws Exception {
    Run run = jobsMain("--job", "matchs");

    assertThat(run.code).isEqualTo(2);
    assertThat(run.stderr).contains("unknown job 'matchs'").contains("match");
  }

  private record Run(int code, String stderr) {}

  /** JobsMain in its own JVM, as {@code flink run} would start it; it must stop before any Flink work. */
  private static Run jobsMain(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), JobsMain.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("JobsMain exited").isTrue();
    return new Run(p.exitValue(), stderr);
  }
}
