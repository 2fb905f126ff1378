package io.matchstream.gateway.http;

import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.web.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * {@code GET /dev/tokens}, development mode only (built-in key, loopback): ready-made tokens for
 * the sign-in page of the local all-in-one.
 */
final class DevTokensHandler implements Handler<RoutingContext> {
  private static final Duration TTL = Duration.ofHours(8);

  private final Tokens tokens;
  private final CityRegistry cities;

  DevTokensHandler(Tokens tokens, CityRegistry cities) {
    this.tokens = tokens;
    this.cities = cities;
  }

  static boolean loopbackHost(HostAndPort authority) {
    if (authority == null) return false;
    String host = authority.host().toLowerCase(java.util.Locale.ROOT);
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!loopbackHost(ctx.request().authority())) {
      // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 would be same-origin
      // with us; only a request addressed to a loopback name may have the tokens.
      ApiError.send(ctx, 403, "forbidden", "Host", "development tokens are served to loopback Host names only");
      return;
    }
    JsonObject byCity = new JsonObject();
    for (City c : cities.all()) {
      byCity.put(c.id(), tokens.city("dev-" + c.id(), c.id(), TTL));
    }
    Json.ok(ctx, new JsonObject()
        .put("ministry", tokens.ministry("dev-ministry", TTL))
        .put("cities", byCity)
        .encode());
  }
}
