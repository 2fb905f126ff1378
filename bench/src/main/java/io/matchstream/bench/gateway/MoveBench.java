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
import io.matchstream.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * Clients moving between gateway instances mid-stream, on loopback: a real broker and three
 * gateways in this JVM (A; B, another instance; C, another instance whose history holds one delta
 * per channel, so every resume on it is read back from Kafka), N websocket clients, each on one
 * city's matches. Per round: the clients subscribe on A, matches are produced at a fixed rate
 * round-robin over the 39 cities, the clients drop their sockets, stay away {@code gap} seconds
 * while matches go on, then reconnect to the round's target with their position. Checked per
 * client: every match of its city produced since its snapshot received exactly once (missing,
 * duplicates), snapshots after the move (resnapshots); timed: from each resume sent to its first
 * delta. Baseline: the same move back to A itself, same run.
 *
 * <p>Args (optional): clients (default 1000), matches/s (default 200), seconds away (default 2).
 */
public final class MoveBench {
  private MoveBench() {}

  @Command(name = "move-bench", mixinStandardHelpOptions = true)
  static final class Options {
    @Option(names = "--clients", defaultValue = "1000", description = "Clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", defaultValue = "200", description = "Matches per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--away", defaultValue = "2 s", description = "How long a client is away (default ${DEFAULT-VALUE}).")
    java.time.Duration away;
  }

