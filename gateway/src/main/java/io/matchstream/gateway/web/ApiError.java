package io.matchstream.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON error answers of docs/protocol.md: {@code {"error","parameter","message"}}. */
public final class ApiError {
  private ApiError() {}

  public static void send(RoutingContext ctx, int status, String error, String parameter, String message) {
    JsonObject body = new JsonObject().put("error", error);
    if (parameter != null) body.put("parameter", parameter);
    body.put("message", message);
    if (ctx.response().ended() || ctx.response().headWritten()) return;
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  public static void badParameter(RoutingContext ctx, String parameter, String message) {
    send(ctx, 400, "bad_request", parameter, message);
  }
}
