package io.matchstream.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.MatchJobRuns;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.simulator.SimEvent;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.kafka.TopicDrain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live settings through the whole job (mini cluster, parallelism 2, real broker): a version written
 * to {@code match-settings} scores exactly the arrivals at or after its effective-from time, every
 * match carries the version that scored it, and a bad record changes nothing but a dead letter.
 * Expected output is {@link MatchOracle}'s brute force under each version.
 */
class LiveSettingsKafkaTest {
  @RegisterExtension
  static final Broker kafka = Broker.withoutTopics();

  @Test
  void aVersionTakesEffectAtItsTimeAndBadRecordsChangeNothing() throws Exception {
    List<SimEvent> input = MatchJobRuns.twoCities(42, 0.0);
    List<Object> valid = MatchJobRuns.valid(input);
    Configuration conf = freshTopics();
    MatchSettings options = MatchSettings.from(conf);
    long first = valid.stream().mapToLong(LiveSettingsKafkaTest::time).min().orElseThrow();
    long last = valid.stream().mapToLong(LiveSettingsKafkaTest::time).max().orElseThrow();
    long changeAt = first + (last - first) / 2;
    // Different weights, a lower threshold, a smaller k, a harsher salary rule: every live field moves.
    ScoreSettings v1 = new ScoreSettings(1L, 1, changeAt, 0.9, 2, 0.4, 0.2, 0.2, 0.1, 0.1, 0.5, 0.1);
    ScoreSettings malformed = new ScoreSettings(2L, 1, changeAt + Duration.ofHours(2).toMillis(), 0.5, 0,
        0.4, 0.2, 0.2, 0.1, 0.1, 0.5, 0.1);
    ScoreSettings replayOfOne = new ScoreSettings(1L, 1, 0, 0.5, 10, 1.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.1);
    String settingsTopic = conf.get(MatchOptions.TOPIC_SETTINGS);
    List<String> deadIds = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = MatchJobRuns.producer(kafka.kafka())) {
      for (byte[] value : List.of(EventCodec.encode(v1), EventCodec.encode(malformed), EventCodec.encode(replayOfOne),
          "raise the skills weight".getBytes(StandardCharsets.UTF_8))) {
        var md = producer.send(new ProducerRecord<>(settingsTopic, ScoreSettings.KEY.getBytes(StandardCharsets.UTF_8),
            value)).get();
        if (md.offset() > 0) {
          deadIds.add(DeadLetter.idOf(settingsTopic, md.partition(), md.offset()));
        }
      }
    }
    MatchJobRuns.produce(kafka.kafka(), conf, input);

    StreamExecutionEnvironment env = JobEnvironment.create(conf);
    MatchJob.wireKafka(env, conf);
    env.execute("live settings test");

    Map<String, MatchOracle.Expected> expected =
        MatchOracle.matches(valid, options, changeAt, options.withLive(v1), 1);
    assertThat(expected.values().stream().filter(e -> e.settingsVersion() == 0)).as("matches before").hasSizeGreaterThan(20);
    assertThat(expected.values().stream().filter(e -> e.settingsVersion() == 1)).as("matches after").hasSizeGreaterThan(20);
    // Not trivially the same under both: the change must show in the output.
    assertThat(expected).isNotEqualTo(MatchOracle.matches(valid, options));
    List<Match> matches = readAll(conf.get(JobOptions.TOPIC_MATCHES), Match.class);
    assertThat(matches).extracting(Match::matchId).doesNotHaveDuplicates();
    Map<String, MatchOracle.Expected> actual = new HashMap<>();
    for (Match m : matches) {
      assertThat(m.settingsVersion()).as("version of %s", m.matchId()).isNotNull();
      actual.put(m.matchId(), new MatchOracle.Expected(m.score(), m.settingsVersion()));
      // The known point: before the effective time version 0, from it on version 1.
      assertThat(m.settingsVersion()).as("version of a match at %d", m.eventTime())
          .isEqualTo(m.eventTime() >= changeAt ? 1L : 0L);
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);

    List<DeadLetter> dead = readAll(conf.get(JobOptions.TOPIC_DEAD_LETTERS), DeadLetter.class);
    assertThat(dead).extracting(DeadLetter::eventId).containsExactlyInAnyOrderElementsOf(deadIds);
    Map<Long, String> reasons = new HashMap<>();
    dead.forEach(d -> reasons.put(d.offset(), d.reason()));
    assertThat(reasons.get(1L)).isEqualTo("topK 0 is outside 1..50");
    assertThat(reasons.get(2L)).startsWith("version 1 is not above the current version 1");
    assertThat(reasons.get(3L)).startsWith("not JSON");
    assertThat(dead).allSatisfy(d -> {
      assertThat(d.job()).isEqualTo("match");
      assertThat(d.sourceTopic()).isEqualTo(settingsTopic);
    });
  }

  /** Fresh topics of two partitions, read to their end at parallelism 2, at least once, never restarted. */
  private static Configuration freshTopics() {
    Configuration conf = MatchJobRuns.freshTopics(kafka.kafka(), 2);
    conf.set(JobOptions.BOUNDED, true);
    conf.set(JobOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    return conf;
  }

  private static long time(Object e) {
    return e instanceof io.matchstream.events.VacancyEvent v ? v.eventTime()
        : ((io.matchstream.events.CandidateEvent) e).eventTime();
  }

  /** Every record of the topic (at-least-once, no transactions), read up to its end once the job finished. */
  private static <T> List<T> readAll(String topic, Class<T> type) {
    return TopicDrain.of(kafka.bootstrapServers()).readUncommitted().values(topic, b -> EventCodec.decode(b, type));
  }
}
