package io.matchstream.gateway.http;

import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.state.Hub;
import io.matchstream.gateway.web.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

/** The REST routes under {@code /api} (docs/protocol.md) and, in development mode, {@code /dev/tokens}. */
public final class RestApi {
  private RestApi() {}

  /** The {@code GET} paths, for the method guard: anything else on them is 405. */
  public static final String[] PATHS = {
      "/api/me", "/api/cities", "/api/cities/:cityId/stats", "/api/national/stats", "/api/alerts",
      "/api/matches", "/api/taxonomy",
      HistoryHandler.NATIONAL, HistoryHandler.CITIES, HistoryHandler.CITY, HistoryHandler.ALERTS};

  public static void mount(Router router, Hub hub, Tokens tokens, Taxonomy taxonomy, boolean devMode,
      OutcomesHandler outcomes, HistoryHandler history) {
    StatsHandler stats = new StatsHandler(hub);
    router.route("/api/*")
        .handler(JWTAuthHandler.create(tokens.jwtAuth()))
        .failureHandler(RestApi::authFailed);
    router.route("/api/*").handler(new ApiAuthHandler(tokens));
    router.get("/api/me").handler(ctx -> Json.ok(ctx, ApiAuthHandler.viewer(ctx).toJson().encode()));
    router.get("/api/cities").handler(new CitiesHandler(hub.cities()));
    router.get("/api/cities/:cityId/stats").handler(stats::city);
    router.get("/api/national/stats").handler(stats::national);
    router.get("/api/alerts").handler(new AlertsHandler(hub));
    router.get("/api/matches").handler(new MatchesHandler(hub));
    router.get("/api/taxonomy").handler(new TaxonomyHandler(taxonomy));
    outcomes.mount(router);
    history.mount(router);
    router.route("/api/*").handler(ctx -> ApiError.send(ctx, 404, "not_found", null, "no such resource"));
    if (devMode) {
      router.route(HttpMethod.GET, "/dev/tokens").handler(new DevTokensHandler(tokens, hub.cities()));
    }
  }

  /**
   * JWTAuthHandler fails the request with 401 (or 400 for a malformed header), a BodyHandler with
   * 413 for a body over its limit: answer in our JSON.
   */
  private static void authFailed(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status == 401 || status == 400 || status == 403) {
      ApiAuthHandler.unauthorized(ctx, "missing, invalid or expired token");
    } else if (status == 413) {
      ApiError.send(ctx, 413, "too_large", "body", "the body is larger than this endpoint accepts");
    } else {
      ApiError.send(ctx, 500, "internal", null, "internal error");
    }
  }
}
