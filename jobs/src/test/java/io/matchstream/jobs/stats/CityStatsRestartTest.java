package io.matchstream.jobs.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.testkit.kafka.TopicDrain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Stop with a savepoint after alerts fired, restart from it: no alert fires a second time. */
class CityStatsRestartTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final long T0 = IsoTime.parse("2026-03-02T09:00:00+08:00");
  static final long DAY = ShanghaiCalendar.DAY_MILLIS;

  @TempDir Path savepoints;

  @Test
  void aRestartFromASavepointFiresNoAlertASecondTime() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      String bootstrap = kafka.bootstrapServers();
      // Five technical posts open; then time moves four days on (threshold 3 d): five alerts fire.
      TinyWorld world = new TinyWorld();
      for (int i = 0; i < 5; i++) {
        world.openTechnicalPost(i, T0);
      }
      world.tick(T0 + 4 * DAY);
      KafkaIo.produce(bootstrap, world.drain());

      JobClient first = start(bootstrap, null);
      awaitAlerts(bootstrap, a -> a.state() == AlertState.FIRING, 5);
      String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
          .get();

      // Two posts are filled, and time moves on again, after the restart.
      world.fill(0, T0 + 5 * DAY);
      world.fill(1, T0 + 5 * DAY);
      world.tick(T0 + 6 * DAY);
      KafkaIo.produce(bootstrap, world.drain());
      JobClient second = start(bootstrap, savepoint);
      awaitAlerts(bootstrap, a -> a.state() == AlertState.RESOLVED, 2);
      second.cancel().get();

      List<Alert> alerts = committedAlerts(bootstrap);
      Map<String, Long> firings = alerts.stream().filter(a -> a.state() == AlertState.FIRING)
          .collect(Collectors.groupingBy(Alert::alertId, Collectors.counting()));
      assertThat(firings).hasSize(5).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      assertThat(alerts).filteredOn(a -> a.state() == AlertState.RESOLVED).extracting(Alert::vacancyId)
          .containsExactlyInAnyOrder(TinyWorld.vacancyId(0), TinyWorld.vacancyId(1));
    }
  }

  private static JobClient start(String bootstrap, String savepoint) throws Exception {
    Configuration conf = new Configuration();
    conf.set(StatsOptions.BOOTSTRAP_SERVERS, bootstrap);
    conf.set(StatsOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.EXACTLY_ONCE);
    conf.setString("stats.update-interval", "200 ms");
    conf.setString("source.idle-timeout", "1 s");
    conf.setString("alerts.unfilled.threshold", "3 d");
    Configuration envConf = new Configuration();
    if (savepoint != null) {
      envConf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(envConf);
    env.setParallelism(2);
    env.enableCheckpointing(300);
    CityStatsJob.wireKafka(env, conf);
    return env.executeAsync("city-stats-restart-it");
  }

  private static void awaitAlerts(String bootstrap, Predicate<Alert> which, int atLeast) {
    try {
      await().pollInSameThread().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> committedAlerts(bootstrap).stream().filter(which).count() >= atLeast);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("fewer than " + atLeast + " such alerts within 90 s: " + committedAlerts(bootstrap));
    }
  }

  private static List<Alert> committedAlerts(String bootstrap) {
    return TopicDrain.of(bootstrap).values("alerts", EventCodec::decodeAlert).stream().filter(a -> a.alertType() == AlertType.UNFILLED_TECHNICAL_POST).toList();
  }
}
