package io.matchstream.gateway.http;

import io.matchstream.gateway.web.ApiError;

import io.matchstream.events.AlertState;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/alerts?state=FIRING&city=ningbo}: newest first; a city viewer sees its own. */
final class AlertsHandler implements Handler<RoutingContext> {
  private final Hub hub;

  AlertsHandler(Hub hub) {
    this.hub = hub;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    String stateParam = ctx.request().getParam("state");
    AlertState state;
    if (stateParam == null) {
      state = AlertState.FIRING;
    } else if (stateParam.equals("FIRING") || stateParam.equals("RESOLVED")) {
      state = AlertState.valueOf(stateParam);
    } else {
      ApiError.badParameter(ctx, "state", "state must be FIRING or RESOLVED");
      return;
    }
    String city = ctx.request().getParam("city");
    if (city != null && !hub.cities().contains(city)) {
      ApiError.badParameter(ctx, "city", "city must be a pilot city id, not '" + StatsHandler.clip(city) + "'");
      return;
    }
    if (city != null && !viewer.maySeeCity(city)) {
      ApiError.send(ctx, 403, "forbidden", "city", "this viewer may not see " + city);
      return;
    }
    Json.ok(ctx, hub.alerts(state, viewer.isMinistry() ? city : viewer.city()));
  }
}
