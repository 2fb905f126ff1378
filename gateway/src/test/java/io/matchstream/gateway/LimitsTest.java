package io.matchstream.gateway;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import io.matchstream.testkit.ws.ProtocolClient;
import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Origin allow-list, frame size, message rate and connections per viewer. */
@ExtendWith(VertxExtension.class)
class LimitsTest {
  private GatewayFixture gw;

  @AfterEach
  void stop() {
    if (gw != null) gw.close();
  }

  @Test
  void aForeignOriginIsRefusedAndTheServersOwnOriginIsAccepted(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    String token = gw.ministry();
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, "https://evil.example")).isEqualTo(403);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, "http://127.0.0.1:" + gw.port())).isEqualTo(101);
  }

  @Test
  void aConfiguredOriginListReplacesTheDefault(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("allowed-origins", "https://ops.example.cn"));
    String token = gw.ministry();
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, "https://ops.example.cn")).isEqualTo(101);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, "http://127.0.0.1:" + gw.port())).isEqualTo(403);
  }

  @Test
  void anOversizedFrameClosesTheConnectionWith1009(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      String big = "{\"op\":\"ping\",\"pad\":\"" + "x".repeat(9 * 1024) + "\"}";
      c.sendText(big);
      assertThat(c.awaitClose()).isEqualTo((short) 1009);
    }
  }

  @Test
  void aClientFloodingMessagesIsThrottled(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (ProtocolClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      for (int i = 0; i < 100; i++) {
        c.sendText("{\"op\":\"ping\"}");
      }
      List<JsonObject> limited = c.awaitCount(f -> "rate_limited".equals(f.getString("code")), 50);
      assertThat(limited).isNotEmpty();
      // The burst of 40 passes (plus what refills while the flood arrives), the rest is refused.
      assertThat(c.matching(type("pong", null)).size()).isBetween(40, 49);
      assertThat(c.closeCode()).isNull();
    }
  }

  @Test
  void aViewerMayHoldOnlyTheConfiguredNumberOfConnections(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("limits.connections-per-subject", 2));
    String token = gw.city("ningbo");
    List<ProtocolClient> open = new ArrayList<>();
    try {
      open.add(gw.connect(token));
      open.add(gw.connect(token));
      assertThat(ProtocolClient.refusal(vertx, gw.port(), token, null)).isEqualTo(429);
      assertThat(ProtocolClient.refusal(vertx, gw.port(), gw.city("beijing"), null)).isEqualTo(101);
      open.remove(0).close();
      // The closed connection is counted off a moment after the close: ask until it is.
      await("a connection once one is closed").pollInSameThread().atMost(ProtocolClient.DEADLINE)
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
          .until(() -> ProtocolClient.refusal(vertx, gw.port(), token, null), status -> status == 101);
    } finally {
      open.forEach(ProtocolClient::close);
    }
  }
}
