package io.matchstream.gateway.web;

import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.feed.FeedStatus;
import io.matchstream.gateway.http.OutcomesHandler;
import io.matchstream.gateway.http.HistoryHandler;
import io.matchstream.gateway.http.RestApi;
import io.matchstream.gateway.state.Hub;
import io.matchstream.gateway.state.Frame;
import io.matchstream.gateway.ws.Fanout;
import io.matchstream.gateway.ws.ViewerConnections;
import io.matchstream.gateway.ws.WebSocketHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server: websocket, REST, dashboards, health, readiness and metrics. Deployed as one
 * instance per event loop ({@code http.instances}, default the cores); Vert.x spreads the
 * connections of the shared port over them.
 */
public final class HttpVerticle extends VerticleBase {
  private final GatewayConfig cfg;
  private final Hub hub;
  private final Tokens tokens;
  private final GatewayMetrics metrics;
  private final FeedStatus feed;
  private final ViewerConnections viewers;
  private final Taxonomy taxonomy;
  private final HistoryHandler history;
  private final String deltaAddress;
  private final OutcomesHandler outcomes;
  /**
   * Connections still waiting for their first request, with when they must have it. The handlers
   * of a shared server may run on other event loops than this verticle's, hence concurrent.
   */
  private final Map<HttpConnection, Long> handshaking = new ConcurrentHashMap<>();
  private volatile HttpServer server;
  private volatile List<String> origins = List.of();

  public HttpVerticle(GatewayConfig cfg, Hub hub, Tokens tokens, GatewayMetrics metrics, FeedStatus feed,
      ViewerConnections viewers, Taxonomy taxonomy, String deltaAddress, OutcomesHandler outcomes,
      HistoryHandler history) {
    this.deltaAddress = deltaAddress;
    this.outcomes = outcomes;
    this.cfg = cfg;
    this.hub = hub;
    this.tokens = tokens;
    this.metrics = metrics;
    this.feed = feed;
    this.viewers = viewers;
    this.taxonomy = taxonomy;
    this.history = history;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            // A hard cap for the transport; the protocol's limit is checked per message so that
            // the close carries 1009 and a reason (the transport's own close does not).
            .setMaxWebSocketFrameSize(cfg.maxFrameBytes() * 4)
            .setMaxWebSocketMessageSize(cfg.maxFrameBytes() * 4)
            .setWebSocketSubProtocols(List.of(WebSocketHandler.SUBPROTOCOL))
            // Nothing read or written for this long (clients ping every 15 s): the peer is gone.
            .setIdleTimeout(cfg.idleTimeoutSeconds())
            // HTTP/1.1 only: the h2c sniffing holds a connection back until its first request is
            // complete, so the handshake timeout could not see it.
            .setHttp2ClearTextEnabled(false)
            // Every request and websocket of this server is handled on its verticle's event loop
            // (blocking work returns through futures, which call back on it): Vert.x then writes
            // directly instead of through a cross-thread queue that costs ~4.6 KB per connection
            // and stays for a websocket's life.
            .setStrictThreadMode(true);
    Fanout fanout = new Fanout(context, metrics);
    vertx.eventBus().<Frame>localConsumer(deltaAddress, m -> fanout.deliver(m.body()));
    Router router = router(fanout);
    long sweepMs = Math.max(100, cfg.handshakeTimeoutSeconds() * 250L);
    vertx.setPeriodic(sweepMs, id -> cutSlowHandshakes());
    return vertx.createHttpServer(options)
        .connectionHandler(this::awaitFirstRequest)
        .requestHandler(req -> {
          handshaking.remove(req.connection());
          router.handle(req);
        })
        .listen(cfg.port(), cfg.host())
        .onSuccess(s -> {
          server = s;
          origins = cfg.allowedOrigins().isEmpty() ? loopbackOrigins(s.actualPort()) : cfg.allowedOrigins();
        });
  }

  /**
   * A connection must complete its first request (for /ws: the handshake) within {@code
   * limits.handshake-seconds}; a client trickling header bytes would otherwise hold it forever,
   * since each byte resets the idle timeout.
   */
  private void awaitFirstRequest(HttpConnection conn) {
    handshaking.put(conn, System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.handshakeTimeoutSeconds()));
  }

  private void cutSlowHandshakes() {
    long now = System.nanoTime();
    handshaking.forEach((conn, deadline) -> {
      if (now - deadline > 0 && handshaking.remove(conn) != null) {
        metrics.dropped("handshake_timeout");
        conn.close();
      }
    });
  }

  /** The bound port (the actual one when configured as 0). */
  public int port() {
    return server.actualPort();
  }

  private Router router(Fanout fanout) {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    router.route("/health").handler(MethodGuard.getOrHead());
    router.route("/health").handler(ctx -> ok(ctx, "{\"status\":\"up\"}"));
    router.route("/ready").handler(MethodGuard.getOrHead());
    router.route("/ready").handler(this::ready);
    if (cfg.metricsPort() == GatewayConfig.METRICS_ON_MAIN_PORT) {
      mountMetrics(router, cfg, metrics.prometheus(), true);
    }
    router.route("/ws").handler(new MethodGuard(HttpMethod.GET));
    router.route("/ws").handler(new WebSocketHandler(vertx, hub, tokens, cfg, metrics, viewers, fanout, () -> origins));

    for (String path : RestApi.PATHS) {
      router.route(path).handler(MethodGuard.getOrHead());
    }
    router.route(OutcomesHandler.ONE).handler(new MethodGuard(HttpMethod.POST));
    router.route(OutcomesHandler.BATCH).handler(new MethodGuard(HttpMethod.POST));
    if (cfg.devMode()) router.route("/dev/tokens").handler(new MethodGuard(HttpMethod.GET));
    RestApi.mount(router, hub, tokens, taxonomy, cfg.devMode(), outcomes, history);

    router.route("/*").handler(MethodGuard.getOrHead());
    router.route("/*").handler(cfg.dashboardsDir() == null
        ? StaticHandler.create("webroot")
        : StaticHandler.create(FileSystemAccess.ROOT, cfg.dashboardsDir()));
    return router;
  }

  /** {@code /metrics} through Vert.x's Prometheus handler, behind {@link MetricsAccess}. */
  static void mountMetrics(Router router, GatewayConfig cfg, PrometheusMeterRegistry registry, boolean loopbackOnly) {
    router.route("/metrics").handler(new MethodGuard(HttpMethod.GET));
    router.route("/metrics").handler(new MetricsAccess(cfg.metricsToken(), loopbackOnly));
    router.route("/metrics").handler(PrometheusScrapingHandler.create(registry));
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

  private static void ok(RoutingContext ctx, String json) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json);
  }

  private static List<String> loopbackOrigins(int port) {
    return List.of(
        "http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
  }
}
