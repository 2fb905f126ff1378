package io.matchstream.bench.gateway;

import io.matchstream.bench.BenchOptions;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.gateway.Gateway;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Websocket fan-out under load, on loopback: a real broker and gateway in this JVM, clients in one
 * child JVM ({@link BenchClients}) that grows from 1 client (the baseline) to each count in turn,
 * each client subscribed to one of the 39 cities' matches. Per round it produces matches at a fixed
 * rate (event time = send time) and reports frames delivered per second against what the
 * subscriptions should receive, delivery latency from the producer to the client (p50/p99), and
 * gateway heap per connection; ratios against the 1-client baseline of the same run.
 *
 * <p>Every step is time-boxed (connecting, each answer of the child, the whole run), so on a loaded
 * machine a round that cannot complete is printed as partial and the table still comes out.
 *
 * <p>Args (optional): client counts (default 1000,5000,10000), matches/s (default 200), seconds per
 * round (default 5), connect batch (default 250), run budget in seconds (default 480).
 */
public final class GatewayBench {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  private GatewayBench() {}

  @Command(name = "gateway-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--clients", split = ",", defaultValue = "1000,5000,10000",
        description = "Client counts, one round each (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--rate", defaultValue = "200", description = "Matches per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--round", defaultValue = "5 s", description = "Length of a round (default ${DEFAULT-VALUE}).")
    java.time.Duration round;

    @Option(names = "--batch", defaultValue = "250", description = "Clients connected at once (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--budget", defaultValue = "480 s", description = "The whole run's budget (default ${DEFAULT-VALUE}).")
    java.time.Duration budget;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    Options o = BenchOptions.parse(new Options(), args);
    counts.addAll(o.clients);
    int rate = o.rate;
    int seconds = (int) o.round.toSeconds();
    int batch = o.batch;
    long budgetEnd = System.nanoTime() + o.budget.toNanos();
    List<String> cities = new ArrayList<>(CityRegistry.loadDefault().ids());

