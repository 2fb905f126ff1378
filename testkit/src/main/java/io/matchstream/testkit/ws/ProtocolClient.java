package io.matchstream.testkit.ws;

import io.vertx.core.Future;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real websocket client of the gateway's live protocol ({@code docs/protocol.md}): it connects
 * with the {@code matchstream.v1} subprotocol and a bearer token, subscribes and resumes, records
 * every message it receives (a frame holding a JSON array of messages is unpacked, in order), keeps
 * each channel's last position, and waits for frames with a deadline.
 *
 * <p>Needs Vert.x on the test classpath (the kit declares it {@code provided}).
 */
public final class ProtocolClient implements AutoCloseable {
  /** How long a wait lasts unless the caller says otherwise. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  /** A channel's position as the server sent it: the log's epoch and the offsets joined by dots. */
  public record Position(String epoch, String seq) {}

  private final WebSocket ws;
  private final WebSocketClient client;
  private final List<JsonObject> frames = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Position> positions = new ConcurrentHashMap<>();
  private final AtomicLong deltas = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private volatile boolean keepDeltas = true;
  private volatile Short closeCode;
  private volatile String closeReason;

  private ProtocolClient(WebSocketClient client, WebSocket ws) {
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
      closeReason = ws.closeReason();
      closeCode = ws.closeStatusCode();
    });
  }

  private void receive(JsonObject f) {
    String type = f.getString("type");
    if (("snapshot".equals(type) || "delta".equals(type)) && f.getString("seq") != null) {
      positions.put(f.getString("channel"), new Position(f.getString("epoch"), f.getString("seq")));
    }
    if ("delta".equals(type)) {
      deltas.incrementAndGet();
      if (!keepDeltas) return;
    }
    frames.add(f);
  }

  /** Connects to {@code ws://127.0.0.1:port/ws} with the token (none if null); fails if refused. */
  public static ProtocolClient connect(Vertx vertx, int port, String token) {
    return connect(vertx, port, token, null);
  }

  /** As {@link #connect(Vertx, int, String)}, sending an {@code Origin} header unless null. */
  public static ProtocolClient connect(Vertx vertx, int port, String token, String origin) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20));
    WebSocketConnectOptions o = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/ws").addSubProtocol("matchstream.v1");
    if (token != null) o.addSubProtocol("bearer." + token);
    if (origin != null) o.addHeader("Origin", origin);
    try {
      // Handlers are set on the event loop as the handshake completes, so no early frame is missed.
      return client.connect(o).map(ws -> new ProtocolClient(client, ws)).await(10, TimeUnit.SECONDS);
    } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
      client.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** The HTTP status of the handshake: 101 when it is accepted (then closed again), else the refusal's. */
  public static int refusal(Vertx vertx, int port, String token, String origin) {
    try {
      ProtocolClient c = connect(vertx, port, token, origin);
      c.close();
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    }
  }

  /** Sends one message and waits until it is written. */
  public void send(JsonObject msg) {
    ws.writeTextMessage(msg.encode()).await();
  }

  /** Sends any text as it is, valid message or not. */
  public Future<Void> sendText(String text) {
    return ws.writeTextMessage(text);
  }

  public void subscribe(String channel) {
    send(new JsonObject().put("op", "subscribe").put("channel", channel));
  }

  /** Subscribes, asking for what came after the position. */
  public void resume(String channel, String epoch, String seq) {
    send(new JsonObject().put("op", "subscribe").put("channel", channel)
        .put("resume", new JsonObject().put("epoch", epoch).put("seq", seq)));
  }

  /** Subscribes, asking for what came after the position. */
  public void resume(String channel, Position from) {
    resume(channel, from.epoch(), from.seq());
  }

  /** The position of the last snapshot or delta received on the channel, or null. */
  public Position position(String channel) {
    return positions.get(channel);
  }

  /** The first frame (in order of arrival) matching, waiting up to {@link #DEADLINE}. */
  public JsonObject await(Predicate<JsonObject> p) {
    return await("matching frame", DEADLINE, p);
  }

  /** The first frame matching, waiting up to {@code timeout}; fails naming {@code what}. */
  public JsonObject await(String what, Duration timeout, Predicate<JsonObject> p) {
    try {
      return poll(timeout).until(() -> matching(p).stream().findFirst().orElse(null), f -> f != null);
    } catch (ConditionTimeoutException e) {
      List<JsonObject> got = copy();
      throw new AssertionError("no " + what + " within " + timeout + "; got " + got.size() + " frames: " + tail(got));
    }
  }

  /** Waits until {@code n} frames match, returning them in order. */
  public List<JsonObject> awaitCount(Predicate<JsonObject> p, int n) {
    try {
      return poll(DEADLINE).until(() -> matching(p), got -> got.size() >= n);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("expected " + n + " frames within " + DEADLINE + ", got " + matching(p));
    }
  }

  /** The frames received so far that match, in order of arrival. */
  public List<JsonObject> matching(Predicate<JsonObject> p) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject f : copy()) {
      if (p.test(f)) out.add(f);
    }
    return out;
  }

  /** A round trip: every frame the server queued before answering this ping has arrived. */
  public void barrier() {
    int pongs = matching(f -> "pong".equals(f.getString("type"))).size();
    send(new JsonObject().put("op", "ping"));
    awaitCount(f -> "pong".equals(f.getString("type")), pongs + 1);
  }

  /** Waits for the server to close the socket; its close code. */
  public short awaitClose() {
    try {
      return poll(DEADLINE).until(() -> closeCode, code -> code != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not closed within " + DEADLINE);
    }
  }

  /**
   * Every frame received, in order of arrival: the live list (synchronized), so a test may remove
   * what it has checked.
   */
  public List<JsonObject> frames() {
    return frames;
  }

  /** Deltas received, kept or not. */
  public long deltas() {
    return deltas.get();
  }

  /** Websocket frames that carried a JSON array of messages. */
  public long batches() {
    return batches.get();
  }

  /** Off for floods: deltas are then only counted, so a test's heap stays small. */
  public void keepDeltas(boolean keep) {
    keepDeltas = keep;
  }

  /** Stops reading from the socket, as a client too slow to keep up would. */
  public void pauseReading() {
    ws.pause();
  }

  public void resumeReading() {
    ws.resume();
  }

  /** The close code once the socket is closed, else null. */
  public Short closeCode() {
    return closeCode;
  }

  /** The reason the server gave when it closed the socket, else null. */
  public String closeReason() {
    return closeReason;
  }

  /** Frames of this type, on this channel unless null. */
  public static Predicate<JsonObject> type(String type, String channel) {
    return f -> type.equals(f.getString("type")) && (channel == null || channel.equals(f.getString("channel")));
  }

  private List<JsonObject> copy() {
    synchronized (frames) {
      return new ArrayList<>(frames);
    }
  }

  private static String tail(List<JsonObject> got) {
    return got.isEmpty() ? "none" : "last " + got.get(got.size() - 1);
  }

  /** Frames arrive on Vert.x threads; poll for them often, up to the deadline. */
  private static ConditionFactory poll(Duration timeout) {
    return Awaitility.await().pollInSameThread().atMost(timeout).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5));
  }

  @Override
  public void close() {
    if (closeCode == null) ws.close();
    client.close();
  }
}
