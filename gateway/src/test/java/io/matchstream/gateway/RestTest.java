package io.matchstream.gateway;

import static io.matchstream.gateway.Fixtures.aMatch;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.AlertState;
import io.matchstream.events.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REST under /api: answers, validation naming the parameter, access, and the plain endpoints. */
@ExtendWith(VertxExtension.class)
class RestTest {
  private GatewayFixture gw;
  private WebClient client;

  @BeforeEach
  void start(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    client.close();
    gw.close();
  }

  @ParameterizedTest(name = "{0} -> {1} naming {2}")
  @CsvSource({
      "/api/matches,                       400, city",
      "/api/matches?city=atlantis,         400, city",
      "/api/matches?city=ningbo&limit=0,   400, limit",
      "/api/matches?city=ningbo&limit=501, 400, limit",
      "/api/matches?city=ningbo&limit=ten, 400, limit",
      "/api/alerts?state=BURNING,          400, state",
      "/api/alerts?city=atlantis,          400, city",
      "/api/cities/atlantis/stats,         404, cityId"})
  void eachBadParameterGetsA4xxNamingIt(String path, int status, String parameter) {
    HttpResponse<Buffer> r = get(path, gw.ministry());
    assertThat(r.statusCode()).isEqualTo(status);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("parameter")).isEqualTo(parameter);
    assertThat(body.getString("message")).contains(parameter);
  }

  @Test
  void recentMatchesComeNewestFirstUpToTheLimit() {
    for (int n = 1; n <= 5; n++) {
      gw.ingest(Topics.MATCHES, aMatch("ningbo", n));
    }
    JsonArray got = get("/api/matches?city=ningbo&limit=3", gw.city("ningbo")).bodyAsJsonArray();
    assertThat(got.stream().map(m -> ((JsonObject) m).getString("matchId")))
        .containsExactly(aMatch("ningbo", 5).matchId(), aMatch("ningbo", 4).matchId(), aMatch("ningbo", 3).matchId());
  }

  @Test
  void aCityViewerGetsOnlyItsOwnCity() {
    gw.ingest(Topics.ALERTS, Fixtures.anAlert("ningbo", 1, AlertState.FIRING));
    gw.ingest(Topics.ALERTS, Fixtures.anAlert("beijing", 2, AlertState.FIRING));
    String ningbo = gw.city("ningbo");
    assertThat(get("/api/matches?city=beijing", ningbo).statusCode()).isEqualTo(403);
    assertThat(get("/api/cities/beijing/stats", ningbo).statusCode()).isEqualTo(403);
    assertThat(get("/api/national/stats", ningbo).statusCode()).isEqualTo(403);
    assertThat(get("/api/alerts?city=beijing", ningbo).statusCode()).isEqualTo(403);
    JsonArray own = get("/api/alerts", ningbo).bodyAsJsonArray();
    assertThat(own).hasSize(1);
    assertThat(own.getJsonObject(0).getString("cityId")).isEqualTo("ningbo");
    assertThat(get("/api/alerts", gw.ministry()).bodyAsJsonArray()).hasSize(2);
  }

  @Test
  void resolvedAlertsLeaveTheFiringList() {
    gw.ingest(Topics.ALERTS, Fixtures.anAlert("ningbo", 1, AlertState.FIRING));
    gw.ingest(Topics.ALERTS, Fixtures.anAlert("ningbo", 1, AlertState.RESOLVED));
    assertThat(get("/api/alerts?city=ningbo", gw.ministry()).bodyAsJsonArray()).isEmpty();
    assertThat(get("/api/alerts?state=RESOLVED&city=ningbo", gw.ministry()).bodyAsJsonArray()).hasSize(1);
  }

  @Test
  void cityFiguresAre404UntilTheyArriveThenTheLatest() {
    String token = gw.city("ningbo");
    assertThat(get("/api/cities/ningbo/stats", token).statusCode()).isEqualTo(404);
    gw.ingest(Topics.CITY_STATS, Fixtures.figures("ningbo", Fixtures.TODAY, 7, 2999));
    JsonObject stats = get("/api/cities/ningbo/stats", token).bodyAsJsonObject();
    assertThat(stats.getLong("matchesToday")).isEqualTo(2999);
  }

  @Test
  void answersCarrySecurityHeadersAndThePlainEndpointsAnswer() {
    HttpResponse<Buffer> r = get("/api/me", gw.ministry());
    assertThat(r.getHeader("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsJsonObject().getString("reason")).contains("kafka");
    assertThat(get("/metrics", null).bodyAsString()).contains("gateway_connections").contains("gateway_messages_sent_total");
    assertThat(get("/api/nothing-here", gw.ministry()).statusCode()).isEqualTo(404);
    assertThat(get("/dev/tokens", null).statusCode()).isEqualTo(404);
  }

  private HttpResponse<Buffer> get(String path, String token) {
    var req = client.get(gw.port(), "127.0.0.1", path.trim());
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    return req.send().await();
  }
}
