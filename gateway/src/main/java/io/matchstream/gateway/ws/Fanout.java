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

  private final int pendingLimit;

  public Fanout(Context context, GatewayMetrics metrics) {
    this(context, metrics, 256);
  }

  /** @param pendingLimit live deltas held per subscription while its resume is read back */
  public Fanout(Context context, GatewayMetrics metrics, int pendingLimit) {
    this.context = context;
    this.metrics = metrics;
    this.pendingLimit = pendingLimit;
  }

  /**
   * A connection's subscription to a channel. A live delta reaches it only if its offset is at or
   * past {@code from} of its partition (the snapshot, replay or client position already covers
   * what lies before). While a resume is being read back from Kafka the live deltas wait in
   * {@code pending}, at most the send-queue limit; beyond it they are dropped and the resume ends
   * in a snapshot instead.
   */
  static final class Subscription {
    final Connection connection;
    long[] from;
    List<Frame> pending;
    boolean overflowed;

    Subscription(Connection connection, long[] from) {
      this.connection = connection;
      this.from = from;
    }

    /** Skip deltas before {@code position} from now on. */
    void raise(long[] position) {
      if (position.length != from.length) {
        from = position.clone();
        return;
      }
      for (int p = 0; p < from.length; p++) from[p] = Math.max(from[p], position[p]);
    }
  }

  /** One delta from the hub, on this event loop. */
  public void deliver(Frame delta) {
    List<Subscription> subs = byChannel.get(delta.channel());
    if (subs == null) return;
    int p = delta.partition();
    long offset = delta.offset();
    for (int i = 0, n = subs.size(); i < n; i++) {
      Subscription s = subs.get(i);
      if (p < s.from.length) {
        // A delta before the subscription's snapshot or replay (or the client's position) was
        // already in it.
        if (offset < s.from[p]) continue;
        s.from[p] = offset + 1;
      }
      if (s.pending == null) {
        s.connection.enqueue(delta);
      } else if (!s.overflowed) {
        s.pending.add(delta);
        if (s.pending.size() > pendingLimit) {
          s.overflowed = true;
          s.pending.clear();
        }
      }
    }
  }

  /** Registers (or restarts) a subscription; {@code pending} holds live deltas back for a read-back. */
  Subscription add(String channel, Connection c, long[] from, boolean pending) {
    List<Subscription> subs = byChannel.computeIfAbsent(channel, k -> new ArrayList<>(4));
    Subscription s = new Subscription(c, from.clone());
    s.pending = pending ? new ArrayList<>() : null;
    for (int i = 0; i < subs.size(); i++) {
      if (subs.get(i).connection == c) {
        subs.set(i, s); // a restart: an earlier read-back finds itself replaced and stands down
        return s;
      }
    }
    subs.add(s);
    metrics.subscriptions(+1);
    return s;
  }

  /** Is {@code s} still {@code c}'s subscription to {@code channel} (not left or restarted)? */
  boolean current(String channel, Connection c, Subscription s) {
    List<Subscription> subs = byChannel.get(channel);
    return subs != null && subs.contains(s) && s.connection == c;
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
