package io.matchstream.gateway;

import static io.matchstream.gateway.Fixtures.aMatch;
import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.AlertState;
import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real gateway instances (one JVM, two ports) reading one real broker: a client that leaves
 * one and resumes on the other with its position gets exactly what it missed — from the other's
 * memory, or read back from Kafka — and a flagged snapshot only when the log cannot serve it.
 */
@ExtendWith(VertxExtension.class)
class CrossInstanceResumeTest {
  private static final String NINGBO_MATCHES = "city:ningbo:matches";
  private static final String NINGBO_ALERTS = "city:ningbo:alerts";
  private static final String NINGBO_STATS = "city:ningbo:stats";

  @RegisterExtension
  static final Broker kafka = Broker.withContractTopics();

  /** Match numbers: each test produces its own, so repeats across tests never hide a delta. */
  private static int next = 10_000;

  @Test
  void aClientMovingToAnotherInstanceGetsExactlyTheMissedDeltasFromItsMemory(Vertx vertx) throws Exception {
    produceMatches("ningbo", 5);
    try (GatewayFixture a = gateway(vertx, null); GatewayFixture b = gateway(vertx, null)) {
      String token = a.city("ningbo");
      JsonObject last;
      try (ProtocolClient c = a.connect(token)) {
        c.subscribe(NINGBO_MATCHES);
        c.await(type("snapshot", NINGBO_MATCHES));
        List<Match> live = produceMatches("ningbo", 10);
        produceMatches("wuhan", 10);
        List<JsonObject> deltas = c.awaitCount(type("delta", NINGBO_MATCHES), 10);
        assertThat(deltas).extracting(d -> d.getJsonObject("data").getString("matchId"))
            .containsExactlyInAnyOrderElementsOf(live.stream().map(Match::matchId).toList());
        last = deltas.get(9);
      }
      List<Match> missed = produceMatches("ningbo", 20);
      produceMatches("wuhan", 20);

      try (ProtocolClient c = b.connect(token)) {
        c.resume(NINGBO_MATCHES, last.getString("epoch"), last.getString("seq"));
        assertExactly(c, missed);
        // and then live, once each
        Match after = produceMatches("ningbo", 1).get(0);
        c.awaitCount(type("delta", NINGBO_MATCHES), missed.size() + 1);
        c.barrier();
        assertThat(matchIds(c)).hasSize(missed.size() + 1).endsWith(after.matchId());
        assertThat(c.matching(type("snapshot", null))).isEmpty();
      }
      assertThat(counter(b, "gateway.subscriptions.resumed")).isEqualTo(1);
      assertThat(counter(b, "gateway.subscriptions.read.back")).isZero();
      assertSamePositions(a, b, NINGBO_MATCHES);
    }
  }

  @Test
  void whenTheOtherInstanceNoLongerHoldsThemTheMissedDeltasAreReadBackFromKafka(Vertx vertx) throws Exception {
    produceMatches("ningbo", 5);
    produceFigures(1);
    // B keeps 1 delta per channel: what the client missed has left its memory.
    try (GatewayFixture a = gateway(vertx, null);
        GatewayFixture b = gateway(vertx, new JsonObject().put("limits.history", 1))) {
      String token = a.city("ningbo");
      JsonObject lastMatch;
      JsonObject lastAlert;
      JsonObject lastFigures;
      List<Match> seenLive;
      try (ProtocolClient c = a.connect(token)) {
        c.subscribe(NINGBO_MATCHES);
        c.subscribe(NINGBO_ALERTS);
        c.subscribe(NINGBO_STATS);
        c.await(type("snapshot", NINGBO_MATCHES));
        c.await(type("snapshot", NINGBO_ALERTS));
        c.await(type("snapshot", NINGBO_STATS));
        seenLive = produceMatches("ningbo", 3);
        produceAlert("ningbo", 1, AlertState.FIRING);
        produceFigures(2);
        lastMatch = c.awaitCount(type("delta", NINGBO_MATCHES), 3).get(2);
        lastAlert = c.await(type("delta", NINGBO_ALERTS));
        lastFigures = c.await(type("delta", NINGBO_STATS));
      }
      List<Match> missed = produceMatches("ningbo", 25);
      produceMatches("chengdu", 25);
      // A repeat (at-least-once output) of a match the client already has: never a delta again.
      Match again = seenLive.get(0);
      kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, again.matchId(), Fixtures.json(again))).get();
      String resolved = produceAlert("ningbo", 1, AlertState.RESOLVED);
      String fired = produceAlert("ningbo", 2, AlertState.FIRING);
      produceAlert("wuhan", 3, AlertState.FIRING);
      produceFigures(3);
      produceFigures(4);

