package io.matchstream.gateway;

import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Topics;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fan-out over every event loop, batching for clients that are behind, and batch subscribe. */
@ExtendWith(VertxExtension.class)
class FanoutTest {
  private GatewayFixture gw;

  @AfterEach
  void stop() {
    if (gw != null) gw.close();
  }

  @Test
  void aClientThatFellBehindGetsTheMissedDeltasBatchedInOrder(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.city("ningbo"))) {
      c.subscribe("city:ningbo:matches");
      long start = Long.parseLong(c.await(type("snapshot", null)).getString("seq"));
      c.pauseReading();
      // Hold every event loop while the deltas arrive, so they are all waiting when the connection
      // next writes: otherwise an idle loop may write each as it comes and no batch is needed.
      CountDownLatch hold = new CountDownLatch(1);
      ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loop -> loop.execute(() -> {
        try {
          hold.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      try {
        for (int n = 1; n <= 100; n++) gw.ingest(Topics.MATCHES, Fixtures.aMatch("ningbo", n));
      } finally {
        hold.countDown();
      }
      c.resumeReading();
      List<JsonObject> deltas = c.awaitCount(type("delta", null), 100);
      for (int i = 0; i < deltas.size(); i++) {
        assertThat(Long.parseLong(deltas.get(i).getString("seq"))).isEqualTo(start + 1 + i);
      }
      assertThat(c.batches()).as("frames holding several messages").isPositive();
      assertThat(c.closeCode()).isNull();
    }
  }

  @Test
  void clientsOnEveryEventLoopGetEveryDelta(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("http.instances", 3));
    List<ProtocolClient> clients = java.util.stream.IntStream.range(0, 9)
        .mapToObj(i -> gw.connect(gw.gateway.tokens().ministry("wall-" + i, java.time.Duration.ofHours(1)))).toList();
    try {
      for (ProtocolClient c : clients) {
        c.subscribe("city:ningbo:matches");
        c.await(type("snapshot", null));
      }
      for (int n = 1; n <= 20; n++) gw.ingest(Topics.MATCHES, Fixtures.aMatch("ningbo", n));
      for (ProtocolClient c : clients) {
        assertThat(c.awaitCount(type("delta", null), 20)).hasSize(20);
      }
    } finally {
      clients.forEach(ProtocolClient::close);
    }
  }

  @Test
  void theOpsRoomSubscribesToEveryChannelInOneMessage(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    JsonArray channels = new JsonArray().add("national:stats").add("alerts").add("national:ticker");
    for (City city : CityRegistry.loadDefault().all()) {
      channels.add("city:" + city.id() + ":stats").add("city:" + city.id() + ":alerts");
    }
    channels.add("city:atlantis:stats").add(new JsonObject().put("channel", "city:ningbo:matches")
        .put("resume", new JsonObject().put("epoch", "g-old").put("seq", 3)));
    try (ProtocolClient ops = gw.connect(gw.ministry())) {
      ops.send(new JsonObject().put("op", "subscribe").put("channels", channels));
      JsonObject answer = ops.await(type("subscribed", null));
      assertThat(answer.getJsonArray("granted")).hasSize(channels.size() - 1);
      assertThat(answer.getJsonArray("refused")).hasSize(1);
      assertThat(answer.getJsonArray("refused").getJsonObject(0).getString("code")).isEqualTo("unknown_channel");
      List<JsonObject> snapshots = ops.awaitCount(type("snapshot", null), channels.size() - 1);
      assertThat(snapshots).hasSize(channels.size() - 1);
      assertThat(ops.matching(f -> "rate_limited".equals(f.getString("code")))).isEmpty();
      assertThat(ops.matching(type("snapshot", "city:ningbo:matches")).get(0).getBoolean("resync")).isTrue();
    }
  }

  @Test
  void theNationalTickerSamplesAtMostTheConfiguredMatchesPerSecond(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("ticker.matches-per-second", 5));
    List<City> cities = List.copyOf(CityRegistry.loadDefault().all());
    try (ProtocolClient ops = gw.connect(gw.ministry()); ProtocolClient park = gw.connect(gw.city("ningbo"))) {
      ops.subscribe("national:ticker");
      ops.await(type("snapshot", "national:ticker"));
      park.subscribe("national:ticker");
      assertThat(park.await(type("error", null)).getString("code")).isEqualTo("forbidden");
      long started = System.nanoTime();
      for (int n = 1; n <= 200; n++) gw.ingest(Topics.MATCHES, Fixtures.aMatch(cities.get(n % cities.size()).id(), n));
      long seconds = (System.nanoTime() - started) / 1_000_000_000L + 2; // the seconds the burst touched
      ops.awaitCount(type("delta", "national:ticker"), 5);
      ops.barrier();
      assertThat(ops.matching(type("delta", "national:ticker")).size()).isBetween(5, (int) (5 * seconds));
    }
  }

  @Test
  void aCityViewerAskingForManyChannelsGetsItsOwnAndARefusalForTheRest(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient park = gw.connect(gw.city("ningbo"))) {
      park.send(new JsonObject().put("op", "subscribe").put("channels",
          new JsonArray().add("city:ningbo:stats").add("city:beijing:stats").add("national:stats")));
      JsonObject answer = park.await(type("subscribed", null));
      assertThat(answer.getJsonArray("granted")).containsExactly("city:ningbo:stats");
      assertThat(answer.getJsonArray("refused").stream().map(r -> ((JsonObject) r).getString("code")))
          .containsExactly("forbidden", "forbidden");
      park.barrier();
      assertThat(park.matching(type("snapshot", null))).hasSize(1);
    }
  }
}