    List<Row> rows = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      Vertx vertx = Vertx.vertx();
      String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
      Gateway gw = Gateway.deploy(vertx, new JsonObject()
          .put("http.port", 0).put("jwt.secret", secret)
          .put("kafka.bootstrap-servers", kafka.bootstrapServers())
          .put("limits.connections-per-subject", 100_000)
          // The bench's clients never ping; an idle round must not lose them to the idle timeout.
          .put("limits.idle-seconds", 3_600)).await();
      long deadline = System.currentTimeMillis() + 60_000;
      while (!gw.ready() && System.currentTimeMillis() < deadline) {
        LockSupport.parkNanos(50_000_000);
      }
      String token = gw.tokens().ministry("bench", Duration.ofHours(2));
      Properties p = new Properties();
      p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "0"));
      long heapBefore = usedHeapAfterGc();
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1g", "-cp", System.getProperty("java.class.path"), BenchClients.class.getName(),
          String.valueOf(gw.port()), token, String.join(",", cities))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Child c = new Child(child);
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
        List<Integer> all = new ArrayList<>(List.of(1));
        all.addAll(counts);
        int seq = 0;
        for (int n : all) {
          long left = TimeUnit.NANOSECONDS.toSeconds(budgetEnd - System.nanoTime());
          if (left < (n == 1 ? 4 * seconds : seconds) + 20) {
            System.out.printf("budget spent: %d clients not measured%n", n);
            rows.add(Row.skipped(n, "not run: run budget spent"));
            continue;
          }
          seq += 1_000_000;
          // One client hears one city (~rate/39 frames/s): the baseline runs 4x longer for enough samples.
          int roundSeconds = n == 1 ? 4 * seconds : seconds;
          Row r = round(c, gw.metrics(), producer, heapBefore, cities, n, rate, roundSeconds, batch, left - roundSeconds - 15, seq);
          rows.add(r);
          System.out.printf(Locale.ROOT, "round %d clients: %s%n", n, r.note.isEmpty() ? "done" : r.note);
          if (r.open == 0) {
            break; // the child is gone or nothing connects: larger rounds cannot do better
          }
        }
      } catch (Exception e) {
        System.out.println("stopped early: " + e);
      } finally {
        c.exit();
        print(rows, rate, seconds);
        gw.close().await();
        vertx.close().await();
      }
    }
  }

  /** One row; {@code note} is empty for a round that completed. */
  private record Row(int clients, int open, long failed, long records, long expected, long frames,
      double framesPerSecond, long p50, long p99, long withinOneSecond, double kbPerConn, long dropped, String note) {
    static Row skipped(int n, String why) {
      return new Row(n, 0, 0, 0, 0, 0, 0, -1, -1, 0, Double.NaN, 0, why);
    }
  }

  /**
   * Frames the gateway chose not to deliver (its slow-client policy) plus connections it closed on
   * overflow: tells a shortfall that was dropped from one still in flight.
   */
  private static long dropped(GatewayMetrics metrics) {
    double d = metrics.registry().find("gateway.messages.dropped").counters().stream().mapToDouble(Counter::count).sum();
    Counter closed = metrics.registry().find("gateway.connections.overflowed").counter();
    return (long) (d + (closed == null ? 0 : closed.count()));
  }

  private static Row round(Child c, GatewayMetrics metrics, KafkaProducer<String, byte[]> producer, long heapBefore, List<String> cities,
      int n, int rate, int seconds, int batch, long connectSeconds, int seqBase) throws Exception {
    String[] ready = c.ask("CONNECT " + n + " " + batch + " " + Math.max(10, connectSeconds), "READY",
        Duration.ofSeconds(Math.max(10, connectSeconds) + 60)).split(" ");
    int open = Integer.parseInt(ready[1]);
    long failed = Long.parseLong(ready[2]);
    String note = ready[3].equals("1") ? "partial: " + open + " of " + n + " connected before the time box" : "";
    double kbPerConn = open == 0 ? Double.NaN : (usedHeapAfterGc() - heapBefore) / 1024.0 / open;
    if (open == 0) {
      return new Row(n, 0, failed, 0, 0, 0, 0, -1, -1, 0, kbPerConn, 0, "no client connected");
    }
    c.ask("RESET", "RESET", ANSWER_TIMEOUT);
    long droppedBefore = dropped(metrics);

    long[] perCity = new long[cities.size()];
    long records = 0;
    long start = System.nanoTime();
    long perTick = Math.max(1, rate / 100);
    for (long tick = 0; tick < seconds * 100L; tick++) {
      for (int i = 0; i < perTick; i++) {
        int city = (int) (records % cities.size());
        perCity[city]++;
        Match m = match(cities.get(city), seqBase + (int) records++, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.MATCHES, m.matchId(), EventCodec.encode(m)));
      }
      LockSupport.parkNanos(start + (tick + 1) * 10_000_000 - System.nanoTime());
    }
    producer.flush();
    // Client i listens to city i mod 39 (BenchClients): what the open clients should receive.
    long expected = 0;
    for (int i = 0; i < open; i++) {
      expected += perCity[i % cities.size()];
    }
    // Deliveries still in flight count; give them a grace period that ends as soon as all arrived.
    String[] r = c.ask("STOP", "RESULT", ANSWER_TIMEOUT).split(" ");
    long graceEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Long.parseLong(r[1]) < expected && System.nanoTime() < graceEnd) {
      LockSupport.parkNanos(250_000_000);
      r = c.ask("STOP", "RESULT", ANSWER_TIMEOUT).split(" ");
    }
    // Up to the last delivery (within the 250 ms poll), not the last send: a lagging gateway is slower.
    double elapsed = (System.nanoTime() - start) / 1e9;
    long frames = Long.parseLong(r[1]);
    return new Row(n, open, failed, records, expected, frames, frames / elapsed, Long.parseLong(r[2]),
        Long.parseLong(r[3]), Long.parseLong(r[4]), kbPerConn, dropped(metrics) - droppedBefore, note);
  }

  /** The client JVM, asked line by line, every answer awaited with a deadline. */
  private static final class Child {
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Child(Process process) {
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
          }
        } catch (java.io.IOException e) {
          lines.add("ERROR " + e);
        }
        lines.add("EOF");
      }, "bench-clients-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /** Sends {@code command}; returns the child's next line starting with {@code prefix}. */
    String ask(String command, String prefix, Duration timeout) throws InterruptedException {
      in.println(command);
      long end = System.nanoTime() + timeout.toNanos();
      while (true) {
        String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new IllegalStateException("no " + prefix + " from the clients within " + timeout);
        }
        if (line.startsWith(prefix)) {
          return line;
        }
        if (line.equals("EOF")) {
          throw new IllegalStateException("client process ended before " + prefix);
        }
        System.err.println("clients: " + line);
      }
    }

    void exit() throws InterruptedException {
      in.println("EXIT");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static Match match(String city, int n, long now) {
    String vacancy = "vac-" + city.replace("_", "") + String.format("%08d", n);
    String candidate = "cand-" + String.format("%08d", n);
    String id = Ids.matchId(vacancy, candidate);
    return new Match(id, id, now, 1, vacancy, candidate, city, "6-18-02-04", "emp-0001", 0.8, 0.7, 1.0, 0.9,
        1.0, 1.0, List.of("sk-00001", "sk-00002", "sk-00003"), List.of(), SalaryFit.WITHIN, LevelFit.MEETS, now, now);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      LockSupport.parkNanos(200_000_000);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void print(List<Row> rows, int rate, int seconds) {
    if (rows.isEmpty()) {
      System.out.println("no round completed");
      return;
    }
    Row base = rows.get(0);
    System.out.printf(Locale.ROOT, "%nGateway fan-out, loopback, %d matches/s over 39 cities, %d s per round "
        + "(row 1 = baseline, 1 client, 4x as long)%n", rate, seconds);
    System.out.println("| clients | open | frames delivered / expected | frames/s | frames/s x baseline "
        + "| p50 ms | p99 ms | p99 x baseline | within 1 s | heap KiB/conn | failed connects | dropped by gateway | note |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %,d | %,d | %,d / %,d (%.1f%%) | %,.0f | %.1f | %d | %d | %.1f | %.1f%% | %s | %d | %,d | %s |%n",
          r.clients, r.open, r.frames, r.expected, 100.0 * r.frames / Math.max(1, r.expected), r.framesPerSecond,
          r.framesPerSecond / Math.max(1e-9, base.framesPerSecond), r.p50, r.p99, r.p99 / (double) Math.max(1, base.p99),
          100.0 * r.withinOneSecond / Math.max(1, r.expected),
          r.clients == 1 || Double.isNaN(r.kbPerConn) ? "—" : String.format(Locale.ROOT, "%.1f", r.kbPerConn),
          r.failed, r.dropped, r.note);
    }
  }
}
