package io.matchstream.bench.faults;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.simulator.SimEvent;
import io.matchstream.simulator.Simulator;
import io.matchstream.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Kills, repeated: the exactly-once match job on a Flink mini cluster (two TaskManagers of one slot,
 * parallelism 2) over a real embedded broker loses a part mid-stream, N times each:
 *
 * <ul>
 *   <li><b>tm-kill</b>: one TaskManager is terminated while the job runs (its tasks fail) and a
 *       replacement starts at once, as a supervisor would; the job restores from its latest
 *       checkpoint on its own (restart strategy).
 *   <li><b>jm-restart</b>: the JobManager goes, with high availability off. Without HA a
 *       JobManager loss ends the job — nothing remembers it — so recovery is what an operator (or
 *       a deployment's restart policy) does: a new JobManager (a new mini cluster) and the same job
 *       submitted from the latest retained checkpoint ({@code RETAIN_ON_CANCELLATION}; a checkpoint
 *       is retained when its {@code _metadata} is written). Open transactions of the lost job are
 *       committed or aborted by the restored sink.
 * </ul>
 *
 * Each run gets its own topics: the first quarter of the input is written, the job started, the
 * rest streams in over 45 s; the fault comes once half the input is written, matches are committed
 * and one more checkpoint has completed, so records are in flight; when the job has committed
 * offsets at the end of the input it is
 * stopped with a draining savepoint (what the end of a bounded run does). Its committed matches
 * ({@code read_committed}) are compared by {@code matchId} with a failure-free bounded run of the
 * same input: lost = in the failure-free run, not committed; repeated = committed more than once;
 * unexpected = committed, not in the failure-free run. Recovery = from the fault until every task
 * of the job runs again from the restored checkpoint.
 *
 * <p>Args: {@code [runs per fault, default 10] [faults, default tm-kill,jm-restart] [volume scale, default 0.25]}.
 * A run that fails (a deadline passed, an exception) is a row of its own and the others still run.
 */
public final class KillBench {
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final int PARALLELISM = 2;
  private static final int PARTITIONS = 4;
  /** How long the input after the first quarter takes to arrive. */
  private static final Duration TAIL = Duration.ofSeconds(45);

  private final EmbeddedKafka kafka;
  private final Path work;
  private final List<SimEvent> input;

  private KillBench(EmbeddedKafka kafka, Path work, List<SimEvent> input) {
    this.kafka = kafka;
    this.work = work;
    this.input = input;
  }

  record Row(String fault, int run, long restored, double writtenAtFault, int compared, int lost, int repeated, int unexpected,
      double recoverySeconds, double runSeconds, String failure) {
    static Row failed(String fault, int run, Exception e) {
      return new Row(fault, run, -1, Double.NaN, 0, 0, 0, 0, Double.NaN, Double.NaN, e.toString());
    }
  }

  @Command(name = "kill-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--runs", defaultValue = "10", description = "Runs per fault (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--faults", split = ",", defaultValue = "tm-kill,jm-restart",
        description = "Faults, comma separated (default ${DEFAULT-VALUE}).")
    List<String> faults;

    @Option(names = {"--simulator.volume-scale", "--volume"}, defaultValue = "0.25",
        description = "Simulator volume scale (default ${DEFAULT-VALUE}).")
    double volume;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int runs = o.runs;
    List<String> faults = o.faults;
    double volume = o.volume;
    // Two cities, a day and a half, a quarter of the pilot's volume, 1 % malformed: thousands of
    // matches, several checkpoints before and after the fault.
    List<SimEvent> input = Simulator.stream(SimulatorConfig.builder()
        .seed(7).cities("ningbo", "suzhou").duration(Duration.ofHours(36)).volumeScale(volume).poisonRate(0.01)
        .build()).toList();
    Path work = Files.createTempDirectory("kill-bench-");
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      KillBench bench = new KillBench(kafka, work, input);
      long t0 = System.nanoTime();
      Set<String> expected = bench.reference();
      double referenceSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "input: %d events (seed 7, ningbo+suzhou, 36 h, volume %s, 1%% malformed);"
          + " failure-free run: %d matches in %.1f s%n", input.size(), volume, expected.size(), referenceSeconds);
      List<Row> rows = new ArrayList<>();
      for (String fault : faults) {
        for (int run = 1; run <= runs; run++) {
          Row row;
          try {
            row = bench.run(fault, run, expected);
          } catch (Exception e) {
            // A run that fails is a result too: it goes in the table, the others still run.
            e.printStackTrace();
            row = Row.failed(fault, run, e);
          }
          rows.add(row);
          System.out.printf(Locale.ROOT, "%s run %d: %.0f%% of the input written at the fault, restored checkpoint %d, %d compared, %d lost, %d repeated,"
                  + " %d unexpected, recovery %.1f s (run %.0f s)%s%n", fault, run, 100 * row.writtenAtFault, row.restored, row.compared,
              row.lost, row.repeated, row.unexpected, row.recoverySeconds, row.runSeconds,
              row.failure == null ? "" : " FAILED: " + row.failure);
        }
      }
      print(rows, expected.size(), referenceSeconds);
    } finally {
      deleteQuietly(work);
    }
  }

  private static void print(List<Row> rows, int expected, double referenceSeconds) {
    System.out.println();
    System.out.println("| fault | run | input written at the fault | restored checkpoint | matches compared | lost | repeated | unexpected | recovery s | run s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      if (r.failure != null) {
        System.out.printf(Locale.ROOT, "| %s | %d | failed: %s | | | | | | | |%n", r.fault, r.run, r.failure.replace('|', '/'));
        continue;
      }
      System.out.printf(Locale.ROOT, "| %s | %d | %.0f%% | %d | %,d | %d | %d | %d | %.1f | %.0f |%n", r.fault, r.run,
          100 * r.writtenAtFault, r.restored, r.compared, r.lost, r.repeated, r.unexpected, r.recoverySeconds, r.runSeconds);
    }
    System.out.println();
    System.out.println("| fault | runs | runs equal to the failure-free run | matches compared per run | lost | repeated"
        + " | recovery s (min / median / max) |");
    System.out.println("|---|---:|---:|---:|---:|---:|---|");
    rows.stream().map(Row::fault).distinct().forEach(f -> {
      List<Row> of = rows.stream().filter(r -> r.fault.equals(f)).toList();
      long equal = of.stream().filter(r -> r.failure == null && r.lost == 0 && r.repeated == 0 && r.unexpected == 0).count();
      double[] rec = of.stream().filter(r -> r.failure == null).mapToDouble(Row::recoverySeconds).sorted().toArray();
      if (rec.length == 0) rec = new double[] {Double.NaN};
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %,d | %d | %d | %.1f / %.1f / %.1f |%n", f, of.size(), equal,
          expected, of.stream().mapToInt(Row::lost).sum(), of.stream().mapToInt(Row::repeated).sum(),
          rec[0], rec[rec.length / 2], rec[rec.length - 1]);
    });
    System.out.printf(Locale.ROOT, "(failure-free bounded run of the same input, the baseline: %.1f s)%n", referenceSeconds);
  }

  /** The failure-free run: bounded, to the end of the input, nothing injected. */
  private Set<String> reference() throws Exception {
    Configuration conf = topics("reference");
    conf.set(JobOptions.BOUNDED, true);
    write(conf, input);
    try (MiniCluster cluster = cluster(conf)) {
      JobID job = submit(cluster, conf, null);
      cluster.requestJobResult(job).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).toJobExecutionResult(getClass().getClassLoader());
    }
    Map<String, Integer> counts = committed(conf);
    if (counts.values().stream().anyMatch(n -> n > 1)) {
      throw new IllegalStateException("the failure-free run repeats a match");
    }
    return counts.keySet();
  }

  private Row run(String fault, int run, Set<String> expected) throws Exception {
    long started = System.nanoTime();
    Configuration conf = topics(fault + "-" + run);
    // A quarter up front; the rest streams in at a steady pace while the job runs, so the fault
    // hits a job with records in flight (matches made after the last checkpoint are made again
    // after the restore: what exactly-once must hide).
    int head = input.size() / 4;
    write(conf, input.subList(0, head));
    PacedWriter tail = new PacedWriter(conf, input.subList(head, input.size()), TAIL);
    MiniCluster[] cluster = {cluster(conf)};
    JobID[] job = {submit(cluster[0], conf, null)};
    double recovery;
    long restored;
    double writtenAtFault;
    try {
      MiniCluster first = cluster[0];
      JobID firstJob = job[0];
      awaitTrue("the job runs", () -> allRunning(first, firstJob));
      tail.start();
      awaitTrue("committed matches", () -> !committed(conf, false).isEmpty());
      awaitTrue("half the input written", () -> head + tail.sent() >= input.size() / 2);
      long before = completedCheckpoints(first, firstJob);
      awaitTrue("a checkpoint after the first committed matches", () -> completedCheckpoints(first, firstJob) > before);
      long fault0 = System.nanoTime();
      writtenAtFault = (head + tail.sent()) / (double) input.size();
      if (fault.equals("tm-kill")) {
        first.terminateTaskManager(0).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        first.startTaskManager();
        awaitTrue("restored from a checkpoint and running",
            () -> restoredOf(first, firstJob).isPresent() && allRunning(first, firstJob));
        restored = restoredOf(first, firstJob).orElseThrow().getCheckpointId();
      } else if (fault.equals("jm-restart")) {
        // HA off: the JobManager goes and the job with it; a new one resumes from what was retained.
        first.close();
        Path chk = latestRetained(conf, firstJob);
        MiniCluster next = cluster(conf);
        cluster[0] = next;
        JobID resumed = submit(next, conf, chk);
        job[0] = resumed;
        awaitTrue("resumed from the retained checkpoint and running", () -> allRunning(next, resumed));
        restored = restoredOf(next, resumed).map(RestoredCheckpointStats::getCheckpointId)
            .orElseThrow(() -> new IllegalStateException("the resumed job restored nothing"));
      } else {
        throw new IllegalArgumentException("unknown fault " + fault + " (tm-kill or jm-restart)");
      }
      recovery = (System.nanoTime() - fault0) / 1e9;
      tail.join(DEADLINE.toMillis());
      if (tail.isAlive() || tail.failure != null) {
        throw new IllegalStateException("the input was not all written", tail.failure);
      }
      Map<TopicPartition, Long> end = inputEnd(conf);
      awaitTrue("offsets at the end of the input committed", () -> committedOffsets(conf).equals(end));
      cluster[0].stopWithSavepoint(job[0], work.resolve("savepoints").toUri().toString(), true, SavepointFormatType.CANONICAL)
          .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      cluster[0].requestJobResult(job[0]).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      tail.interrupt();
      cluster[0].close();
    }
    Map<String, Integer> counts = committed(conf);
    int repeated = counts.values().stream().mapToInt(n -> n - 1).sum();
    Set<String> lost = new TreeSet<>(expected);
    lost.removeAll(counts.keySet());
    Set<String> unexpected = new TreeSet<>(counts.keySet());
    unexpected.removeAll(expected);
    return new Row(fault, run, restored, writtenAtFault, expected.size(), lost.size(), repeated, unexpected.size(),
        recovery, (System.nanoTime() - started) / 1e9, null);
  }

  private Configuration topics(String name) {
    Configuration conf = new Configuration();
    String prefix = "kb-" + name + "-";
    conf.set(JobOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    conf.set(JobOptions.BOUNDED, false);
    // -Dkill-bench.delivery-guarantee=at-least-once shows that the comparison can fail: repeats.
    conf.setString(JobOptions.DELIVERY_GUARANTEE.key(), name.equals("reference")
        ? "exactly-once" : System.getProperty("kill-bench.delivery-guarantee", "exactly-once"));
    conf.set(JobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(1));
    conf.set(JobOptions.MAX_OUT_OF_ORDERNESS, Simulator.MAX_DISORDER);
    // A reader stalled by the loaded machine must not be declared idle: the watermark would
    // overtake its records and the output would depend on scheduling.
    conf.set(JobOptions.IDLE_TIMEOUT, Duration.ofHours(1));
    conf.set(JobOptions.TRANSACTIONAL_ID_PREFIX, prefix);
    conf.set(JobOptions.GROUP_ID_PREFIX, prefix);
    conf.set(JobOptions.TOPIC_VACANCIES, prefix + Topics.VACANCIES);
    conf.set(JobOptions.TOPIC_CANDIDATES, prefix + Topics.CANDIDATES);
    conf.set(JobOptions.TOPIC_MATCHES, prefix + "matches");
    conf.set(JobOptions.TOPIC_DEAD_LETTERS, prefix + "dead-letters");
    for (var t : List.of(JobOptions.TOPIC_VACANCIES, JobOptions.TOPIC_CANDIDATES, JobOptions.TOPIC_MATCHES)) {
      kafka.createTopic(TopicSpec.of(conf.get(t), PARTITIONS));
    }
    kafka.createTopic(TopicSpec.of(conf.get(JobOptions.TOPIC_DEAD_LETTERS), 1));
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").resolve(name).toUri().toString());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, "0");
    return conf;
  }

  private static MiniCluster cluster(Configuration conf) throws Exception {
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf).setNumTaskManagers(PARALLELISM).setNumSlotsPerTaskManager(1).build());
    cluster.start();
    return cluster;
  }

  private static JobID submit(MiniCluster cluster, Configuration conf, Path restoreFrom) throws Exception {
    StreamExecutionEnvironment env = JobEnvironment.create(conf);
    env.setParallelism(PARALLELISM);
    MatchJob.wireKafka(env, conf);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName("kill bench");
    if (restoreFrom != null) {
      graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restoreFrom.toUri().toString(), false));
    }
    return cluster.submitJob(graph).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).getJobID();
  }

  /** The newest checkpoint of the lost job whose metadata was written: what a new JobManager can resume. */
  private static Path latestRetained(Configuration conf, JobID job) throws IOException {
    Path dir = Path.of(java.net.URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))).resolve(job.toHexString());
    try (Stream<Path> chks = Files.list(dir)) {
      return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
          .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
          .orElseThrow(() -> new IllegalStateException("no retained checkpoint in " + dir));
    }
  }

  private static AccessExecutionGraph graph(MiniCluster cluster, JobID job) throws Exception {
    return cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
  }

  private static long completedCheckpoints(MiniCluster cluster, JobID job) throws Exception {
    return graph(cluster, job).getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
  }

  private static Optional<RestoredCheckpointStats> restoredOf(MiniCluster cluster, JobID job) throws Exception {
    return Optional.ofNullable(graph(cluster, job).getCheckpointStatsSnapshot().getLatestRestoredCheckpoint());
  }

  private static boolean allRunning(MiniCluster cluster, JobID job) throws Exception {
    AccessExecutionGraph g = graph(cluster, job);
    if (g.getState() != JobStatus.RUNNING) return false;
    for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
      if (v.getExecutionState() != ExecutionState.RUNNING) return false;
    }
    return true;
  }

  private interface Check {
    boolean test() throws Exception;
  }

  private static void awaitTrue(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.test()) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("not within " + DEADLINE + ": " + what);
      sleep(250);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void write(Configuration conf, List<SimEvent> events) throws Exception {
    // Idempotent, so acks=all.
    try (KafkaProducer<String, byte[]> producer = kafka.newProducer()) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>(events.size());
      for (SimEvent e : events) {
        String topic = conf.get(e.topic().equals(Topics.VACANCIES) ? JobOptions.TOPIC_VACANCIES : JobOptions.TOPIC_CANDIDATES);
        sent.add(producer.send(new ProducerRecord<>(topic, e.key(), e.value())));
      }
      for (var f : sent) f.get();
    }
  }

  /** Writes events at an even pace over {@code span} (acks=all, idempotent, in order per partition). */
  private final class PacedWriter extends Thread {
    private final Configuration conf;
    private final List<SimEvent> events;
    private final Duration span;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Exception failure;

    PacedWriter(Configuration conf, List<SimEvent> events, Duration span) {
      super("kill-bench-writer");
      setDaemon(true);
      this.conf = conf;
      this.events = events;
      this.span = span;
    }

    int sent() {
      return sent.get();
    }

    @Override
    public void run() {
      try (KafkaProducer<String, byte[]> producer = kafka.newProducer()) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>(events.size());
        long t0 = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
          long due = t0 + span.toNanos() * i / events.size();
          long wait = due - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          SimEvent e = events.get(i);
          String topic = conf.get(e.topic().equals(Topics.VACANCIES) ? JobOptions.TOPIC_VACANCIES : JobOptions.TOPIC_CANDIDATES);
          acks.add(producer.send(new ProducerRecord<>(topic, e.key(), e.value())));
          sent.incrementAndGet();
        }
        for (var a : acks) a.get();
      } catch (Exception e) {
        failure = e;
      }
    }
  }

  private Map<TopicPartition, Long> inputEnd(Configuration conf) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String t : List.of(conf.get(JobOptions.TOPIC_VACANCIES), conf.get(JobOptions.TOPIC_CANDIDATES))) {
        for (int i = 0; i < PARTITIONS; i++) latest.put(new TopicPartition(t, i), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, r) -> end.put(tp, r.offset()));
      return end;
    }
  }

  /** The input offsets the job committed to Kafka (it does so on each completed checkpoint). */
  private Map<TopicPartition, Long> committedOffsets(Configuration conf) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      admin.listConsumerGroupOffsets(conf.get(JobOptions.GROUP_ID_PREFIX) + "-" + MatchJob.NAME)
          .partitionsToOffsetAndMetadata().get().forEach((tp, o) -> offsets.put(tp, o.offset()));
      return offsets;
    }
  }

  /** Committed matches (read_committed) by id, with how often each was committed. */
  private Map<String, Integer> committed(Configuration conf) {
    return committed(conf, true);
  }

  /** @param settle wait until no transaction is open first (at the end of a run) */
  private Map<String, Integer> committed(Configuration conf, boolean settle) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    String topic = conf.get(JobOptions.TOPIC_MATCHES);
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < PARTITIONS; i++) parts.add(new TopicPartition(topic, i));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      // read_committed's end is the last stable offset. The sink may commit its last transaction
      // just after the job reports finished: wait until no transaction is open (the stable end
      // equals the log's end), then read to there.
      Properties up = new Properties();
      up.putAll(p);
      up.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
      Map<TopicPartition, Long> end;
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(up, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        while (true) {
          end = consumer.endOffsets(parts);
          if (!settle || end.equals(uncommitted.endOffsets(parts))) break;
          if (System.nanoTime() > deadline) throw new IllegalStateException("a transaction on " + topic + " stays open");
          sleep(200);
        }
      }
      Map<TopicPartition, Long> to = end;
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("cannot read " + topic + " to its end");
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          try {
            Match m = EventCodec.decodeMatch(r.value());
            counts.merge(m.matchId(), 1, Integer::sum);
          } catch (InvalidEventException e) {
            throw new IllegalStateException("the job wrote a match that does not decode: " + e.getMessage(), e);
          }
        }
      }
    }
    return counts;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory
    }
  }
}
