package io.matchstream.gateway;

import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.feed.FeedStatus;
import io.matchstream.gateway.feed.KafkaFeedVerticle;
import io.matchstream.gateway.feed.KafkaLogSource;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.gateway.history.HistoryConfig;
import io.matchstream.gateway.history.HistoryFeedVerticle;
import io.matchstream.gateway.history.HistoryStore;
import io.matchstream.gateway.http.HistoryHandler;
import io.matchstream.gateway.http.OutcomesHandler;
import io.matchstream.gateway.outcomes.IdempotencyKeys;
import io.matchstream.gateway.outcomes.OutcomeWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.web.HttpVerticle;
import io.matchstream.gateway.web.MetricsVerticle;
import io.matchstream.gateway.ws.ViewerConnections;
import io.vertx.core.ThreadingModel;
import io.matchstream.gateway.state.ChannelName;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.vertx.core.eventbus.DeliveryOptions;
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
  private final MetricsVerticle management;
  private final Hub hub;
  private final Tokens tokens;
  private final FeedStatus feed;
  private final GatewayMetrics metrics;
  private final List<String> deployments;
  private final OutcomeWriter writer;
  private final KafkaLogSource readBack;

  private Gateway(Vertx vertx, HttpVerticle http, MetricsVerticle management, Hub hub, Tokens tokens,
      FeedStatus feed, GatewayMetrics metrics, List<String> deployments, OutcomeWriter writer,
      KafkaLogSource readBack) {
    this.writer = writer;
    this.readBack = readBack;
    this.vertx = vertx;
    this.http = http;
    this.management = management;
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
      tokens = Tokens.withSecret(vertx, secret(cfg), cities, cfg.jwtMaxTtl());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Hub hub = new Hub(cities, cfg.matchesPerCity(), cfg.historyDeltas(), cfg.historyBytes(),
        cfg.tickerMatchesPerSecond(), metrics);
    FeedStatus feed = new FeedStatus();
    ViewerConnections viewers = new ViewerConnections(cfg.connectionsPerSubject());
    Taxonomy taxonomy = Taxonomy.loadDefault();
    OutcomeWriter writer = cfg.bootstrapServers() == null ? null
        : new OutcomeWriter(vertx, cfg.bootstrapServers(), Math.min(8, cfg.outcomeRequestsInFlight()));
    OutcomesHandler outcomes = new OutcomesHandler(writer,
        new IdempotencyKeys(cfg.outcomeIdempotencyKeys(), cfg.outcomeIdempotencyTtl()),
        new EventValidator(taxonomy, cities, Clock.systemUTC(), EventValidator.DEFAULT_MAX_FUTURE_SKEW),
        cfg.outcomeBatchRecords(), cfg.outcomeBatchBytes(), cfg.outcomeRequestsInFlight(), new AtomicInteger(), metrics);
    HistoryStore history;
    try {
      history = new HistoryStore(cities, taxonomy, HistoryConfig.from(config));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    HistoryHandler historyApi = new HistoryHandler(history, cities, taxonomy);
    KafkaLogSource readBack = cfg.bootstrapServers() == null ? null
        : new KafkaLogSource(vertx, cfg.bootstrapServers(), cfg.isolationLevel(), cfg.readBackRecords(),
            cfg.readBackBytes(), cfg.readBackTimeout(), cfg.readBacks());
    if (readBack != null) hub.readBackFrom(readBack, cfg.readBackRecords());
    List<String> ids = new ArrayList<>();
    // Each delta crosses to the event loops once, by reference: a local-only codec, no copy.
    String deltaAddress = "matchstream.gateway." + UUID.randomUUID() + ".deltas";
    LocalFrameCodec.registerOnce(vertx);
    DeliveryOptions local = new DeliveryOptions().setCodecName(LocalFrameCodec.NAME).setLocalOnly(true);
    hub.onDelta(frame -> vertx.eventBus().publish(deltaAddress, frame, local));
    List<HttpVerticle> servers = new ArrayList<>();
    MetricsVerticle[] management = new MetricsVerticle[1];
    // One deployment of N instances: Vert.x binds the port once (a configured 0 picks one for all
    // of them) and hands each new connection to the next instance's event loop.
    Future<String> started = vertx.deployVerticle(
            () -> http(cfg, hub, tokens, metrics, feed, viewers, taxonomy, deltaAddress, outcomes, historyApi, servers),
            new DeploymentOptions().setInstances(cfg.httpInstances()))
        .onSuccess(ids::add);
    if (cfg.metricsPort() != GatewayConfig.METRICS_ON_MAIN_PORT) {
      started = started.compose(id -> {
        management[0] = new MetricsVerticle(cfg, metrics.prometheus());
        return vertx.deployVerticle(management[0]).onSuccess(ids::add);
      });
    }
    if (cfg.bootstrapServers() != null) {
      started = started.compose(id ->
          vertx.deployVerticle(new KafkaFeedVerticle(cfg, hub, metrics, feed),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).onSuccess(ids::add));
      started = started.compose(id ->
          vertx.deployVerticle(new HistoryFeedVerticle(cfg.bootstrapServers(), cfg.isolationLevel(), history, metrics),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).onSuccess(ids::add));
    }
    return started
        .map(id -> new Gateway(vertx, servers.get(0), management[0], hub, tokens, feed, metrics, ids, writer, readBack))
        .recover(e -> undeployAll(vertx, ids)
            .andThen(r -> {
              if (readBack != null) readBack.close();
            })
            .eventually(() -> writer == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
              writer.close();
              return null;
            }))
            .transform(r -> Future.failedFuture(e)));
  }

  private static HttpVerticle http(GatewayConfig cfg, Hub hub, Tokens tokens, GatewayMetrics metrics,
      FeedStatus feed, ViewerConnections viewers, Taxonomy taxonomy, String deltaAddress,
      OutcomesHandler outcomes, HistoryHandler historyApi, List<HttpVerticle> servers) {
    HttpVerticle v = new HttpVerticle(cfg, hub, tokens, metrics, feed, viewers, taxonomy, deltaAddress, outcomes,
        historyApi);
    synchronized (servers) {
      servers.add(v);
    }
    return v;
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

  /** The management port serving /metrics, or -1 when /metrics is on the main port. */
  public int metricsPort() {
    return management == null ? GatewayConfig.METRICS_ON_MAIN_PORT : management.port();
  }

  /** This process's id, sent in the welcome; a restart is a new one. */
  public String instance() {
    return hub.instance();
  }

  /** The epoch of a channel's positions (see docs/protocol.md): the identity of its source log. */
  public String epoch(String channel) {
    return hub.epoch(ChannelName.parse(channel, hub.cities()));
  }

  /** The current position of a channel's source log on this instance (what a snapshot now carries). */
  public String hubPosition(String channel) {
    return hub.position(ChannelName.parse(channel, hub.cities()));
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
    // Closing the producer waits for its network thread: never on an event loop.
    return undeployAll(vertx, deployments)
        .eventually(() -> writer == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              writer.close();
              return null;
            }))
        .onComplete(r -> {
          if (readBack != null) readBack.close();
          metrics.close();
        });
  }
}
