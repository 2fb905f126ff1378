package io.matchstream.gateway.http;

import io.matchstream.gateway.web.ApiError;

import io.matchstream.events.CityStats;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.state.Hub;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/cities/{cityId}/stats} and {@code GET /api/national/stats}. */
final class StatsHandler {
  private final Hub hub;

  StatsHandler(Hub hub) {
    this.hub = hub;
  }

  void city(RoutingContext ctx) {
    String cityId = ctx.pathParam("cityId");
    if (!hub.cities().contains(cityId)) {
      ApiError.send(ctx, 404, "not_found", "cityId", "cityId '" + clip(cityId) + "' is not a pilot city");
      return;
    }
    if (!ApiAuthHandler.viewer(ctx).maySeeCity(cityId)) {
      ApiError.send(ctx, 403, "forbidden", "cityId", "this viewer may not see " + cityId);
      return;
    }
    answer(ctx, hub.stats(cityId), "cityId", "no figures for " + cityId + " yet");
  }

  void national(RoutingContext ctx) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    if (!viewer.isMinistry()) {
      ApiError.send(ctx, 403, "forbidden", null, "national figures are for the ministry only");
      return;
    }
    answer(ctx, hub.stats(CityStats.NATIONAL), null, "no national figures yet");
  }

  private static void answer(RoutingContext ctx, CityStats stats, String parameter, String missing) {
    if (stats == null) {
      ApiError.send(ctx, 404, "not_found", parameter, missing);
    } else {
      Json.ok(ctx, stats);
    }
  }

  static String clip(String s) {
    return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
