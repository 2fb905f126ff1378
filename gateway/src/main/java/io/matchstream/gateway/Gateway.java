package io.matchstream.gateway;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.feed.FeedStatus;
import io.matchstream.gateway.feed.KafkaFeedVerticle;
import io.matchstream.gateway.http.HttpVerticle;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway in-process: for {@code GatewayMain}, the local all-in-one and tests. {@link
 * #deploy} starts the HTTP verticle and, when {@code kafka.bootstrap-servers} is set, the Kafka
 * feed.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Vertx vertx;
  private final HttpVerticle http;
  private final Hub hub;
  private final Tokens tokens;
  private final FeedStatus feed;
  private final GatewayMetrics metrics;
  private final List<String> deployments;

  private Gateway(Vertx vertx, HttpVerticle http, Hub hub, Tokens tokens, FeedStatus feed,
      GatewayMetrics metrics, List<String> deployments) {
    this.vertx = vertx;
    this.http = http;
    this.hub = hub;
    this.tokens = tokens;
    this.feed = feed;
    this.metrics = metrics;
    this.deployments = deployments;
  }

  public static Future<Gateway> deploy(Vertx vertx, JsonObject config) {
    return deploy(vertx, config, new GatewayMetrics());
  }

  /** As {@link #deploy(Vertx, JsonObject)}, with meters that Vert.x's own metrics also report to. */
  public static Future<Gateway> deploy(Vertx vertx, JsonObject config, GatewayMetrics metrics) {
    GatewayConfig cfg;
    Tokens tokens;
    CityRegistry cities = CityRegistry.loadDefault();
    try {
      cfg = GatewayConfig.from(config);
      tokens = Tokens.withSecret(vertx, secret(cfg), cities);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Hub hub = new Hub(cities, cfg.matchesPerCity(), cfg.historyDeltas(), cfg.historyBytes(), metrics);
    FeedStatus feed = new FeedStatus();
    HttpVerticle http = new HttpVerticle(hub, tokens, metrics, feed);
    DeploymentOptions options = new DeploymentOptions().setConfig(config == null ? new JsonObject() : config);
    List<String> ids = new ArrayList<>();
    Future<String> started = vertx.deployVerticle(http, options).onSuccess(ids::add);
    if (cfg.bootstrapServers() != null) {
      started = started.compose(id ->
          vertx.deployVerticle(new KafkaFeedVerticle(hub, metrics, feed), options).onSuccess(ids::add));
    }
    return started
        .map(id -> new Gateway(vertx, http, hub, tokens, feed, metrics, ids))
        .recover(e -> undeployAll(vertx, ids).transform(r -> Future.failedFuture(e)));
  }

  /** The key: the configured secret, or the built-in one in development mode on loopback only. */
  private static String secret(GatewayConfig cfg) {
    if (cfg.devMode()) {
      if (!isLoopback(cfg.host())) {
        throw new IllegalArgumentException(
            "dev-mode uses a public key and is refused unless http.host is loopback, not " + cfg.host());
      }
      if (cfg.jwtSecret() != null) return cfg.jwtSecret();
      LOG.warn("""

          ************************************************************************
          *  DEVELOPMENT MODE: tokens are signed with the BUILT-IN, PUBLIC key.    *
          *  Anyone can mint tokens. Loopback only; never use this in production.  *
          ************************************************************************""");
      return Tokens.DEV_SECRET;
    }
    if (cfg.jwtSecret() == null) {
      throw new IllegalArgumentException(
          "jwt.secret is required (set " + GatewayConfig.envName("jwt.secret") + "), or dev-mode on loopback");
    }
    return cfg.jwtSecret();
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) return false;
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static Future<Void> undeployAll(Vertx vertx, List<String> ids) {
    List<Future<Void>> all = ids.stream().map(vertx::undeploy).toList();
    return Future.join(all).mapEmpty();
  }

  /** The bound HTTP port. */
  public int port() {
    return http.port();
  }

  /** This instance's epoch (see docs/protocol.md). */
  public String epoch() {
    return hub.epoch();
  }

  public Tokens tokens() {
    return tokens;
  }

  /** Ready: Kafka reachable and the state rebuilt. */
  public boolean ready() {
    return feed.ready();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /**
   * Applies one record value as if read from {@code topic} (the same path the Kafka feed takes);
   * for tests and embedders without a broker. Returns null if applied or a repeat, else why not.
   */
  public String ingest(String topic, byte[] value) {
    return hub.ingest(topic, value);
  }

  public Future<Void> close() {
    return undeployAll(vertx, deployments);
  }
}
