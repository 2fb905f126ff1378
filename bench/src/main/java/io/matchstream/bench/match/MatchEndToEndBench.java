package io.matchstream.bench.match;

import io.matchstream.bench.BenchOptions;
import io.matchstream.bench.common.BenchFlink;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.common.Sources;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.KafkaEventWriter;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end records per second of the match job through the real broker (JSON in and out,
 * parallelism 2), beside a pass-through job over the same records in the same run: the same Kafka
 * sources and {@code ValidatingDeserializationSchema}, then serialise and write back. The ratio
 * match / pass-through is the figure; absolute numbers move with the machine's load.
 *
 * <p>Input: the simulator's stream for all 39 cities (seeded, with 0.1% poison records), written
 * once to the embedded broker before any job starts. Args (optional): simulated days (default 30),
 * record cap (default 1000000), rounds after the warm-up (default 1).
 *
 * <p>The figure is the steady state: records in over the seconds from the first record out to the
 * last (output topics stamp records with the broker's append time), so job start-up and the end of
 * a bounded run do not weigh on it; the submit-to-end ratio is printed beside it.
 */
public final class MatchEndToEndBench {
  private static final int PARALLELISM = 2;
  private static final Path CHECKPOINTS = tempDir();

  private MatchEndToEndBench() {}

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("match-bench-checkpoints-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param seconds submit to end of the bounded job
   * @param out records out
   * @param span seconds from the first record out to the last: the steady state, start-up excluded
   */
  private record Row(String job, double seconds, long out, double span) {}

  @Command(name = "match-end-to-end-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--days", defaultValue = "30", description = "Simulated days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--records", defaultValue = "1000000", description = "Record cap (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--rounds", defaultValue = "1", description = "Reported rounds (default ${DEFAULT-VALUE}).")
    int rounds;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int days = o.days;
    long cap = o.records;
    int rounds = o.rounds;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      String bootstrap = kafka.bootstrapServers();
      SimulatorConfig sim = SimulatorConfig.builder().duration(Duration.ofDays(days)).maxEvents(cap)
          .poisonRate(0.001).build();
      KafkaEventWriter writer = new KafkaEventWriter(bootstrap, Simulator.events(sim), 0, 0, line -> { });
      long t0 = System.nanoTime();
      writer.run();
      long n = writer.sent();
      System.out.printf(Locale.ROOT, "records written: %,d (%d cities, %d simulated days, seed %d) in %.1f s%n",
          n, sim.cities().size(), days, sim.seed(), (System.nanoTime() - t0) / 1e9);

      List<Row> rows = new ArrayList<>();
      // Round 0 warms the JVM (JIT, class loading) and is not reported.
      for (int round = 0; round <= rounds; round++) {
        Row pt = passThrough(kafka, "pt-" + round);
        Row alo = match(kafka, "at-least-once", round);
        Row eo = match(kafka, "exactly-once", round);
        if (round > 0) {
          rows.addAll(List.of(pt, alo, eo));
        }
        System.out.printf(Locale.ROOT, "round %d%s: pass-through %.1f s, match ALO %.1f s, match EO %.1f s%n",
            round, round == 0 ? " (warm-up)" : "", pt.seconds, alo.seconds, eo.seconds);
      }
      print(rows, n);
    } finally {
      deleteTree(CHECKPOINTS);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Configuration conf(String bootstrap, String id) {
    Configuration c = new Configuration();
    c.set(JobOptions.BOOTSTRAP_SERVERS, bootstrap);
    c.set(JobOptions.BOUNDED, true);
    c.set(JobOptions.GROUP_ID_PREFIX, "bench-" + id);
    c.set(JobOptions.TRANSACTIONAL_ID_PREFIX, "bench-" + id);
    // A failure must end the run with its cause, not restart silently and inflate the time.
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    // The default JobManager checkpoint storage refuses state over 5 MB; two days of 39 cities'
    // pools are larger, so checkpoints go to files, as on a cluster.
    c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CHECKPOINTS.resolve(id).toUri().toString());
    return c;
  }

  /** The production environment settings (strict types, uids, checkpoints) at parallelism 2. */
  private static StreamExecutionEnvironment env(Configuration conf) {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, JobEnvironment.strict(conf));
    JobEnvironment.enableCheckpointing(env, conf);
    return env;
  }

  private static Row passThrough(EmbeddedKafka kafka, String id) throws Exception {
    String out = "bench-pass-through-" + id;
    kafka.createTopic(new TopicSpec(out, 4, BenchFlink.APPEND_TIME));
    Configuration conf = conf(kafka.bootstrapServers(), id);
    StreamExecutionEnvironment env = env(conf);
    Sources.kafka(env, conf, Topics.VACANCIES, Kind.VACANCY, id)
        .union(Sources.kafka(env, conf, Topics.CANDIDATES, Kind.CANDIDATE, id))
        .map(MatchEndToEndBench::encode).returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
        .uid("pt-encode").name("serialise")
        .sinkTo(BenchFlink.bytesSink(kafka.bootstrapServers(), out)).uid("pt-sink").name("pass-through -> Kafka");
    double s = BenchFlink.timed(env, "pass-through");
    BenchFlink.Committed c = BenchFlink.committed(kafka.bootstrapServers(), out, Duration.ofMinutes(5));
    return new Row("pass-through", s, c.count(), c.spanSeconds());
  }

  private static byte[] encode(Inbound in) {
    return EventCodec.encode(in.vacancy() != null ? in.vacancy() : in.candidate() != null ? in.candidate() : in.deadLetter());
  }

  private static Row match(EmbeddedKafka kafka, String guarantee, int round) throws Exception {
    String id = (guarantee.startsWith("at") ? "alo-" : "eo-") + round;
    String matches = "bench-matches-" + id;
    String dead = "bench-dead-letters-" + id;
    kafka.createTopic(new TopicSpec(matches, 4, BenchFlink.APPEND_TIME));
    kafka.createTopic(new TopicSpec(dead, 1, Map.of()));
    Configuration conf = conf(kafka.bootstrapServers(), id);
    conf.setString(JobOptions.DELIVERY_GUARANTEE.key(), guarantee);
    conf.set(JobOptions.TOPIC_MATCHES, matches);
    conf.set(JobOptions.TOPIC_DEAD_LETTERS, dead);
    StreamExecutionEnvironment env = env(conf);
    MatchJob.wireKafka(env, conf);
    double s = BenchFlink.timed(env, "match " + guarantee);
    BenchFlink.Committed c = BenchFlink.committed(kafka.bootstrapServers(), matches, Duration.ofMinutes(5));
    return new Row("match job, " + guarantee, s, c.count(), c.spanSeconds());
  }

  private static void print(List<Row> rows, long n) {
    System.out.println();
    System.out.println("| job (parallelism 2, JSON in and out) | submit to end, s | first to last out, s"
        + " | steady records/s | steady ratio to pass-through | ratio from submit | records out |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    Row base = null;
    for (Row r : rows) {
      if (r.job.equals("pass-through")) {
        base = r;
      }
      String what = r.job.equals("pass-through") ? "pass-through: Kafka → parse → serialise → Kafka" : r.job;
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f | %.2f | %.2f | %,d%s |%n", what, r.seconds, r.span,
          n / r.span, base.span / r.span, base.seconds / r.seconds, r.out,
          r.job.equals("pass-through") ? "" : " matches");
    }
  }
}
