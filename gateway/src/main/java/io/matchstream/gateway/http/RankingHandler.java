package io.matchstream.gateway.http;

import io.matchstream.events.ShortageRanking;
import io.matchstream.gateway.state.Hub;
import io.matchstream.gateway.web.ApiError;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/cities/{cityId}/ranking} (a city's top 20) and {@code GET /api/national/ranking}
 * (the national top 100): the newest shortage ranking, with the same access as the figures.
 */
final class RankingHandler {
  private final Hub hub;

  RankingHandler(Hub hub) {
    this.hub = hub;
  }

  void city(RoutingContext ctx) {
    String cityId = ctx.pathParam("cityId");
    if (!hub.cities().contains(cityId)) {
      ApiError.send(ctx, 404, "not_found", "cityId", "cityId '" + StatsHandler.clip(cityId) + "' is not a pilot city");
      return;
    }
    if (!ApiAuthHandler.viewer(ctx).maySeeCity(cityId)) {
      ApiError.send(ctx, 403, "forbidden", "cityId", "this viewer may not see " + cityId);
      return;
    }
    answer(ctx, hub.ranking(cityId), "cityId", "no shortage ranking for " + cityId + " yet");
  }

  void national(RoutingContext ctx) {
    if (!ApiAuthHandler.viewer(ctx).isMinistry()) {
      ApiError.send(ctx, 403, "forbidden", null, "the national ranking is for the ministry only");
      return;
    }
    answer(ctx, hub.ranking(ShortageRanking.NATIONAL), null, "no national shortage ranking yet");
  }

  private static void answer(RoutingContext ctx, ShortageRanking ranking, String parameter, String missing) {
    if (ranking == null) {
      ApiError.send(ctx, 404, "not_found", parameter, missing);
    } else {
      Json.ok(ctx, ranking);
    }
  }
}
