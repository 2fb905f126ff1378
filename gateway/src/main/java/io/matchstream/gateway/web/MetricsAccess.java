package io.matchstream.gateway.web;

import io.matchstream.gateway.auth.Tokens;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may scrape {@code /metrics}. With {@code metrics.token} set: whoever presents it as a bearer
 * token. Without, on the main port: loopback clients only (a Prometheus on the same host or a sidecar), since the
 * figures say how loaded the service is and which viewers are connected, and nothing about them
 * belongs to the public. On the management port ({@code metrics.port}) the port itself is the
 * fence, so without a token anyone who reaches it may scrape.
 */
final class MetricsAccess implements Handler<RoutingContext> {
  private final byte[] token;
  private final boolean loopbackOnly;

  /** @param loopbackOnly without a token, answer loopback clients only (the main port) */
  MetricsAccess(String token, boolean loopbackOnly) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.loopbackOnly = loopbackOnly;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token != null) {
      String given = Tokens.bearer(ctx.request().getHeader("Authorization"));
      if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        ctx.next();
      } else {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ApiError.send(ctx, 401, "unauthorized", null, "metrics need the metrics.token as a bearer token");
      }
      return;
    }
    SocketAddress peer = ctx.request().remoteAddress();
    if (!loopbackOnly || peer != null && isLoopback(peer.hostAddress())) {
      ctx.next();
    } else {
      ApiError.send(ctx, 403, "forbidden", null,
          "metrics are served to loopback clients only unless metrics.token is set");
    }
  }

  static boolean isLoopback(String address) {
    if (address == null) return false;
    return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
  }
}
