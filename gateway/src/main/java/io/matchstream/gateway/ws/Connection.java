package io.matchstream.gateway.ws;

import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.state.Frame;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One websocket and its bounded send queue, confined to its event loop (no lock). Frames are
 * written only as fast as the socket takes them, so a slow client fills its own queue and nobody
 * else's. When more than one message waits, they go out as one websocket frame holding a JSON
 * array. Figures conflate in the queue; when matches or alerts overflow it, the connection is
 * closed (1013) and the client resumes or resnapshots.
 */
public final class Connection {
  public static final short CLOSE_POLICY = 1008;
  public static final short CLOSE_TOO_BIG = 1009;
  public static final short CLOSE_TRY_AGAIN = 1013;

  /** At most this many messages, and about this many bytes, go into one frame. */
  static final int BATCH_MESSAGES = 64;
  static final int BATCH_BYTES = 64 * 1024;

  private final ServerWebSocket ws;
  private final Viewer viewer;
  private final Fanout fanout;
  private final GatewayMetrics metrics;
  private final int queueLimit;

  /** Queued messages: a {@link Frame}, or a {@link Figures} slot that newer figures replace. */
  private final ArrayDeque<Object> queue = new ArrayDeque<>(4);
  private Map<String, Figures> queuedFigures;
  private int queuedReplay;
  private boolean dirty;
  private boolean waitingForDrain;
  private boolean closing;

  /** Channels this connection is subscribed to. */
  final Set<String> subscriptions = new HashSet<>(4);

  private static final class Figures {
    Frame frame;

    Figures(Frame frame) {
      this.frame = frame;
    }
  }

  Connection(ServerWebSocket ws, Viewer viewer, Fanout fanout, GatewayMetrics metrics, int queueLimit) {
    this.ws = ws;
    this.viewer = viewer;
    this.fanout = fanout;
    this.metrics = metrics;
    this.queueLimit = queueLimit;
  }

  public Viewer viewer() {
    return viewer;
  }

  Fanout fanout() {
    return fanout;
  }

  /** Queues a message; it goes out when the event loop flushes. */
  void enqueue(Frame frame) {
    if (closing) return;
    if (frame.conflates()) {
      Figures queued = queuedFigures == null ? null : queuedFigures.get(frame.channel());
      if (queued != null) {
        if (queued.frame.replay() && !frame.replay()) queuedReplay--;
        queued.frame = frame;
        metrics.conflated();
        return;
      }
    }
    if (!frame.replay() && queue.size() - queuedReplay >= queueLimit) {
      closing = true;
      queue.clear();
      queuedFigures = null;
      metrics.overflowClosed();
      metrics.dropped("overflow");
      ws.close(CLOSE_TRY_AGAIN, "send queue overflow");
      return;
    }
    if (frame.replay()) queuedReplay++;
    if (frame.conflates()) {
      Figures slot = new Figures(frame);
      if (queuedFigures == null) queuedFigures = new HashMap<>(4);
      queuedFigures.put(frame.channel(), slot);
      queue.addLast(slot);
    } else {
      queue.addLast(frame);
    }
    if (!dirty && !waitingForDrain) {
      dirty = true;
      fanout.dirty(this);
    }
  }

  /** Forgets what is queued for a channel the client just left. */
  void dropQueued(String channel) {
    queue.removeIf(o -> {
      Frame f = frameOf(o);
      boolean drop = channel.equals(f.channel());
      if (drop && f.replay()) queuedReplay--;
      return drop;
    });
    if (queuedFigures != null) queuedFigures.remove(channel);
  }

  private static Frame frameOf(Object queued) {
    return queued instanceof Figures slot ? slot.frame : (Frame) queued;
  }

  private Frame poll() {
    Object o = queue.pollFirst();
    if (o == null) return null;
    Frame f = frameOf(o);
    if (o instanceof Figures) queuedFigures.remove(f.channel());
    if (f.replay()) queuedReplay--;
    return f;
  }

  /** Writes what is queued, as far as the socket takes it. */
  void flush() {
    dirty = false;
    while (!closing && !queue.isEmpty()) {
      if (ws.isClosed()) {
        queue.clear();
        return;
      }
      if (ws.writeQueueFull()) {
        waitingForDrain = true;
        ws.drainHandler(v -> {
          waitingForDrain = false;
          flush();
        });
        return;
      }
      if (queue.size() == 1) {
        write(poll().text());
        metrics.sent(1);
      } else {
        writeBatch();
      }
    }
  }

  /** Several waiting messages as one JSON array in one frame. */
  private void writeBatch() {
    Buffer batch = Buffer.buffer(BATCH_BYTES / 4);
    batch.appendByte((byte) '[');
    int n = 0;
    while (n < BATCH_MESSAGES && batch.length() < BATCH_BYTES && !queue.isEmpty()) {
      if (n > 0) batch.appendByte((byte) ',');
      batch.appendBuffer(poll().text());
      n++;
    }
    batch.appendByte((byte) ']');
    write(batch);
    metrics.sent(n);
  }

  /**
   * A text frame of bytes that are already UTF-8. Vert.x's public API takes a String for text
   * frames and would encode it again for every connection; the frame class takes the shared bytes.
   */
  private void write(Buffer utf8) {
    ByteBuf bytes = ((BufferInternal) utf8).getByteBuf();
    ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true));
  }

  /** Queue length now, for tests and metrics. */
  int queued() {
    return queue.size();
  }

  void close(short code, String reason) {
    closing = true;
    queue.clear();
    queuedFigures = null;
    ws.close(code, reason);
  }
}
