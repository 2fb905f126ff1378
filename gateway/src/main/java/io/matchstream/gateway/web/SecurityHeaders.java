package io.matchstream.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Headers on every answer: only our own origin may supply scripts, styles or frames. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    if (ctx.request().path().startsWith("/api") || ctx.request().path().startsWith("/dev")) {
      h.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
