package io.matchstream.gateway;

import static io.matchstream.gateway.WsClient.type;
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
    assertThat(WsClient.refusal(vertx, gw.port(), token, "https://evil.example")).isEqualTo(403);
    assertThat(WsClient.refusal(vertx, gw.port(), token, "http://127.0.0.1:" + gw.port())).isEqualTo(101);
  }

  @Test
  void aConfiguredOriginListReplacesTheDefault(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("allowed-origins", "https://ops.example.cn"));
    String token = gw.ministry();
    assertThat(WsClient.refusal(vertx, gw.port(), token, "https://ops.example.cn")).isEqualTo(101);
    assertThat(WsClient.refusal(vertx, gw.port(), token, "http://127.0.0.1:" + gw.port())).isEqualTo(403);
  }

  @Test
  void anOversizedFrameClosesTheConnectionWith1009(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (WsClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      String big = "{\"op\":\"ping\",\"pad\":\"" + "x".repeat(9 * 1024) + "\"}";
      c.ws.writeTextMessage(big);
      assertThat(c.awaitClose()).isEqualTo((short) 1009);
    }
  }

  @Test
  void aClientFloodingMessagesIsThrottled(Vertx vertx) {
    gw = new GatewayFixture(vertx, null);
    try (WsClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      for (int i = 0; i < 100; i++) {
        c.ws.writeTextMessage("{\"op\":\"ping\"}");
      }
      List<JsonObject> limited = c.awaitCount(f -> "rate_limited".equals(f.getString("code")), 50);
      assertThat(limited).isNotEmpty();
      // The burst of 40 passes (plus what refills while the flood arrives), the rest is refused.
      assertThat(c.matching(type("pong", null)).size()).isBetween(40, 49);
      assertThat(c.closeCode).isNull();
    }
  }

  @Test
  void aViewerMayHoldOnlyTheConfiguredNumberOfConnections(Vertx vertx) {
    gw = new GatewayFixture(vertx, new JsonObject().put("limits.connections-per-subject", 2));
    String token = gw.city("ningbo");
    List<WsClient> open = new ArrayList<>();
    try {
      open.add(gw.connect(token));
      open.add(gw.connect(token));
      assertThat(WsClient.refusal(vertx, gw.port(), token, null)).isEqualTo(429);
      assertThat(WsClient.refusal(vertx, gw.port(), gw.city("beijing"), null)).isEqualTo(101);
      open.remove(0).close();
      long end = System.nanoTime() + WsClient.DEADLINE.toNanos();
      int status = 0;
      while (status != 101 && System.nanoTime() < end) {
        status = WsClient.refusal(vertx, gw.port(), token, null);
      }
      assertThat(status).isEqualTo(101);
    } finally {
      open.forEach(WsClient::close);
    }
  }
}
