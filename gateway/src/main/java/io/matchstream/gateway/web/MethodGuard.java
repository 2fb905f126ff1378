package io.matchstream.gateway.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A method a path does not serve is 405 with {@code Allow}, not a 404 that hides the path's
 * existence badly and tells the client nothing. {@code HEAD} is allowed wherever {@code GET} is.
 */
final class MethodGuard implements Handler<RoutingContext> {
  private final Set<HttpMethod> allowed;
  private final String allow;

  MethodGuard(HttpMethod... allowed) {
    this.allowed = Set.of(allowed);
    this.allow = this.allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
  }

  static MethodGuard getOrHead() {
    return new MethodGuard(HttpMethod.GET, HttpMethod.HEAD);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (allowed.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Allow", allow);
    ApiError.send(ctx, 405, "method_not_allowed", null,
        ctx.request().path() + " answers " + allow + " only");
  }
}
