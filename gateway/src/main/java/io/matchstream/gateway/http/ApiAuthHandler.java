package io.matchstream.gateway.http;

import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.web.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * After vertx-web's {@code JWTAuthHandler} has authenticated the bearer token (signature, expiry,
 * issuer, audience), turns the user into a {@link Viewer}: role and city claims and the lifetime
 * ceiling. Refuses with 401 when they do not hold.
 */
final class ApiAuthHandler implements Handler<RoutingContext> {
  static final String VIEWER = "viewer";

  private final Tokens tokens;

  ApiAuthHandler(Tokens tokens) {
    this.tokens = tokens;
  }

  static Viewer viewer(RoutingContext ctx) {
    return ctx.get(VIEWER);
  }

  @Override
  public void handle(RoutingContext ctx) {
    tokens.viewer(ctx.user()).onComplete(verified -> {
      if (verified.failed()) {
        unauthorized(ctx, verified.cause().getMessage());
        return;
      }
      ctx.put(VIEWER, verified.result());
      ctx.next();
    });
  }

  static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ApiError.send(ctx, 401, "unauthorized", null, message);
  }
}
