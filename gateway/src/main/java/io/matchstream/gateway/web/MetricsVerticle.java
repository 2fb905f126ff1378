package io.matchstream.gateway.web;

import io.matchstream.gateway.GatewayConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * {@code /metrics} alone on the management port {@code metrics.port} (bound to {@code http.host}),
 * for deployments that keep that port off the public network. The main port then has no
 * {@code /metrics}.
 */
public final class MetricsVerticle extends VerticleBase {
  private final GatewayConfig cfg;
  private final PrometheusMeterRegistry registry;
  private volatile HttpServer server;

  public MetricsVerticle(GatewayConfig cfg, PrometheusMeterRegistry registry) {
    this.cfg = cfg;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    HttpVerticle.mountMetrics(router, cfg, registry, false);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(cfg.metricsPort(), cfg.host())
        .onSuccess(s -> server = s);
  }

  public int port() {
    return server.actualPort();
  }
}