  public static void main(String[] args) throws Exception {
    Options o = BenchOptions.parse(new Options(), args);
    int n = o.clients;
    int rate = o.rate;
    int gap = (int) o.away.toSeconds();
    List<String> cities = new ArrayList<>(CityRegistry.loadDefault().ids());
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().start()) {
      Vertx servers = Vertx.vertx();
      Vertx clients = Vertx.vertx();
      String secret = UUID.randomUUID() + "-" + UUID.randomUUID();
      JsonObject base = new JsonObject().put("http.port", 0).put("jwt.secret", secret)
          .put("kafka.bootstrap-servers", kafka.bootstrapServers())
          .put("limits.connections-per-subject", 100_000).put("limits.idle-seconds", 3_600);
      Gateway a = Gateway.deploy(servers, base.copy()).await();
      Gateway b = Gateway.deploy(servers, base.copy()).await();
      Gateway c = Gateway.deploy(servers, base.copy().put("limits.history", 1)).await();
      long deadline = System.currentTimeMillis() + 60_000;
      while (!(a.ready() && b.ready() && c.ready()) && System.currentTimeMillis() < deadline) {
        LockSupport.parkNanos(50_000_000);
      }
      String token = a.tokens().ministry("bench", Duration.ofHours(2));
      WebSocketClient ws = clients.createWebSocketClient(new WebSocketClientOptions()
          .setMaxFrameSize(1 << 20).setConnectTimeout(60_000).setMaxConnections(20_000));
      Properties p = new Properties();
      p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.LINGER_MS_CONFIG, "5"));
      List<String> rows = new ArrayList<>();
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
        int round = 0;
        for (Object[] target : new Object[][] {{"A -> A (same instance, baseline)", a},
            {"A -> B (other instance, from its memory)", b}, {"A -> C (other instance, read back from Kafka)", c}}) {
          round++;
          rows.add(round(ws, producer, cities, token, a, (Gateway) target[1], (String) target[0], n, rate, gap,
              round * 10_000_000));
        }
      } finally {
        System.out.println();
        System.out.printf(Locale.ROOT, "MoveBench: %d clients, %d matches/s over 39 cities, %d s away, then resume%n",
            n, rate, gap);
        System.out.println("| move | clients moved | ≈ deltas missed while away | delivered as deltas | missing (clients not resynced) | duplicates"
            + " | resnapshots (resync) | resume→first delta p50 / p99 ms | all moved in ms | read back from Kafka |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        for (Gateway g : List.of(a, b, c)) g.close().await();
        clients.close().await();
        servers.close().await();
      }
    }
  }

  /** One client's view: what it got, and its position as the dashboards keep it. */
  private static final class Client {
    final String city;
    final Set<String> got = ConcurrentHashMap.newKeySet();
    volatile int duplicates;
    volatile int snapshots;
    volatile int resyncs;
    volatile String epoch;
    volatile String seq;
    volatile long resumeSentNanos;
    volatile long closedAt;
    volatile long firstAfterResumeNanos;
    volatile int afterResume;
    volatile WebSocket socket;

    Client(String city) {
      this.city = city;
    }

    synchronized void onText(String text) {
      if (text.startsWith("[")) {
        new JsonArray(text).forEach(m -> on((JsonObject) m));
      } else {
        on(new JsonObject(text));
      }
    }

    private void on(JsonObject f) {
      String type = f.getString("type");
      if ("snapshot".equals(type)) {
        snapshots++;
        if (Boolean.TRUE.equals(f.getBoolean("resync"))) resyncs++;
        epoch = f.getString("epoch");
        seq = f.getString("seq");
      } else if ("delta".equals(type)) {
        if (!got.add(f.getJsonObject("data").getString("matchId"))) duplicates++;
        if (resumeSentNanos != 0 && afterResume++ == 0) firstAfterResumeNanos = System.nanoTime();
        seq = epoch != null && epoch.equals(f.getString("epoch")) ? merge(seq, f.getString("seq")) : f.getString("seq");
        epoch = f.getString("epoch");
      }
    }
  }

  /** Per partition, the larger offset (as the dashboards' client keeps its position). */
  static String merge(String held, String position) {
    String[] h = held.split("\\.");
    String[] p = position.split("\\.");
    if (h.length != p.length) return position;
    String[] out = new String[h.length];
    for (int i = 0; i < h.length; i++) out[i] = Long.parseLong(h[i]) >= Long.parseLong(p[i]) ? h[i] : p[i];
    return String.join(".", out);
  }

  private static String round(WebSocketClient ws, KafkaProducer<String, byte[]> producer, List<String> cities,
      String token, Gateway from, Gateway to, String label, int n, int rate, int gap, int numbersFrom) throws Exception {
    List<Client> all = new ArrayList<>();
    for (int i = 0; i < n; i++) all.add(new Client(cities.get(i % cities.size())));
    connect(ws, from.port(), token, all, false);
    awaitAll(all, cl -> cl.snapshots >= 1, Duration.ofSeconds(120), "snapshots");

    Map<String, List<String>> produced = new ConcurrentHashMap<>();
    Producing producing = new Producing(producer, cities, rate, numbersFrom, produced);
    Thread t = new Thread(producing, "move-bench-producer");
    t.start();
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    for (Client cl : all) {
      cl.closedAt = System.nanoTime();
      WebSocket old = cl.socket;
      cl.socket = null; // as a browser: nothing more is taken from a socket once it is being closed
      old.close();
    }
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(gap));
    double readBackBefore = counter(to, "gateway.subscriptions.read.back");
    long moveStart = System.nanoTime();
    connect(ws, to.port(), token, all, true);
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
    producing.stop = true;
    t.join();
    producer.flush();
    awaitAll(all, cl -> cl.got.size() >= produced.getOrDefault(cl.city, List.of()).size() || cl.resyncs > 0,
        Duration.ofSeconds(60), "delivery");
    long expected = 0;
    long delivered = 0;
    long missing = 0;
    long duplicates = 0;
    long resnapshots = 0;
    long missedExpected = 0;
    List<Long> firsts = new ArrayList<>();
    long lastFirst = 0;
    for (Client cl : all) {
      List<String> mine = produced.getOrDefault(cl.city, List.of());
      expected += mine.size();
      Set<String> want = new HashSet<>(mine);
      delivered += cl.got.stream().filter(want::contains).count();
      // A client answered with a snapshot has the city's latest matches in it, not as deltas.
      if (cl.resyncs == 0) missing += mine.stream().filter(id -> !cl.got.contains(id)).count();
      duplicates += cl.duplicates;
      resnapshots += cl.snapshots - 1;
      missedExpected += producing.producedBetween(cl.city, cl.closedAt, cl.resumeSentNanos);
      if (cl.firstAfterResumeNanos > 0) {
        firsts.add((cl.firstAfterResumeNanos - cl.resumeSentNanos) / 1_000_000);
        lastFirst = Math.max(lastFirst, cl.firstAfterResumeNanos);
      }
      if (cl.socket != null) cl.socket.close();
    }
    long[] sorted = firsts.stream().mapToLong(Long::longValue).sorted().toArray();
    String p50 = sorted.length == 0 ? "-" : Long.toString(sorted[sorted.length / 2]);
    String p99 = sorted.length == 0 ? "-" : Long.toString(sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))]);
    return String.format(Locale.ROOT, "| %s | %d | %d | %d of %d | %d | %d | %d | %s / %s | %d | %.0f |",
        label, n, missedExpected, delivered, expected, missing, duplicates, resnapshots, p50, p99,
        lastFirst == 0 ? -1 : (lastFirst - moveStart) / 1_000_000,
        counter(to, "gateway.subscriptions.read.back") - readBackBefore);
  }

  private static void connect(WebSocketClient ws, int port, String token, List<Client> all, boolean resume) {
    for (int i = 0; i < all.size(); i += 250) {
      List<Future<WebSocket>> pending = new ArrayList<>();
      for (Client cl : all.subList(i, Math.min(all.size(), i + 250))) {
        JsonObject sub = new JsonObject().put("op", "subscribe").put("channel", "city:" + cl.city + ":matches");
        if (resume) {
          sub.put("resume", new JsonObject().put("epoch", cl.epoch).put("seq", cl.seq));
        }
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
            .addSubProtocol("matchstream.v1").addSubProtocol("bearer." + token);
        pending.add(ws.connect(o).compose(s -> {
          cl.socket = s;
          s.textMessageHandler(t -> {
            if (cl.socket == s) cl.onText(t);
          });
          if (resume) cl.resumeSentNanos = System.nanoTime();
          return s.writeTextMessage(sub.encode()).map(v -> s);
        }));
      }
      try {
        Future.join(pending).await(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.out.println("connecting: " + e); // counted below as clients that did not get their deltas
      }
    }
  }

  private interface Check {
    boolean done(Client c);
  }

  private static void awaitAll(List<Client> all, Check check, Duration within, String what) {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (all.stream().allMatch(check::done)) return;
      LockSupport.parkNanos(20_000_000);
    }
    System.out.println("not all clients reached " + what + " within " + within);
  }

  private static double counter(Gateway g, String name) {
    Counter c = g.metrics().registry().find(name).counter();
    return c == null ? 0 : c.count();
  }

  /** Produces matches at a fixed rate, round-robin over the cities, remembering when each went out. */
  private static final class Producing implements Runnable {
    final KafkaProducer<String, byte[]> producer;
    final List<String> cities;
    final int rate;
    final Map<String, List<String>> produced;
    final Map<String, List<Long>> sentAt = new ConcurrentHashMap<>();
    int next;
    volatile boolean stop;

    Producing(KafkaProducer<String, byte[]> producer, List<String> cities, int rate, int from,
        Map<String, List<String>> produced) {
      this.producer = producer;
      this.cities = cities;
      this.rate = rate;
      this.next = from;
      this.produced = produced;
    }

    @Override
    public void run() {
      long start = System.nanoTime();
      long sent = 0;
      while (!stop) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        while (sent < due) {
          String city = cities.get((int) (sent % cities.size()));
          Match m = match(city, next++);
          producer.send(new ProducerRecord<>(Topics.MATCHES, m.matchId(), EventCodec.encode(m)));
          produced.computeIfAbsent(city, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(m.matchId());
          sentAt.computeIfAbsent(city, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
          sent++;
        }
        LockSupport.parkNanos(2_000_000);
      }
    }

    /** Matches of a city sent while a client was away: what its resume must replay. */
    long producedBetween(String city, long fromNanos, long toNanos) {
      List<Long> times = sentAt.getOrDefault(city, List.of());
      synchronized (times) {
        return times.stream().filter(t -> t >= fromNanos && t < toNanos).count();
      }
    }
  }

  private static Match match(String city, int n) {
    long now = System.currentTimeMillis();
    String vacancy = "vac-" + city.replace("_", "") + String.format("%08d", n);
    String candidate = "cand-" + String.format("%08d", n);
    String id = Ids.matchId(vacancy, candidate);
    return new Match(id, id, now, 1, vacancy, candidate, city, "6-18-02-04", "emp-0001", 0.8, 0.7, 1.0, 0.9,
        1.0, 1.0, List.of("sk-00001", "sk-00002", "sk-00003"), List.of(), SalaryFit.WITHIN, LevelFit.MEETS, now, now);
  }
}
