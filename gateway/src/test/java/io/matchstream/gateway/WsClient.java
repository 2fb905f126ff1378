package io.matchstream.gateway;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real websocket client that records every frame it receives; waits have deadlines. */
final class WsClient implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(10);

  final WebSocket ws;
  final List<JsonObject> frames = Collections.synchronizedList(new ArrayList<>());
  final AtomicLong deltas = new AtomicLong();
  /** Websocket frames that carried a JSON array of messages. */
  final AtomicLong batches = new AtomicLong();
  /** Off for floods: deltas are only counted, so a test's heap stays small. */
  volatile boolean keepDeltas = true;
  volatile Short closeCode;
  volatile String closeReason;
  private final WebSocketClient client;

  private WsClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(t -> {
      // A client that is behind gets several messages in one frame, as a JSON array.
      if (t.startsWith("[")) {
        batches.incrementAndGet();
        new JsonArray(t).forEach(m -> receive((JsonObject) m));
      } else {
        receive(new JsonObject(t));
      }
    });
    ws.closeHandler(v -> {
      closeCode = ws.closeStatusCode();
      closeReason = ws.closeReason();
    });
  }

  private void receive(JsonObject f) {
    if ("delta".equals(f.getString("type"))) {
      deltas.incrementAndGet();
      if (!keepDeltas) return;
    }
    frames.add(f);
  }

  static WsClient connect(Vertx vertx, int port, String token) {
    return connect(vertx, port, token, null);
  }

  static WsClient connect(Vertx vertx, int port, String token, String origin) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20));
    WebSocketConnectOptions o = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/ws").addSubProtocol("matchstream.v1");
    if (token != null) o.addSubProtocol("bearer." + token);
    if (origin != null) o.addHeader("Origin", origin);
    try {
      // Handlers are set on the event loop as the handshake completes, so no early frame is missed.
      return client.connect(o).map(ws -> new WsClient(client, ws)).await(10, TimeUnit.SECONDS);
    } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
      client.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The HTTP status the handshake was refused with. */
  static int refusal(Vertx vertx, int port, String token, String origin) {
    try {
      WsClient c = connect(vertx, port, token, origin);
      c.close();
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    }
  }

  void send(JsonObject msg) {
    ws.writeTextMessage(msg.encode()).await();
  }

  void subscribe(String channel) {
    send(new JsonObject().put("op", "subscribe").put("channel", channel));
  }

  void resume(String channel, String epoch, String seq) {
    send(new JsonObject().put("op", "subscribe").put("channel", channel)
        .put("resume", new JsonObject().put("epoch", epoch).put("seq", seq)));
  }

  /** The first frame (in order of arrival) matching, waiting up to the deadline. */
  JsonObject await(Predicate<JsonObject> p) {
    try {
      return poll().until(() -> matching(p).stream().findFirst().orElse(null), f -> f != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no matching frame within " + DEADLINE + "; got " + copy());
    }
  }

  /** Waits until {@code n} frames match, returning them in order. */
  List<JsonObject> awaitCount(Predicate<JsonObject> p, int n) {
    try {
      return poll().until(() -> matching(p), got -> got.size() >= n);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("expected " + n + " frames within " + DEADLINE + ", got " + matching(p));
    }
  }

  List<JsonObject> matching(Predicate<JsonObject> p) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject f : copy()) {
      if (p.test(f)) out.add(f);
    }
    return out;
  }

  /** A round trip: every frame the server queued before answering this ping has arrived. */
  void barrier() {
    int pongs = matching(f -> "pong".equals(f.getString("type"))).size();
    send(new JsonObject().put("op", "ping"));
    awaitCount(f -> "pong".equals(f.getString("type")), pongs + 1);
  }

  private List<JsonObject> copy() {
    synchronized (frames) {
      return new ArrayList<>(frames);
    }
  }

  short awaitClose() {
    try {
      return poll().until(() -> closeCode, code -> code != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not closed within " + DEADLINE);
    }
  }

  /** Frames arrive on Vert.x threads; poll for them often, up to the deadline. */
  private static ConditionFactory poll() {
    return Awaitility.await().pollInSameThread().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
  }

  static Predicate<JsonObject> type(String type, String channel) {
    return f -> type.equals(f.getString("type")) && (channel == null || channel.equals(f.getString("channel")));
  }


  @Override
  public void close() {
    if (closeCode == null) ws.close();
    client.close();
  }
}
