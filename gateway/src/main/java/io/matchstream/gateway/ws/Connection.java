package io.matchstream.gateway.ws;

import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.state.ChannelName;
import io.matchstream.gateway.state.Frame;
import io.matchstream.gateway.state.Subscriber;
import io.matchstream.events.cities.CityRegistry;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One websocket and its bounded send queue. The hub queues frames from any thread; the
 * connection's event loop writes them out only as fast as the socket takes them, so a slow client
 * fills its own queue and nobody else's. Figures conflate in the queue; when matches or alerts
 * overflow it, the connection is closed (1013) and the client resumes or resnapshots.
 */
public final class Connection implements Subscriber {
  public static final short CLOSE_POLICY = 1008;
  public static final short CLOSE_TOO_BIG = 1009;
  public static final short CLOSE_TRY_AGAIN = 1013;

  private final ServerWebSocket ws;
  private final Context context;
  private final Viewer viewer;
  private final CityRegistry cities;
  private final GatewayMetrics metrics;
  private final int queueLimit;

  // Guarded by this.
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private final Map<String, Frame> queuedFigures = new HashMap<>();
  private int queuedReplay;
  private boolean drainScheduled;
  private boolean closing;

  /** Touched only on the connection's event loop. */
  final Set<String> subscriptions = new HashSet<>();

  Connection(ServerWebSocket ws, Context context, Viewer viewer, CityRegistry cities,
      GatewayMetrics metrics, int queueLimit) {
    this.ws = ws;
    this.context = context;
    this.viewer = viewer;
    this.cities = cities;
    this.metrics = metrics;
    this.queueLimit = queueLimit;
  }

  public Viewer viewer() {
    return viewer;
  }

  @Override
  public void send(Frame frame) {
    boolean schedule;
    synchronized (this) {
      if (closing) return;
      if (frame.conflates()) {
        Frame queued = queuedFigures.get(frame.channel());
        if (queued != null) {
          if (queued.replay() && !frame.replay()) queuedReplay--;
          replaceQueued(queued, frame);
          metrics.conflated();
          return;
        }
      }
      if (!frame.replay() && queue.size() - queuedReplay >= queueLimit) {
        closing = true;
        queue.clear();
        queuedFigures.clear();
        metrics.overflowClosed();
        metrics.dropped("overflow");
        context.runOnContext(v -> ws.close(CLOSE_TRY_AGAIN, "send queue overflow"));
        return;
      }
      queue.addLast(frame);
      if (frame.replay()) queuedReplay++;
      if (frame.conflates()) queuedFigures.put(frame.channel(), frame);
      schedule = !drainScheduled;
      drainScheduled = true;
    }
    if (schedule) context.runOnContext(v -> drain());
  }

  /** Replaces a queued frame in place, so the figures keep their place in the order. */
  private void replaceQueued(Frame old, Frame newer) {
    Iterator<Frame> it = queue.iterator();
    ArrayDeque<Frame> rebuilt = new ArrayDeque<>(queue.size());
    while (it.hasNext()) {
      Frame f = it.next();
      rebuilt.addLast(f == old ? newer : f);
    }
    queue.clear();
    queue.addAll(rebuilt);
    queuedFigures.put(newer.channel(), newer);
  }

  /** Forgets what is queued for a channel the client just left. */
  synchronized void dropQueued(String channel) {
    queue.removeIf(f -> {
      boolean drop = channel.equals(f.channel());
      if (drop && f.replay()) queuedReplay--;
      return drop;
    });
    queuedFigures.remove(channel);
  }

  private void drain() {
    while (true) {
      if (ws.isClosed()) return;
      if (ws.writeQueueFull()) {
        ws.drainHandler(v -> drain());
        return;
      }
      Frame f;
      synchronized (this) {
        f = queue.pollFirst();
        if (f == null) {
          drainScheduled = false;
          return;
        }
        if (f.replay()) queuedReplay--;
        if (f.conflates() && queuedFigures.get(f.channel()) == f) queuedFigures.remove(f.channel());
      }
      if (f.channel() != null && !viewer.mayRead(ChannelName.parse(f.channel(), cities))) {
        // Second check: the subscription was checked, but nothing leaves unless the viewer may see it.
        metrics.filtered();
        continue;
      }
      ws.writeTextMessage(f.text());
      metrics.sent();
    }
  }

  /** Queue length now, for tests and metrics. */
  synchronized int queued() {
    return queue.size();
  }

  void close(short code, String reason) {
    synchronized (this) {
      closing = true;
      queue.clear();
      queuedFigures.clear();
    }
    ws.close(code, reason);
  }
}
