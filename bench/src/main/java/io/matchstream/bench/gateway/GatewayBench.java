package io.matchstream.bench.gateway;

import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.gateway.Gateway;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.kafka.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Websocket fan-out under load, on loopback: a real broker and gateway in this JVM, N clients in a
 * child JVM, each subscribed to one of the 39 cities' matches. Produces matches at a fixed rate
 * (event time = send time) and reports frames delivered per second, delivery latency from the
 * producer to the client (p50/p99), and gateway heap per connection; ratios against a single
 * client measured in the same run.
 *
 * <p>Args (optional): client counts (default 1000,5000,10000), records/s (default 200), seconds
 * (default 10).
 */
public final class GatewayBench {
  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (String s : (args.length > 0 ? args[0] : "1000,5000,10000").split(",")) counts.add(Integer.parseInt(s));
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    List<String> cities = new ArrayList<>(CityRegistry.loadDefault().ids());

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      Vertx vertx = Vertx.vertx();
      String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
      Gateway gw = Gateway.deploy(vertx, new JsonObject()
          .put("http.port", 0).put("jwt.secret", secret)
          .put("kafka.bootstrap-servers", kafka.bootstrapServers())
          .put("limits.connections-per-subject", 100_000)).await();
      long deadline = System.currentTimeMillis() + 60_000;
      while (!gw.ready() && System.currentTimeMillis() < deadline) LockSupport.parkNanos(50_000_000);
      String token = gw.tokens().ministry("bench", Duration.ofHours(2));
      Properties p = new Properties();
      p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "0"));
      KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());

      try {
        List<Row> rows = new ArrayList<>();
        rows.add(round(gw, producer, token, cities, 1, rate, seconds, 0));
        int seq = 1_000_000;
        for (int n : counts) {
          seq += 1_000_000;
          rows.add(round(gw, producer, token, cities, n, rate, seconds, seq));
        }
        print(rows, rate, seconds);
      } finally {
        producer.close();
        gw.close().await();
        vertx.close().await();
      }
    }
  }

  private record Row(int clients, long records, long frames, double framesPerSecond, long p50, long p99, double kbPerConn, long failed) {}

  private static Row round(Gateway gw, KafkaProducer<String, byte[]> producer, String token, List<String> cities,
      int n, int rate, int seconds, int seqBase) throws Exception {
    long heapBefore = usedHeapAfterGc();
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), BenchClients.class.getName(),
        String.valueOf(gw.port()), String.valueOf(n), token, String.join(",", cities))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    String ready = lineStarting(out, "READY");
    long failed = Long.parseLong(ready.split(" ")[1]);
    double kbPerConn = (usedHeapAfterGc() - heapBefore) / 1024.0 / n;

    long records = 0;
    long start = System.nanoTime();
    long perTick = Math.max(1, rate / 100);
    for (long tick = 0; tick < seconds * 100L; tick++) {
      for (int i = 0; i < perTick; i++) {
        String city = cities.get((int) (records % cities.size()));
        Match m = match(city, seqBase + (int) records++, System.currentTimeMillis());
        producer.send(new ProducerRecord<>(Topics.MATCHES, m.matchId(), EventCodec.encode(m)));
      }
      LockSupport.parkNanos(start + (tick + 1) * 10_000_000 - System.nanoTime());
    }
    producer.flush();
    double elapsed = (System.nanoTime() - start) / 1e9;
    LockSupport.parkNanos(3_000_000_000L);
    PrintWriter in = new PrintWriter(child.getOutputStream(), true);
    in.println("STOP");
    String[] r = lineStarting(out, "RESULT").split(" ");
    child.waitFor();
    long frames = Long.parseLong(r[1]);
    return new Row(n, records, frames, frames / elapsed, Long.parseLong(r[2]), Long.parseLong(r[3]), kbPerConn, failed);
  }

  /** The child's next line with this prefix (anything else on its stdout is passed through). */
  private static String lineStarting(BufferedReader out, String prefix) throws java.io.IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) return line;
      System.err.println("clients: " + line);
    }
    throw new IllegalStateException("client process ended without " + prefix);
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
    Row base = rows.get(0);
    System.out.printf("%nGateway fan-out, loopback, %d matches/s over 39 cities for %d s (row 1 = baseline, 1 client)%n", rate, seconds);
    System.out.printf("| clients | records | frames delivered | frames/s | x baseline | p50 ms | p99 ms | p99 x baseline | heap KiB/conn | failed connects |%n");
    System.out.printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    for (Row r : rows) {
      System.out.printf("| %d | %d | %d | %.0f | %.1f | %d | %d | %.1f | %s | %d |%n", r.clients, r.records, r.frames,
          r.framesPerSecond, r.framesPerSecond / Math.max(1e-9, base.framesPerSecond), r.p50, r.p99,
          r.p99 / (double) Math.max(1, base.p99), r.clients == 1 ? "—" : String.format("%.1f", r.kbPerConn), r.failed);
    }
  }
}
