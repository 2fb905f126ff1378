package io.matchstream.gateway;

import static io.matchstream.gateway.Fixtures.aMatch;
import static io.matchstream.gateway.Fixtures.figures;
import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Topics;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Snapshots, deltas, sequence numbers, resume and repeats, over a real websocket. */
@ExtendWith(VertxExtension.class)
class ProtocolTest {
  private static final String NINGBO_MATCHES = "city:ningbo:matches";
  private static final String NINGBO_STATS = "city:ningbo:stats";

  private GatewayFixture gw;

  @AfterEach
  void stop() {
    if (gw != null) gw.close();
  }

  @Test
  void welcomesThenSendsSnapshotThenDeltasWithIncreasingSequenceNumbers(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
    gw.ingest(Topics.MATCHES, aMatch("ningbo", 2));
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      JsonObject welcome = c.await(type("welcome", null));
      assertThat(welcome.getString("instance")).isEqualTo(gw.gateway.instance());
      assertThat(welcome.getJsonObject("viewer").getString("city")).isEqualTo("ningbo");

      c.subscribe(NINGBO_MATCHES);
      JsonObject snapshot = c.await(type("snapshot", NINGBO_MATCHES));
      assertThat(snapshot.getString("seq")).isEqualTo("2");
      assertThat(snapshot.getBoolean("resync")).isFalse();
      assertThat(snapshot.getJsonArray("data").stream().map(m -> ((JsonObject) m).getString("vacancyId")))
          .containsExactly(aMatch("ningbo", 1).vacancyId(), aMatch("ningbo", 2).vacancyId());

      gw.ingest(Topics.MATCHES, aMatch("ningbo", 3));
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 4));
      List<JsonObject> deltas = c.awaitCount(type("delta", NINGBO_MATCHES), 2);
      assertThat(deltas).extracting(d -> d.getString("seq")).containsExactly("3", "4");
      assertThat(deltas.get(0).getJsonObject("data").getString("matchId")).isEqualTo(aMatch("ningbo", 3).matchId());
      assertThat(c.frames().indexOf(snapshot)).isLessThan(c.frames().indexOf(deltas.get(0)));
    }
  }

  @Test
  void resumeAfterDisconnectReplaysExactlyTheMissedDeltas(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    String token = gw.city("ningbo");
    String lastSeq;
    try (ProtocolClient c = gw.connect(token)) {
      c.subscribe(NINGBO_MATCHES);
      c.await(type("snapshot", NINGBO_MATCHES));
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
      lastSeq = c.await(type("delta", NINGBO_MATCHES)).getString("seq");
    }
    for (int n = 2; n <= 6; n++) {
      gw.ingest(Topics.MATCHES, aMatch("ningbo", n));
    }
    try (ProtocolClient c = gw.connect(token)) {
      c.resume(NINGBO_MATCHES, gw.gateway.epoch(NINGBO_MATCHES), lastSeq);
      List<JsonObject> replayed = c.awaitCount(type("delta", NINGBO_MATCHES), 5);
      assertThat(replayed).extracting(d -> d.getString("seq")).containsExactly("2", "3", "4", "5", "6");
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 7));
      c.awaitCount(type("delta", NINGBO_MATCHES), 6);
      c.barrier();
      assertThat(c.matching(type("snapshot", null))).isEmpty();
      assertThat(c.matching(type("delta", NINGBO_MATCHES))).hasSize(6);
    }
  }

  @Test
  void aClientTooFarBehindGetsAFreshSnapshotFlaggedAsResync(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("limits.history", 3));
    for (int n = 1; n <= 10; n++) {
      gw.ingest(Topics.MATCHES, aMatch("ningbo", n));
    }
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      c.resume(NINGBO_MATCHES, gw.gateway.epoch(NINGBO_MATCHES), "2");
      JsonObject snapshot = c.await(type("snapshot", NINGBO_MATCHES));
      assertThat(snapshot.getBoolean("resync")).isTrue();
      assertThat(snapshot.getString("seq")).isEqualTo("10");
      assertThat(snapshot.getJsonArray("data")).hasSize(10);
      c.barrier();
      assertThat(c.matching(type("delta", null))).isEmpty();
    }
  }

  @Test
  void aResumeFromAnotherEpochGetsAResyncSnapshot(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      c.resume(NINGBO_MATCHES, "g-from-before-a-restart", "0");
      assertThat(c.await(type("snapshot", NINGBO_MATCHES)).getBoolean("resync")).isTrue();
    }
  }

  @Test
  void repeatedAndOlderRecordsNeverBecomeDeltas(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      c.subscribe(NINGBO_MATCHES);
      c.subscribe(NINGBO_STATS);
      c.await(type("snapshot", NINGBO_STATS));
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
      gw.ingest(Topics.CITY_STATS, figures("ningbo", Fixtures.TODAY, 5, 50));
      gw.ingest(Topics.CITY_STATS, figures("ningbo", Fixtures.TODAY, 5, 50));
      gw.ingest(Topics.CITY_STATS, figures("ningbo", Fixtures.TODAY, 4, 40));
      gw.ingest(Topics.CITY_STATS, figures("ningbo", "2026-03-01", 9, 90));
      c.barrier();
      assertThat(c.matching(type("delta", NINGBO_MATCHES))).hasSize(1);
      assertThat(c.matching(type("delta", NINGBO_STATS)))
          .singleElement()
          .satisfies(d -> assertThat(d.getJsonObject("data").getLong("revision")).isEqualTo(5));
    }
  }

  @Test
  void malformedMessagesGetAnErrorNamingTheProblemAndTheSocketStaysOpen(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.ministry())) {
      c.sendText("not json").await();
      c.send(new JsonObject().put("op", "dance"));
      c.send(new JsonObject().put("op", "subscribe").put("channel", "city:atlantis:stats"));
      c.send(new JsonObject().put("op", "subscribe").put("channel", NINGBO_MATCHES).put("resume", "yesterday"));
      List<JsonObject> errors = c.awaitCount(type("error", null), 4);
      assertThat(errors).extracting(e -> e.getString("code"))
          .containsExactly("bad_request", "bad_request", "unknown_channel", "bad_request");
      assertThat(errors.get(3).getString("message")).contains("resume");
      c.barrier();
      assertThat(c.closeCode()).isNull();
    }
  }

  @Test
  void unsubscribeStopsTheDeltas(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      c.subscribe(NINGBO_MATCHES);
      c.await(type("snapshot", NINGBO_MATCHES));
      c.send(new JsonObject().put("op", "unsubscribe").put("channel", NINGBO_MATCHES));
      c.await(type("unsubscribed", NINGBO_MATCHES));
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
      c.barrier();
      assertThat(c.matching(type("delta", null))).isEmpty();
    }
  }
}
