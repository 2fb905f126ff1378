package io.matchstream.gateway.ws;

import io.matchstream.events.codec.IsoTime;
import io.matchstream.gateway.GatewayConfig;
import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Tokens;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.web.ApiError;
import io.matchstream.gateway.state.Frame;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websocket handshake at {@code /ws}: Origin allow-list (403), token from the subprotocol list
 * or an Authorization header (401), connections per viewer (429); then the session: welcome,
 * messages, expiry (1008) and clean-up. Tokens are never logged.
 */
public final class WebSocketHandler implements Handler<RoutingContext> {
  public static final String SUBPROTOCOL = "matchstream.v1";
  private static final String BEARER_PROTOCOL = "bearer.";
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);

  private final Vertx vertx;
  private final Hub hub;
  private final Tokens tokens;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final Supplier<List<String>> allowedOrigins;
  private final SubscribeHandler subscribeHandler;
  private final ViewerConnections viewers;
  private final Fanout fanout;

  public WebSocketHandler(Vertx vertx, Hub hub, Tokens tokens, GatewayConfig config,
      GatewayMetrics metrics, ViewerConnections viewers, Fanout fanout, Supplier<List<String>> allowedOrigins) {
    this.viewers = viewers;
    this.fanout = fanout;
    this.vertx = vertx;
    this.hub = hub;
    this.tokens = tokens;
    this.config = config;
    this.metrics = metrics;
    this.allowedOrigins = allowedOrigins;
    this.subscribeHandler = new SubscribeHandler(hub, metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String origin = req.getHeader("Origin");
    if (origin != null && !allowedOrigins.get().contains(origin)) {
      ApiError.send(ctx, 403, "forbidden", null, "origin not allowed");
      return;
    }
    String token = tokenOf(req);
    req.pause();
    tokens.verify(token).onComplete(verified -> {
      if (verified.failed()) {
        ApiError.send(ctx, 401, "unauthorized", null, verified.cause().getMessage());
        return;
      }
      Viewer viewer = verified.result();
      if (!viewers.acquire(viewer)) {
        ApiError.send(ctx, 429, "too_many_connections", null,
            "at most " + config.connectionsPerSubject() + " connections per viewer");
        return;
      }
      req.toWebSocket()
          .onSuccess(ws -> open(ws, viewer))
          .onFailure(e -> {
            release(viewer);
            LOG.debug("websocket upgrade failed: {}", e.getMessage());
          });
    });
  }

  private void open(ServerWebSocket ws, Viewer viewer) {
    ws.setWriteQueueMaxSize(64 * 1024);
    Connection c = new Connection(ws, viewer, fanout, metrics, config.sendQueueFrames());
    RateLimiter limiter = new RateLimiter(config.messagesPerSecond(), config.messageBurst());
    metrics.connections(+1);
    long untilExpiry = Math.max(0, viewer.expiresAtMillis() - System.currentTimeMillis());
    long expiryTimer = vertx.setTimer(Math.max(1, untilExpiry),
        id -> c.close(Connection.CLOSE_POLICY, "token expired"));
    int maxBytes = config.maxFrameBytes();
    ws.textMessageHandler(text -> {
      if (utf8Length(text, maxBytes) > maxBytes) {
        c.close(Connection.CLOSE_TOO_BIG, "message larger than " + maxBytes + " bytes");
      } else {
        subscribeHandler.handle(c, limiter, text);
      }
    });
    ws.binaryMessageHandler(b -> c.enqueue(SubscribeHandler.error("bad_request", null, "send text frames")));
    ws.exceptionHandler(e -> LOG.debug("websocket error: {}", e.getMessage()));
    ws.closeHandler(v -> {
      vertx.cancelTimer(expiryTimer);
      for (String channel : c.subscriptions) {
        fanout.remove(channel, c);
      }
      c.subscriptions.clear();
      metrics.connections(-1);
      release(viewer);
    });
    c.enqueue(Frame.control(new JsonObject()
        .put("type", "welcome")
        .put("instance", hub.instance())
        .put("viewer", viewer.toJson())
        .put("serverTime", IsoTime.format(System.currentTimeMillis()))
        .encode()));
  }

  /** UTF-8 length of {@code s}, counting only as far as needed to know it exceeds {@code max}. */
  static int utf8Length(String s, int max) {
    if (s.length() > max) return s.length();
    if (s.length() * 3 <= max) return s.length();
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private void release(Viewer viewer) {
    viewers.release(viewer);
  }

  /** The token from {@code Sec-WebSocket-Protocol: matchstream.v1, bearer.<jwt>} or the header. */
  static String tokenOf(HttpServerRequest req) {
    String protocols = req.getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String p : protocols.split(",")) {
        String t = p.trim();
        if (t.startsWith(BEARER_PROTOCOL)) return t.substring(BEARER_PROTOCOL.length());
      }
    }
    return Tokens.bearer(req.getHeader("Authorization"));
  }

}
