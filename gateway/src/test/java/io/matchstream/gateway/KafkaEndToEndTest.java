package io.matchstream.gateway;

import static io.matchstream.gateway.Fixtures.aMatch;
import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.matchstream.events.CityStats;
import io.matchstream.events.Topics;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway against a real broker: rebuild on start, readiness, and live records to the right city. */
@ExtendWith(VertxExtension.class)
class KafkaEndToEndTest {
  @RegisterExtension
  static final Broker kafka = Broker.withContractTopics();

  @Test
  void rebuildsStateOnStartThenDeliversARecordToItsCityOnly(Vertx vertx) throws Exception {
    CityStats before = Fixtures.figures("ningbo", Fixtures.TODAY, 3, 1500);
    kafka.producer().send(new ProducerRecord<>(Topics.CITY_STATS, "ningbo", Fixtures.json(before))).get();
    kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, "x", "{not json".getBytes())).get();

    try (GatewayFixture gw = new GatewayFixture(vertx,
        new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers()))) {
      awaitReady(gw);
      try (ProtocolClient ningbo = gw.connect(gw.city("ningbo"));
          ProtocolClient beijing = gw.connect(gw.city("beijing"))) {
        ningbo.subscribe("city:ningbo:stats");
        JsonObject snapshot = ningbo.await(type("snapshot", "city:ningbo:stats"));
        assertThat(snapshot.getJsonObject("data").getLong("matchesToday")).isEqualTo(1500);

        ningbo.subscribe("city:ningbo:matches");
        beijing.subscribe("city:beijing:matches");
        ningbo.await(type("snapshot", "city:ningbo:matches"));
        beijing.await(type("snapshot", "city:beijing:matches"));

        var match = aMatch("ningbo", 42);
        kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, match.matchId(), Fixtures.json(match))).get();
        JsonObject delta = ningbo.await(type("delta", "city:ningbo:matches"));
        assertThat(delta.getJsonObject("data").getString("matchId")).isEqualTo(match.matchId());

        beijing.barrier();
        assertThat(beijing.matching(type("delta", null))).isEmpty();
      }
    }
  }

  @Test
  void aLiveRecordReachesItsSubscriberPromptly(Vertx vertx) throws Exception {
    try (GatewayFixture gw = new GatewayFixture(vertx,
        new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers()))) {
      awaitReady(gw);
      try (ProtocolClient c = gw.connect(gw.city("wuhan"))) {
        c.subscribe("city:wuhan:matches");
        c.await(type("snapshot", "city:wuhan:matches"));
        java.util.List<Long> millis = new java.util.ArrayList<>();
        for (int n = 1; n <= 20; n++) {
          var match = aMatch("wuhan", 1000 + n);
          long start = System.nanoTime();
          kafka.producer().send(new ProducerRecord<>(Topics.MATCHES, match.matchId(), Fixtures.json(match))).get();
          c.await(f -> "delta".equals(f.getString("type"))
              && match.matchId().equals(f.getJsonObject("data").getString("matchId")));
          millis.add((System.nanoTime() - start) / 1_000_000);
        }
        java.util.Collections.sort(millis);
        System.out.println("kafka -> websocket, ms, sorted: " + millis);
        assertThat(millis.get(millis.size() / 2)).isLessThan(1_000L);
      }
    }
  }

  private static void awaitReady(GatewayFixture gw) {
    await("gateway ready").pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
        .until(gw.gateway::ready);
  }
}
