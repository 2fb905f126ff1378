package io.matchstream.gateway.http;

import io.matchstream.events.codec.EventCodec;
import io.vertx.ext.web.RoutingContext;

/** Writes a 200 JSON answer in the event contract's JSON (same mapper as the topics). */
final class Json {
  private Json() {}

  static void ok(RoutingContext ctx, Object body) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body instanceof String s ? s : EventCodec.encodeToString(body));
  }
}
