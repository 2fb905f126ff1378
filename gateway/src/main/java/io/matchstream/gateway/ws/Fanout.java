package io.matchstream.gateway.ws;

import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.Frame;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscribers of one event loop: every HTTP verticle instance has its own, fed with each delta
 * once through the event bus. Confined to that event loop, so it takes no lock; deltas are queued
 * on the subscribers' connections and written out in one pass after the loop has taken in every
 * delta that was waiting (so a busy loop sends several deltas in one frame, an idle one at once).
 */
public final class Fanout {
  private final Context context;
  private final GatewayMetrics metrics;
  private final Map<String, List<Subscription>> byChannel = new HashMap<>();
  private final List<Connection> dirty = new ArrayList<>();
  private boolean flushScheduled;

  public Fanout(Context context, GatewayMetrics metrics) {
    this.context = context;
    this.metrics = metrics;
  }

  /** A connection's subscription to a channel; live deltas after {@code afterSeq} reach it. */
  static final class Subscription {
    final Connection connection;
    long afterSeq;

    Subscription(Connection connection, long afterSeq) {
      this.connection = connection;
      this.afterSeq = afterSeq;
    }
  }

  /** One delta from the hub, on this event loop. */
  public void deliver(Frame delta) {
    List<Subscription> subs = byChannel.get(delta.channel());
    if (subs == null) return;
    for (int i = 0, n = subs.size(); i < n; i++) {
      Subscription s = subs.get(i);
      // A delta numbered before the subscription's snapshot or replay was already in it.
      if (delta.seq() <= s.afterSeq) continue;
      s.afterSeq = delta.seq();
      s.connection.enqueue(delta);
    }
  }

  void add(String channel, Connection c, long afterSeq) {
    List<Subscription> subs = byChannel.computeIfAbsent(channel, k -> new ArrayList<>(4));
    for (Subscription s : subs) {
      if (s.connection == c) {
        s.afterSeq = afterSeq;
        return;
      }
    }
    subs.add(new Subscription(c, afterSeq));
    metrics.subscriptions(+1);
  }

  void remove(String channel, Connection c) {
    List<Subscription> subs = byChannel.get(channel);
    if (subs == null) return;
    if (subs.removeIf(s -> s.connection == c)) metrics.subscriptions(-1);
    if (subs.isEmpty()) byChannel.remove(channel);
  }

  /** A connection has something queued: write it out once this loop has taken in what waits. */
  void dirty(Connection c) {
    dirty.add(c);
    if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    flushScheduled = false;
    List<Connection> now = new ArrayList<>(dirty);
    dirty.clear();
    for (Connection c : now) {
      c.flush();
    }
  }
}