      try (ProtocolClient c = b.connect(token)) {
        // B must have read them all before its memory is known to lack them.
        awaitPositionAtLeast(b, NINGBO_MATCHES, a.gateway.hubPosition(NINGBO_MATCHES));
        c.resume(NINGBO_MATCHES, lastMatch.getString("epoch"), lastMatch.getString("seq"));
        c.resume(NINGBO_ALERTS, lastAlert.getString("epoch"), lastAlert.getString("seq"));
        c.resume(NINGBO_STATS, lastFigures.getString("epoch"), lastFigures.getString("seq"));
        assertExactly(c, missed);
        // Figures replace each other: what was missed is the newest, once.
        c.await(type("delta", NINGBO_STATS));
        List<JsonObject> alerts = c.awaitCount(type("delta", NINGBO_ALERTS), 2);
        c.barrier();
        assertThat(c.matching(type("delta", NINGBO_ALERTS))).extracting(d -> d.getJsonObject("data").getString("eventId"))
            .containsExactly(resolved, fired);
        assertThat(alerts).allMatch(d -> d.getString("epoch").equals(lastAlert.getString("epoch")));
        assertThat(c.matching(type("delta", NINGBO_STATS))).singleElement()
            .satisfies(d -> assertThat(d.getJsonObject("data").getLong("revision")).isEqualTo(4));
        assertThat(c.matching(type("snapshot", null))).isEmpty();
      }
      assertThat(counter(b, "gateway.subscriptions.read.back")).isEqualTo(3);
    }
  }

  @Test
  void aPositionBeyondTheReadBackBoundOrRetentionGetsAFlaggedSnapshot(Vertx vertx) throws Exception {
    produceMatches("ningbo", 3);
    try (GatewayFixture a = gateway(vertx, null);
        GatewayFixture b = gateway(vertx, new JsonObject().put("limits.history", 2)
            .put("resume.read-back-records", 10))) {
      String token = a.city("ningbo");
      JsonObject last;
      try (ProtocolClient c = a.connect(token)) {
        c.subscribe(NINGBO_MATCHES);
        c.await(type("snapshot", NINGBO_MATCHES));
        produceMatches("ningbo", 1);
        last = c.await(type("delta", NINGBO_MATCHES));
      }
      produceMatches("ningbo", 30);
      awaitPositionAtLeast(b, NINGBO_MATCHES, a.gateway.hubPosition(NINGBO_MATCHES));
      try (ProtocolClient c = b.connect(token)) {
        c.resume(NINGBO_MATCHES, last.getString("epoch"), last.getString("seq"));
        JsonObject snapshot = c.await(type("snapshot", NINGBO_MATCHES));
        assertThat(snapshot.getBoolean("resync")).isTrue();
        c.barrier();
        assertThat(c.matching(type("delta", null))).isEmpty();
      }
      assertThat(counter(b, "gateway.subscriptions.resynced", "reason", "bound")).isEqualTo(1);

      // Retention: the records after the position are deleted from the log.
      deleteAllMatchesUpTo(kafka.kafka());
      produceMatches("ningbo", 2);
      try (GatewayFixture c2 = gateway(vertx, new JsonObject().put("limits.history", 1));
          ProtocolClient c = c2.connect(token)) {
        c.resume(NINGBO_MATCHES, last.getString("epoch"), last.getString("seq"));
        assertThat(c.await(type("snapshot", NINGBO_MATCHES)).getBoolean("resync")).isTrue();
        assertThat(counter(c2, "gateway.subscriptions.resynced", "reason", "retention")).isEqualTo(1);
      }
    }
  }

  @Test
  void forgedPositionsGetAClearErrorOrASnapshotNeverACrash(Vertx vertx) throws Exception {
    produceMatches("ningbo", 3);
    try (GatewayFixture a = gateway(vertx, null); ProtocolClient c = a.connect(a.city("ningbo"))) {
      String epoch = a.gateway.epoch(NINGBO_MATCHES);
      assertThat(epoch).startsWith("k-");
      for (String bad : List.of("abc", "-1", "1..2", "9223372036854775808.0.0.0", "1.2.3.4.", "")) {
        c.resume(NINGBO_MATCHES, epoch, bad);
        JsonObject error = c.await(f -> "error".equals(f.getString("type")) && f.getString("message").contains("resume"));
        assertThat(error.getString("code")).isEqualTo("bad_request");
        c.frames().remove(error);
      }
      // Well-formed but not a position of this log: another epoch, the wrong partition count, far ahead.
      String[][] strangers = {{"k-0000000000000000", "0.0.0.0"}, {epoch, "1.2"}, {epoch, "999999999.0.0.0"}};
      for (String[] s : strangers) {
        c.resume(NINGBO_MATCHES, s[0], s[1]);
        JsonObject snapshot = c.await(type("snapshot", NINGBO_MATCHES));
        assertThat(snapshot.getBoolean("resync")).as(String.join(" ", s)).isTrue();
        assertThat(snapshot.getString("epoch")).isEqualTo(epoch);
        c.frames().remove(snapshot);
      }
      c.barrier();
      assertThat(c.closeCode()).isNull();
    }
  }

  // ---- producing, waiting, checking ----

  private GatewayFixture gateway(Vertx vertx, JsonObject extra) {
    JsonObject config = new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers());
    GatewayFixture gw = new GatewayFixture(vertx, config.mergeIn(extra == null ? new JsonObject() : extra));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(gw.gateway::ready);
    return gw;
  }

  private static List<Match> produceMatches(String city, int n) throws Exception {
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Match m = aMatch(city, next++);
      kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, m.matchId(), Fixtures.json(m)));
      out.add(m);
    }
    kafka.producer().flush();
    return out;
  }

  private static void produceFigures(long revision) throws Exception {
    var figures = Fixtures.figures("ningbo", Fixtures.TODAY, revision, 100 * revision);
    kafka.producer().send(new ProducerRecord<>(Topics.CITY_STATS, "ningbo", Fixtures.json(figures))).get();
  }

  private static String produceAlert(String city, int n, AlertState state) throws Exception {
    var alert = Fixtures.anAlert(city, n, state);
    kafka.producer().send(new ProducerRecord<>(Topics.ALERTS, alert.alertId(), Fixtures.json(alert))).get();
    return alert.eventId();
  }

  /** The missed matches arrive, each once, and nothing else: no snapshot, no duplicate. */
  private static void assertExactly(ProtocolClient c, List<Match> missed) {
    c.awaitCount(type("delta", NINGBO_MATCHES), missed.size());
    c.barrier();
    assertThat(matchIds(c)).containsExactlyInAnyOrderElementsOf(missed.stream().map(Match::matchId).toList());
    assertThat(c.matching(type("snapshot", NINGBO_MATCHES))).isEmpty();
  }

  private static List<String> matchIds(ProtocolClient c) {
    return c.matching(type("delta", NINGBO_MATCHES)).stream()
        .map(d -> d.getJsonObject("data").getString("matchId")).toList();
  }

  /** Both instances, having read the same records, give a new subscriber the same position. */
  private static void assertSamePositions(GatewayFixture a, GatewayFixture b, String channel) {
    Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> a.gateway.hubPosition(channel).equals(b.gateway.hubPosition(channel)));
    Map<String, JsonObject> snapshots = new HashMap<>();
    for (GatewayFixture gw : List.of(a, b)) {
      try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
        c.subscribe(channel);
        snapshots.put(gw == a ? "a" : "b", c.await(type("snapshot", channel)));
      }
    }
    assertThat(snapshots.get("b").getString("epoch")).isEqualTo(snapshots.get("a").getString("epoch"));
    assertThat(snapshots.get("b").getString("seq")).isEqualTo(snapshots.get("a").getString("seq"));
  }

  private static void awaitPositionAtLeast(GatewayFixture gw, String channel, String position) {
    long[] want = parse(position);
    Predicate<String> reached = p -> {
      long[] have = parse(p);
      for (int i = 0; i < want.length; i++) if (have[i] < want[i]) return false;
      return true;
    };
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reached.test(gw.gateway.hubPosition(channel)));
  }

  private static long[] parse(String position) {
    String[] parts = position.split("\\.");
    long[] out = new long[parts.length];
    for (int i = 0; i < parts.length; i++) out[i] = Long.parseLong(parts[i]);
    return out;
  }

  private static double counter(GatewayFixture gw, String name, String... tags) {
    var c = gw.gateway.metrics().registry().find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** Deletes every record now in {@code matches}, as retention would. */
  private static void deleteAllMatchesUpTo(EmbeddedKafka kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
      var ends = admin.listOffsets(java.util.stream.IntStream.range(0, 4).boxed().collect(
          java.util.stream.Collectors.toMap(p -> new TopicPartition(Topics.MATCHES, p),
              p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
      ends.forEach((tp, info) -> all.put(tp, RecordsToDelete.beforeOffset(info.offset())));
      admin.deleteRecords(all).all().get(30, TimeUnit.SECONDS);
    }
  }
}
