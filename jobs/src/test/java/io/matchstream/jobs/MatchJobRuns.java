package io.matchstream.jobs;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchOptions;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The match job's Kafka tests set up the same way: a seeded stream of two neighbouring cities, a
 * fresh set of topics per run on the embedded broker, the stream produced in emission order, and
 * the valid events decoded independently of the job's boundary for the oracle.
 */
public final class MatchJobRuns {
  private MatchJobRuns() {}

  /**
   * Two neighbouring cities (candidates cross between them) for a day and a half at 4 % of the
   * pilot's volume: the initial stock and a working day of arrivals, updates, fills and withdrawals.
   */
  public static List<SimEvent> twoCities(long seed, double poisonRate) {
    SimulatorConfig config = SimulatorConfig.builder()
        .seed(seed)
        .cities("ningbo", "hangzhou")
        .duration(Duration.ofHours(36))
        .volumeScale(0.04)
        .poisonRate(poisonRate)
        .build();
    List<SimEvent> events = new ArrayList<>();
    Simulator.events(config).forEachRemaining(events::add);
    return events;
  }

  /**
   * Options naming fresh topics (suffixed with a random run id, {@code partitions} each; the
   * settings topic compacted with one), the consumer group and transactional ids likewise, a
   * 300 ms checkpoint interval and the simulator's disorder as the watermark delay. Callers add what
   * their test is about (bounded, delivery guarantee, parallelism, restarts).
   */
  public static Configuration freshTopics(EmbeddedKafka kafka, int partitions) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Configuration conf = new Configuration();
    conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofMillis(300));
    // The simulator's promise about lateness is the job's watermark delay.
    conf.set(JobOptions.MAX_OUT_OF_ORDERNESS, Simulator.MAX_DISORDER);
    // Every partition has data until it ends (an ended split no longer holds the watermark), so
    // idleness would only ever fire when a busy machine stalls a reader, and then let the watermark
    // overtake its records: the output would depend on the machine's load, not on the input.
    conf.set(JobOptions.IDLE_TIMEOUT, Duration.ofMinutes(10));
    conf.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "test-" + run);
    conf.set(JobOptions.GROUP_ID_PREFIX, "test-" + run);
    conf.set(JobOptions.TOPIC_VACANCIES, Topics.VACANCIES + "-" + run);
    conf.set(JobOptions.TOPIC_CANDIDATES, Topics.CANDIDATES + "-" + run);
    conf.set(JobOptions.TOPIC_MATCHES, Topics.MATCHES + "-" + run);
    conf.set(JobOptions.TOPIC_DEAD_LETTERS, Topics.DEAD_LETTERS + "-" + run);
    conf.set(MatchOptions.TOPIC_SETTINGS, Topics.MATCH_SETTINGS + "-" + run);
    for (var t : List.of(JobOptions.TOPIC_VACANCIES, JobOptions.TOPIC_CANDIDATES, JobOptions.TOPIC_MATCHES,
        JobOptions.TOPIC_DEAD_LETTERS)) {
      kafka.createTopic(new TopicSpec(conf.get(t), partitions, Map.of()));
    }
    kafka.createTopic(TopicSpec.compacted(conf.get(MatchOptions.TOPIC_SETTINGS), 1));
    return conf;
  }

  /** An idempotent producer of raw bytes to the broker. */
  public static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("enable.idempotence", "true");
    return new KafkaProducer<>(p);
  }

  /**
   * Produces the stream to the options' vacancy and candidate topics in emission order, each
   * record stamped with its event time, and waits until all are acknowledged. Returns the poison
   * records by their dead-letter id (topic, partition, offset).
   */
  public static Map<String, SimEvent> produce(EmbeddedKafka kafka, Configuration conf, List<SimEvent> input)
      throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>(input.size());
    try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
      for (SimEvent e : input) {
        String topic = conf.get(e.topic().equals(Topics.VACANCIES) ? JobOptions.TOPIC_VACANCIES : JobOptions.TOPIC_CANDIDATES);
        sent.add(producer.send(new ProducerRecord<>(topic, null, e.eventTime(),
            e.key().getBytes(StandardCharsets.UTF_8), e.value())));
      }
      Map<String, SimEvent> poison = new HashMap<>();
      for (int i = 0; i < input.size(); i++) {
        RecordMetadata md = sent.get(i).get();
        if (input.get(i).isPoison()) {
          poison.put(DeadLetter.idOf(md.topic(), md.partition(), md.offset()), input.get(i));
        }
      }
      return poison;
    }
  }

  /** The valid events of the stream, decoded by the codec independently of the job's boundary. */
  public static List<Object> valid(List<SimEvent> input) throws Exception {
    List<Object> events = new ArrayList<>();
    for (SimEvent e : input) {
      if (!e.isPoison()) {
        events.add(e.topic().equals(Topics.VACANCIES)
            ? EventCodec.decodeVacancy(e.value()) : EventCodec.decodeCandidate(e.value()));
      }
    }
    return events;
  }
}
