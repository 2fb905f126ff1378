package io.matchstream.gateway;

import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.gateway.feed.FeedStatus;
import io.matchstream.gateway.state.Position;
import io.matchstream.kafka.KafkaCluster;
import io.matchstream.kafka.TopicSpec;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway on three KRaft brokers (replication 3, {@code min.insync.replicas} 2) while they
 * fail: a producer (acks=all, idempotent) writes a city's matches at a steady rate and a real
 * websocket client stays subscribed while first the leader of the partitions the gateway reads is
 * stopped and started again, then every broker is stopped and all are started again. The client
 * keeps its connection, every acknowledged match reaches it exactly once with a position that only
 * moves forward, and {@code /ready} says 503, naming Kafka, while the gateway cannot read (see
 * {@link FeedStatus}) and 200 again once it can — with no restart of the gateway. Profile
 * {@code faults}.
 */
@Tag("faults")
@ExtendWith(VertxExtension.class)
class BrokerFailoverTest {
  private static final Duration FAILOVER = Duration.ofMinutes(2);
  private static final String CHANNEL = "city:ningbo:matches";
  private static KafkaCluster kafka;

  @BeforeAll
  static void startCluster() {
    kafka = KafkaCluster.start(3);
    kafka.createTopic(new TopicSpec(Topics.MATCHES, 4, Map.of("min.insync.replicas", "2")));
    kafka.createTopic(new TopicSpec(Topics.CITY_STATS, 1, Map.of("min.insync.replicas", "2", "cleanup.policy", "compact")));
    kafka.createTopic(new TopicSpec(Topics.ALERTS, 1, Map.of("min.insync.replicas", "2", "cleanup.policy", "compact")));
    // Every topic the live feed reads must exist before the gateway is ready.
    kafka.createTopic(new TopicSpec(Topics.SHORTAGE_RANKING, 1,
        Map.of("min.insync.replicas", "2", "cleanup.policy", "compact")));
  }

  @AfterAll
  static void stopCluster() {
    kafka.close();
  }

