package io.matchstream.gateway;

import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** A real gateway on a free loopback port, with the test key. */
final class GatewayFixture implements AutoCloseable {
  final Vertx vertx;
  final Gateway gateway;

  GatewayFixture(Vertx vertx, JsonObject extra) {
    this.vertx = vertx;
    JsonObject config = new JsonObject().put("http.port", 0).put("jwt.secret", TestTokens.SECRET);
    this.gateway = Gateway.deploy(vertx, config.mergeIn(extra == null ? new JsonObject() : extra)).await();
  }

  int port() {
    return gateway.port();
  }

  String ministry() {
    return gateway.tokens().ministry("ops-room-1", Duration.ofHours(1));
  }

  String city(String cityId) {
    return gateway.tokens().city("park-" + cityId, cityId, Duration.ofHours(1));
  }

  ProtocolClient connect(String token) {
    return ProtocolClient.connect(vertx, port(), token);
  }

  void ingest(String topic, Object event) {
    String reason = gateway.ingest(topic, Fixtures.json(event));
    if (reason != null) throw new AssertionError("fixture rejected: " + reason);
  }

  @Override
  public void close() {
    gateway.close().await();
  }
}
