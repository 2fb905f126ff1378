package io.matchstream.gateway;

import static io.matchstream.gateway.Fixtures.aMatch;
import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.AlertState;
import io.matchstream.events.Topics;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may see what: tokens at the handshake and on REST, channel access, the second check. */
@ExtendWith(VertxExtension.class)
class AccessTest {
  private GatewayFixture gw;

  @AfterEach
  void stop() {
    if (gw != null) gw.close();
  }

  @Test
  void aCityViewerCannotSubscribeToNorReceiveAnythingOfAnotherCity(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient ningbo = gw.connect(gw.city("ningbo"))) {
      for (String channel : new String[] {"city:beijing:matches", "city:beijing:stats", "city:beijing:alerts",
          "national:stats", "alerts"}) {
        ningbo.subscribe(channel);
        JsonObject error = ningbo.await(f -> "error".equals(f.getString("type")) && channel.equals(f.getString("channel")));
        assertThat(error.getString("code")).isEqualTo("forbidden");
      }
      ningbo.subscribe("city:ningbo:alerts");
      ningbo.await(type("snapshot", "city:ningbo:alerts"));
      gw.ingest(Topics.MATCHES, aMatch("beijing", 1));
      gw.ingest(Topics.ALERTS, Fixtures.anAlert("beijing", 1, AlertState.FIRING));
      gw.ingest(Topics.ALERTS, Fixtures.anAlert("ningbo", 2, AlertState.FIRING));
      ningbo.await(type("delta", "city:ningbo:alerts"));
      ningbo.barrier();
      assertThat(ningbo.matching(f -> !"error".equals(f.getString("type"))))
          .hasSize(4)
          .allSatisfy(f -> assertThat(f.encode()).doesNotContain("beijing"));
    }
  }

  @Test
  void aMinistryViewerSeesEveryCity(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient ministry = gw.connect(gw.ministry())) {
      ministry.subscribe("city:ningbo:matches");
      ministry.subscribe("city:beijing:matches");
      ministry.subscribe("national:stats");
      ministry.subscribe("alerts");
      ministry.awaitCount(type("snapshot", null), 4);
      gw.ingest(Topics.MATCHES, aMatch("ningbo", 1));
      gw.ingest(Topics.MATCHES, aMatch("beijing", 1));
      gw.ingest(Topics.ALERTS, Fixtures.anAlert("tangshan", 1, AlertState.FIRING));
      ministry.await(type("delta", "city:ningbo:matches"));
      ministry.await(type("delta", "city:beijing:matches"));
      ministry.await(type("delta", "alerts"));
    }
    JsonArray cities = new JsonArray(get(vertx, "/api/cities", gw.ministry()).bodyAsString());
    assertThat(cities).hasSize(39);
    JsonArray own = new JsonArray(get(vertx, "/api/cities", gw.city("ningbo")).bodyAsString());
    assertThat(own).hasSize(1);
    assertThat(own.getJsonObject(0).getString("id")).isEqualTo("ningbo");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"badSignature", "algNone", "expired", "wrongAudience", "wrongIssuer", "noRole",
      "unknownCity", "garbage"})
  void aBadTokenIsRejectedAtTheHandshakeAndOnRest(String kind, Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    long exp = TestTokens.inAnHour();
    Map<String, Function<Vertx, String>> tokens = Map.of(
        "badSignature", v -> TestTokens.sign(v, TestTokens.OTHER_SECRET, TestTokens.claims("a", "ministry", null, exp)),
        "algNone", v -> TestTokens.unsigned(TestTokens.claims("a", "ministry", null, exp)),
        "expired", v -> TestTokens.sign(v, TestTokens.SECRET, TestTokens.claims("a", "ministry", null, exp - 7200)),
        "wrongAudience", v -> TestTokens.sign(v, TestTokens.SECRET,
            TestTokens.claims("a", "ministry", null, exp).put("aud", new JsonArray().add("someone-else"))),
        "wrongIssuer", v -> TestTokens.sign(v, TestTokens.SECRET,
            TestTokens.claims("a", "ministry", null, exp).put("iss", "evil")),
        "noRole", v -> TestTokens.sign(v, TestTokens.SECRET, TestTokens.claims("a", "ministry", null, exp).put("role", "admin")),
        "unknownCity", v -> TestTokens.sign(v, TestTokens.SECRET, TestTokens.claims("a", "city", "atlantis", exp)),
        "garbage", v -> "not-a-jwt");
    String token = tokens.get(kind).apply(vertx);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, null)).isEqualTo(401);
    HttpResponse<Buffer> rest = get(vertx, "/api/me", token);
    assertThat(rest.statusCode()).isEqualTo(401);
    assertThat(rest.bodyAsJsonObject().getString("error")).isEqualTo("unauthorized");
    assertThat(rest.bodyAsString()).doesNotContain(token);
  }

  @Test
  void aValidTokenSignedOutsideTheGatewayIsAccepted(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    String token = TestTokens.sign(vertx, TestTokens.SECRET, TestTokens.claims("a", "city", "ningbo", TestTokens.inAnHour()));
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, null)).isEqualTo(101);
    assertThat(get(vertx, "/api/me", token).bodyAsJsonObject().getString("city")).isEqualTo("ningbo");
  }

  @Test
  void noTokenIsRejected(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), null, null)).isEqualTo(401);
    assertThat(get(vertx, "/api/cities", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenThatExpiresClosesTheOpenSocketWith1008(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    String token = gw.gateway.tokens().city("park-ningbo", "ningbo", Duration.ofSeconds(2));
    try (ProtocolClient c = gw.connect(token)) {
      c.await(type("welcome", null));
      assertThat(c.awaitClose()).isEqualTo((short) 1008);
    }
  }

  private HttpResponse<Buffer> get(Vertx vertx, String path, String token) {
    WebClient client = WebClient.create(vertx);
    try {
      var req = client.get(gw.port(), "127.0.0.1", path);
      if (token != null) req.putHeader("Authorization", "Bearer " + token);
      return req.send().await();
    } finally {
      client.close();
    }
  }
}
