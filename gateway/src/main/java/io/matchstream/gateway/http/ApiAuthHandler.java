package io.matchstream.gateway.http;

import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.ws.WebSocketHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Every {@code /api} request needs {@code Authorization: Bearer <token>}; 401 otherwise. */
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
    String token = WebSocketHandler.bearer(ctx.request().getHeader("Authorization"));
    ctx.request().pause();
    tokens.verify(token).onComplete(verified -> {
      ctx.request().resume();
      if (verified.failed()) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        ApiError.send(ctx, 401, "unauthorized", null, verified.cause().getMessage());
        return;
      }
      ctx.put(VIEWER, verified.result());
      ctx.next();
    });
  }
}
