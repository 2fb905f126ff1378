package io.matchstream.gateway.ws;

import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.ChannelName;
import io.matchstream.gateway.state.Frame;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.matchstream.gateway.state.LogSource;
import io.matchstream.gateway.state.Position;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles what a client sends on the websocket: subscribe (one channel, or many in one message,
 * each with an optional resume), unsubscribe and ping. The server decides what a viewer may read
 * from its verified token, once per subscription: a channel that is not in the protocol, or not
 * allowed for the viewer, is refused and never reaches the fan-out.
 */
final class SubscribeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);

  /** The largest position a client can send and read back exactly (JavaScript's safe integers). */
  static final long MAX_SEQ = (1L << 53) - 1;

  /** Channels in one subscribe message; the protocol has 4 + 4 × 39 = 160. */
  static final int MAX_CHANNELS = 200;

  private final Hub hub;
  private final GatewayMetrics metrics;

  SubscribeHandler(Hub hub, GatewayMetrics metrics) {
    this.hub = hub;
    this.metrics = metrics;
  }

  void handle(Connection c, RateLimiter limiter, String text) {
    if (!limiter.tryAcquire()) {
      metrics.rateLimited();
      c.enqueue(error("rate_limited", null, "more than the allowed messages a second; message ignored"));
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      c.enqueue(error("bad_request", null, "a message must be one JSON object"));
      return;
    }
    Object op = msg.getValue("op");
    if ("ping".equals(op)) {
      c.enqueue(Frame.control("{\"type\":\"pong\"}"));
    } else if ("subscribe".equals(op) && msg.containsKey("channels")) {
      subscribeMany(c, msg.getValue("channels"));
    } else if ("subscribe".equals(op)) {
      subscribeOne(c, msg);
    } else if ("unsubscribe".equals(op)) {
      unsubscribe(c, msg);
    } else {
      c.enqueue(error("bad_request", null, "op must be subscribe, unsubscribe or ping"));
    }
  }

  private void subscribeOne(Connection c, JsonObject msg) {
    Refusal refused = check(c, msg.getValue("channel"), msg.getValue("resume"));
    if (refused != null) {
      c.enqueue(error(refused.code, refused.channel, refused.message));
      return;
    }
    start(c, ChannelName.parse(msg.getString("channel"), hub.cities()), msg.getValue("resume"));
  }

  /**
   * {@code {"op":"subscribe","channels":["a", {"channel":"b","resume":{…}}, …]}}: one answer
   * {@code {"type":"subscribed","granted":[…],"refused":[{"channel","code","message"}]}}, then the
   * snapshots (or replays) of the granted channels in the order asked.
   */
  private void subscribeMany(Connection c, Object channels) {
    if (!(channels instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_CHANNELS) {
      c.enqueue(error("bad_request", null, "channels must be a list of 1 to " + MAX_CHANNELS + " channels"));
      return;
    }
    JsonArray granted = new JsonArray();
    JsonArray refusedList = new JsonArray();
    java.util.List<Object[]> toStart = new java.util.ArrayList<>();
    for (Object entry : list) {
      Object name = entry;
      Object resume = null;
      if (entry instanceof JsonObject o) {
        name = o.getValue("channel");
        resume = o.getValue("resume");
      }
      Refusal refused = check(c, name, resume);
      if (refused != null) {
        refusedList.add(new JsonObject().put("channel", refused.channel).put("code", refused.code)
            .put("message", refused.message));
      } else {
        granted.add(name);
        toStart.add(new Object[] {ChannelName.parse((String) name, hub.cities()), resume});
      }
    }
    c.enqueue(Frame.control(new JsonObject().put("type", "subscribed").put("granted", granted)
        .put("refused", refusedList).encode()));
    for (Object[] s : toStart) {
      start(c, (ChannelName) s[0], s[1]);
    }
  }

  private record Refusal(String code, String channel, String message) {}

  /** Null when the viewer may subscribe to {@code name} with {@code resume}; else why not. */
  private Refusal check(Connection c, Object name, Object resume) {
    if (!(name instanceof String n)) {
      return new Refusal("bad_request", null, "channel is required and must be a string");
    }
    ChannelName channel = ChannelName.parse(n, hub.cities());
    if (channel == null) {
      return new Refusal("unknown_channel", clip(n), "no such channel: " + clip(n));
    }
    if (!c.viewer().mayRead(channel)) {
      String who = c.viewer().isMinistry() ? "this viewer" : "a city viewer for " + c.viewer().city();
      return new Refusal("forbidden", n, who + " may not subscribe to " + n);
    }
    if (resume != null
        && (!(resume instanceof JsonObject r)
            || !(r.getValue("epoch") instanceof String e) || e.length() > 128
            || positionOf(r.getValue("seq")) == null)) {
      return new Refusal("bad_request", n,
          "resume must be {\"epoch\": string, \"seq\": the position string of the last message applied"
              + " (decimal offsets joined by dots)}");
    }
    return null;
  }

  private void start(Connection c, ChannelName channel, Object resume) {
    String epoch = null;
    String position = null;
    if (resume instanceof JsonObject r) {
      epoch = r.getString("epoch");
      position = positionOf(r.getValue("seq"));
    }
    String name = channel.name();
    if (c.subscriptions.contains(name)) {
      // A resubscribe starts the channel afresh: nothing queued from before may follow it.
      c.fanout().remove(name, c);
      c.dropQueued(name);
    }
    c.subscriptions.add(name);
    Hub.Start start = hub.start(channel, epoch, position);
    // Deltas numbered after the start are on their way to this event loop behind this task, so
    // registering now misses none; those numbered before it are skipped by position.
    Fanout.Subscription sub = c.fanout().add(name, c, start.from(), start.readBack() != null);
    for (Frame f : start.frames()) {
      c.enqueue(f);
    }
    if (start.readBack() != null) readBack(c, sub, start.readBack());
  }

  /**
   * The missed deltas are older than the history: read them back from Kafka while live deltas
   * wait in the subscription; then the read-back, then what waited. If the log cannot serve it
   * (retention, bounds, time, too many at once) or too much waited, a snapshot flagged resync.
   */
  private void readBack(Connection c, Fanout.Subscription sub, Hub.ReadBack rb) {
    String name = rb.channel().name();
    hub.readBack(rb).onComplete(done -> {
      if (!c.fanout().current(name, c, sub)) return; // left, restarted or closed meanwhile
      List<Frame> waited = sub.pending;
      sub.pending = null;
      if (done.succeeded() && !sub.overflowed) {
        for (Frame f : done.result()) c.enqueue(f);
        for (Frame f : waited) c.enqueue(f);
        return;
      }
      String reason = sub.overflowed ? "overflow"
          : done.cause() instanceof LogSource.Refused r ? r.reason() : "error";
      if (!(done.cause() instanceof LogSource.Refused) && done.failed()) {
        LOG.warn("read-back of {} failed: {}", name, done.cause().toString());
      }
      sub.overflowed = false;
      Hub.Start snapshot = hub.resync(rb.channel(), reason);
      // What waited was numbered before the snapshot, so the snapshot holds it.
      sub.raise(snapshot.from());
      for (Frame f : snapshot.frames()) c.enqueue(f);
    });
  }

  private void unsubscribe(Connection c, JsonObject msg) {
    Refusal refused = check(c, msg.getValue("channel"), null);
    if (refused != null) {
      c.enqueue(error(refused.code, refused.channel, refused.message));
      return;
    }
    ChannelName channel = ChannelName.parse(msg.getString("channel"), hub.cities());
    if (c.subscriptions.remove(channel.name())) {
      c.fanout().remove(channel.name(), c);
      c.dropQueued(channel.name());
    }
    c.enqueue(Frame.control(new JsonObject().put("type", "unsubscribed").put("channel", channel.name()).encode()));
  }

  /**
   * A resume position as sent: a position string of decimal offsets joined by dots, or (as older
   * clients sent) an integer from 0 to {@link #MAX_SEQ}; else null. Numbers beyond a long arrive
   * as BigInteger and must not wrap around into a valid-looking small position.
   */
  static String positionOf(Object v) {
    if (v instanceof String text) return Position.parse(text) == null ? null : text;
    long n;
    if (v instanceof Integer i) {
      n = i;
    } else if (v instanceof Long l) {
      n = l;
    } else {
      return null;
    }
    return n >= 0 && n <= MAX_SEQ ? Long.toString(n) : null;
  }

  static Frame error(String code, String channel, String message) {
    JsonObject e = new JsonObject().put("type", "error").put("code", code);
    if (channel != null) e.put("channel", channel);
    return Frame.control(e.put("message", message).encode());
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