  @Test
  void keepsServingThroughALostLeaderAndAWholeClusterRestartLosingAndRepeatingNothing(Vertx vertx) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    try (GatewayFixture gw = new GatewayFixture(vertx,
            new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers()));
        KafkaProducer<String, byte[]> producer = producer();
        ProtocolClient client = gw.connect(gw.ministry())) {
      await("ready on a healthy cluster").atMost(FAILOVER).until(() -> ready(http, gw).statusCode() == 200);
      client.subscribe(CHANNEL);
      client.await(type("snapshot", CHANNEL));
      // A dashboard pings every 15 s; so does this client, so a long outage does not idle it out.
      long pinger = vertx.setPeriodic(5_000, id -> client.sendText("{\"op\":\"ping\"}"));

      // 20 matches a second, each acknowledged by all in-sync replicas, until told to stop.
      pace.scheduleAtFixedRate(() -> {
        Match m = Fixtures.aMatch("ningbo", next.incrementAndGet());
        producer.send(new ProducerRecord<>(Topics.MATCHES, m.matchId(), Fixtures.json(m)), (meta, e) -> {
          if (e == null) acked.add(m.matchId());
          else failed.incrementAndGet();
        });
      }, 0, 50, TimeUnit.MILLISECONDS);
      awaitMoreDeltas(client, 40);

      // 1. The leader of the first matches partition goes away (it also leads others) and comes back.
      int leader = kafka.leaderOf(Topics.MATCHES, 0).orElseThrow();
      kafka.stopNode(leader);
      await("a new leader for matches-0").atMost(FAILOVER)
          .until(() -> kafka.leaderOf(Topics.MATCHES, 0).filter(l -> l != leader).isPresent());
      awaitMoreDeltas(client, 40);
      await("ready with a broker down").atMost(FAILOVER).until(() -> ready(http, gw).statusCode() == 200);
      kafka.startNode(leader);
      await("the restarted broker back in sync").atMost(FAILOVER)
          .until(() -> kafka.inSyncReplicasOf(Topics.MATCHES, 0).size() == 3);
      awaitMoreDeltas(client, 40);

      // 2. Every broker stops: the gateway cannot read, says so, and keeps its sockets.
      kafka.stopAll();
      long stopped = System.nanoTime();
      HttpResponse<String> down = await("503 while no broker answers").atMost(FAILOVER)
          .until(() -> ready(http, gw), r -> r.statusCode() == 503);
      double unreadyAfter = (System.nanoTime() - stopped) / 1e9;
      JsonObject why = new JsonObject(down.body());
      assertThat(why.getString("status")).isEqualTo("not_ready");
      assertThat(why.getString("reason")).startsWith("kafka cannot be read");
      assertThat(get(http, gw, "/health").statusCode()).as("/health while Kafka is down").isEqualTo(200);
      client.barrier();
      assertThat(client.closeCode()).as("the socket's close code while Kafka is down").isNull();

      // 3. All brokers start again: ready again and the same socket gets the rest, no restart.
      kafka.startAll();
      long restarted = System.nanoTime();
      await("ready again after the cluster restart").atMost(FAILOVER).until(() -> ready(http, gw).statusCode() == 200);
      double readyAfter = (System.nanoTime() - restarted) / 1e9;
      awaitMoreDeltas(client, 40);
      pace.shutdown();
      assertThat(pace.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      producer.flush();
      assertThat(failed.get()).as("matches the idempotent acks=all producer lost").isZero();
      assertThat(acked).hasSize(next.get());

      await("every acknowledged match delivered").atMost(FAILOVER).pollInterval(Duration.ofMillis(200))
          .until(() -> deliveredIds(client).containsAll(acked));
      client.barrier();
      vertx.cancelTimer(pinger);
      List<JsonObject> deltas = client.matching(type("delta", CHANNEL));
      List<String> ids = deltas.stream().map(d -> d.getJsonObject("data").getString("matchId")).toList();
      Map<String, Long> repeated = new HashMap<>();
      ids.forEach(id -> repeated.merge(id, 1L, Long::sum));
      repeated.values().removeIf(n -> n == 1);
      assertThat(repeated).as("matches delivered more than once").isEmpty();
      assertThat(Set.copyOf(ids)).as("delivered = acknowledged").isEqualTo(acked);
      assertForward(deltas);
      assertThat(client.closeCode()).as("the socket was never closed").isNull();
      System.out.printf(java.util.Locale.ROOT, "gateway under broker faults: leader of matches-0 (node %d) stopped and"
              + " restarted, then all 3 brokers; %d matches acknowledged, %d delivered, 0 lost, 0 twice, socket open"
              + " throughout; /ready 503 %.1f s after the last broker stopped (\"%s\"), 200 %.1f s after they started%n",
          leader, acked.size(), ids.size(), unreadyAfter, why.getString("reason"), readyAfter);
    } finally {
      pace.shutdownNow();
    }
  }

  private static void awaitMoreDeltas(ProtocolClient client, int more) {
    long target = client.deltas() + more;
    await("deltas keep arriving").atMost(FAILOVER).until(() -> client.deltas() >= target);
  }

  private static Set<String> deliveredIds(ProtocolClient client) {
    Set<String> out = new java.util.HashSet<>();
    client.matching(type("delta", CHANNEL)).forEach(d -> out.add(d.getJsonObject("data").getString("matchId")));
    return out;
  }

  /** Each delta's position is past the one before: no partition goes back, one at least moves on. */
  private static void assertForward(List<JsonObject> deltas) {
    long[] before = null;
    String epoch = null;
    for (JsonObject d : deltas) {
      long[] at = Position.parse(d.getString("seq"));
      assertThat(at).as("position %s", d.getString("seq")).isNotNull();
      if (epoch != null) assertThat(d.getString("epoch")).as("epoch").isEqualTo(epoch);
      epoch = d.getString("epoch");
      if (before != null) {
        long moved = 0;
        for (int p = 0; p < at.length; p++) {
          assertThat(at[p]).as("partition %d of %s after %s", p, d.getString("seq"), Position.format(before))
              .isGreaterThanOrEqualTo(before[p]);
          moved += at[p] - before[p];
        }
        assertThat(moved).as("position %s after %s", d.getString("seq"), Position.format(before)).isPositive();
      }
      before = at;
    }
  }

  private static HttpResponse<String> ready(HttpClient http, GatewayFixture gw) throws Exception {
    return get(http, gw, "/ready");
  }

  private static HttpResponse<String> get(HttpClient http, GatewayFixture gw, String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // Long enough to ride out the whole-cluster restart: a send waits for the brokers, never fails.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }
}
