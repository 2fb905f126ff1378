package io.matchstream.gateway.http;

import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.feed.FeedStatus;
import io.matchstream.gateway.state.Hub;
import io.matchstream.gateway.ws.WebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/** The HTTP server: websocket, REST, dashboards, health, readiness and metrics. */
public final class HttpVerticle extends VerticleBase {
  private final Hub hub;
  private final Tokens tokens;
  private final GatewayMetrics metrics;
  private final FeedStatus feed;
  private volatile HttpServer server;
  private volatile List<String> origins = List.of();

  public HttpVerticle(Hub hub, Tokens tokens, GatewayMetrics metrics, FeedStatus feed) {
    this.hub = hub;
    this.tokens = tokens;
    this.metrics = metrics;
    this.feed = feed;
  }

  @Override
  public Future<?> start() {
    GatewayConfig cfg = GatewayConfig.from(config());
    HttpServerOptions options =
        new HttpServerOptions()
            // A hard cap for the transport; the protocol's limit is checked per message so that
            // the close carries 1009 and a reason (the transport's own close does not).
            .setMaxWebSocketFrameSize(cfg.maxFrameBytes() * 4)
            .setMaxWebSocketMessageSize(cfg.maxFrameBytes() * 4)
            .setWebSocketSubProtocols(List.of(WebSocketHandler.SUBPROTOCOL));
    return vertx.createHttpServer(options)
        .requestHandler(router(cfg))
        .listen(cfg.port(), cfg.host())
        .onSuccess(s -> {
          server = s;
          origins = cfg.allowedOrigins().isEmpty() ? loopbackOrigins(s.actualPort()) : cfg.allowedOrigins();
        });
  }

  /** The bound port (the actual one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  private Router router(GatewayConfig cfg) {
    Router router = Router.router(vertx);
    StatsHandler stats = new StatsHandler(hub);

    router.route().handler(new SecurityHeaders());
    router.get("/health").handler(ctx -> Json.ok(ctx, "{\"status\":\"up\"}"));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    router.get("/ws").handler(new WebSocketHandler(vertx, hub, tokens, cfg, metrics, () -> origins));

    router.route("/api/*").handler(new ApiAuthHandler(tokens));
    router.get("/api/me").handler(ctx -> Json.ok(ctx, ApiAuthHandler.viewer(ctx).toJson().encode()));
    router.get("/api/cities").handler(new CitiesHandler(hub.cities()));
    router.get("/api/cities/:cityId/stats").handler(stats::city);
    router.get("/api/national/stats").handler(stats::national);
    router.get("/api/alerts").handler(new AlertsHandler(hub));
    router.get("/api/matches").handler(new MatchesHandler(hub));
    router.get("/api/taxonomy").handler(new TaxonomyHandler(Taxonomy.loadDefault()));
    router.route("/api/*").handler(ctx -> ApiError.send(ctx, 404, "not_found", null, "no such resource"));

    if (cfg.devMode()) {
      router.get("/dev/tokens").handler(new DevTokensHandler(tokens, hub.cities()));
    }
    router.route("/*").handler(cfg.dashboardsDir() == null
        ? StaticHandler.create("webroot")
        : StaticHandler.create(FileSystemAccess.ROOT, cfg.dashboardsDir()));
    return router;
  }

  private void ready(RoutingContext ctx) {
    String reason = feed.reason();
    JsonObject body = new JsonObject().put("status", reason == null ? "ready" : "not_ready");
    if (reason != null) body.put("reason", reason);
    ctx.response()
        .setStatusCode(reason == null ? 200 : 503)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  private static List<String> loopbackOrigins(int port) {
    return List.of(
        "http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
  }
}
