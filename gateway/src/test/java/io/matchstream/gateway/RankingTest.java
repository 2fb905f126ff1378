package io.matchstream.gateway;

import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.ShortageRanking;
import io.matchstream.events.Topics;
import io.matchstream.testkit.kafka.Broker;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shortage ranking from a real broker's {@code shortage-ranking} topic: REST and the
 * {@code national:ranking} / {@code city:<id>:ranking} channels, with the figures' access rules,
 * newer revisions replacing older ones and malformed rankings kept off every screen.
 */
@ExtendWith(VertxExtension.class)
class RankingTest {
  private static final String WELDER = "6-18-02-04";
  private static final String LATHE = "6-18-01-01";
  @RegisterExtension
  static final Broker kafka = Broker.withContractTopics();

  static ShortageRanking ranking(String key, long revision, String... codes) {
    List<ShortageRanking.Entry> entries = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      long gap = 500 - 100L * i;
      entries.add(new ShortageRanking.Entry(i + 1, codes[i], gap + 100, 100, gap, (gap + 100) / 100.0,
          key.equals(ShortageRanking.NATIONAL) ? 3 : 1, key.equals(ShortageRanking.NATIONAL) ? gap * 3 : gap,
          key.equals(ShortageRanking.NATIONAL) ? List.of("ningbo", "suzhou") : null, i == 0 ? 2 : null, null));
    }
    return new ShortageRanking(key, key + "/" + Fixtures.TODAY + "/" + revision, Fixtures.MORNING + revision, 1,
        Fixtures.TODAY, revision, false, key.equals(ShortageRanking.NATIONAL) ? 2 : 1, "2026-03-01", null, entries);
  }

  private static void produce(ShortageRanking r) throws Exception {
    kafka.producer().send(new ProducerRecord<>(Topics.SHORTAGE_RANKING, r.cityId(), Fixtures.json(r))).get();
  }

  @Test
  void servesTheRankingsOnRestAndChannelsToWhoMaySeeThem(Vertx vertx) throws Exception {
    produce(ranking(ShortageRanking.NATIONAL, 1, WELDER, LATHE));
    produce(ranking("ningbo", 2, LATHE, WELDER));
    produce(ranking("beijing", 3, WELDER));

    try (GatewayFixture gw = new GatewayFixture(vertx,
        new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers()))) {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(gw.gateway::ready);
      WebClient http = WebClient.create(vertx);
      try {
        JsonObject national = get(http, gw, "/api/national/ranking", gw.ministry()).bodyAsJsonObject();
        JsonArray entries = national.getJsonArray("entries");
        assertThat(entries.getJsonObject(0).getString("occupationCode")).isEqualTo(WELDER);
        assertThat(entries.getJsonObject(0).getInteger("rankYesterday")).isEqualTo(2);
        assertThat(entries.getJsonObject(0).getJsonArray("typicalCities")).containsExactly("ningbo", "suzhou");
        assertThat(get(http, gw, "/api/cities/ningbo/ranking", gw.city("ningbo")).bodyAsJsonObject()
            .getJsonArray("entries").getJsonObject(0).getString("occupationCode")).isEqualTo(LATHE);
        assertThat(get(http, gw, "/api/national/ranking", gw.city("ningbo")).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> other = get(http, gw, "/api/cities/beijing/ranking", gw.city("ningbo"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.bodyAsJsonObject().getString("parameter")).isEqualTo("cityId");
        assertThat(get(http, gw, "/api/cities/atlantis/ranking", gw.ministry()).statusCode()).isEqualTo(404);
        assertThat(get(http, gw, "/api/cities/wuhan/ranking", gw.ministry()).statusCode()).isEqualTo(404);
        assertThat(get(http, gw, "/api/national/ranking", null).statusCode()).isEqualTo(401);
      } finally {
        http.close();
      }

      try (ProtocolClient ningbo = gw.connect(gw.city("ningbo")); ProtocolClient ministry = gw.connect(gw.ministry())) {
        ningbo.subscribe("city:ningbo:ranking");
        assertThat(ningbo.await(type("snapshot", "city:ningbo:ranking")).getJsonObject("data").getString("cityId"))
            .isEqualTo("ningbo");
        ningbo.subscribe("national:ranking");
        assertThat(ningbo.await(type("error", "national:ranking")).getString("code")).isEqualTo("forbidden");
        ningbo.subscribe("city:beijing:ranking");
        assertThat(ningbo.await(type("error", "city:beijing:ranking")).getString("code")).isEqualTo("forbidden");

        ministry.subscribe("national:ranking");
        ministry.await(type("snapshot", "national:ranking"));

        // A stale revision and a malformed list (rank 2 missing) never reach a screen; the next one does.
        produce(ranking(ShortageRanking.NATIONAL, 0, LATHE));
        ShortageRanking broken = ranking(ShortageRanking.NATIONAL, 9, LATHE, WELDER);
        List<ShortageRanking.Entry> gap = new ArrayList<>(broken.entries());
        ShortageRanking.Entry second = gap.get(1);
        gap.set(1, new ShortageRanking.Entry(3, second.occupationCode(), second.openVacancies(),
            second.availableCandidates(), second.gap(), second.ratio(), second.cities(), second.score(),
            second.typicalCities(), null, null));
        produce(new ShortageRanking(broken.cityId(), broken.eventId(), broken.eventTime(), 1, broken.day(),
            broken.revision(), false, 2, null, null, gap));
        produce(ranking(ShortageRanking.NATIONAL, 10, LATHE, WELDER));

        JsonObject delta = ministry.await(type("delta", "national:ranking"));
        assertThat(delta.getJsonObject("data").getLong("revision")).isEqualTo(10);
        assertThat(delta.getJsonObject("data").getJsonArray("entries").getJsonObject(0).getString("occupationCode"))
            .isEqualTo(LATHE);
        ministry.barrier();
        assertThat(ministry.matching(type("delta", "national:ranking"))).hasSize(1);
        ningbo.barrier();
        assertThat(ningbo.matching(type("delta", null))).isEmpty();
      }
    }
  }

  private static HttpResponse<Buffer> get(WebClient http, GatewayFixture gw, String path, String token) {
    var req = http.get(gw.port(), "127.0.0.1", path);
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    return req.send().await();
  }
}
