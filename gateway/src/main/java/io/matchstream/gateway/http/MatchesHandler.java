package io.matchstream.gateway.http;

import io.matchstream.gateway.web.ApiError;

import io.matchstream.gateway.state.Hub;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/matches?city=ningbo&limit=50}: a city's recent matches, newest first. */
final class MatchesHandler implements Handler<RoutingContext> {
  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 50;

  private final Hub hub;

  MatchesHandler(Hub hub) {
    this.hub = hub;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String city = ctx.request().getParam("city");
    if (city == null || city.isBlank()) {
      ApiError.badParameter(ctx, "city", "city is required");
      return;
    }
    if (!hub.cities().contains(city)) {
      ApiError.badParameter(ctx, "city", "city must be a pilot city id, not '" + StatsHandler.clip(city) + "'");
      return;
    }
    Integer limit = limit(ctx.request().getParam("limit"));
    if (limit == null) {
      ApiError.badParameter(ctx, "limit", "limit must be an integer from 1 to " + MAX_LIMIT);
      return;
    }
    if (!ApiAuthHandler.viewer(ctx).maySeeCity(city)) {
      ApiError.send(ctx, 403, "forbidden", "city", "this viewer may not see " + city);
      return;
    }
    Json.ok(ctx, hub.recentMatches(city, limit));
  }

  private static Integer limit(String text) {
    if (text == null) return DEFAULT_LIMIT;
    try {
      int n = Integer.parseInt(text);
      return n >= 1 && n <= MAX_LIMIT ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
