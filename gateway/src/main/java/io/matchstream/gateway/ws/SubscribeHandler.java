package io.matchstream.gateway.ws;

import io.matchstream.gateway.GatewayMetrics;
import io.matchstream.gateway.state.ChannelName;
import io.matchstream.gateway.state.Frame;
import io.matchstream.gateway.state.Hub;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Handles what a client sends on the websocket: subscribe (with optional resume), unsubscribe and
 * ping. The server decides what a viewer may read from its verified token; a channel that is not
 * in the protocol, or not allowed for the viewer, is refused.
 */
final class SubscribeHandler {
  /** The largest position a client can send and read back exactly (JavaScript's safe integers). */
  static final long MAX_SEQ = (1L << 53) - 1;

  private final Hub hub;
  private final GatewayMetrics metrics;

  SubscribeHandler(Hub hub, GatewayMetrics metrics) {
    this.hub = hub;
    this.metrics = metrics;
  }

  void handle(Connection c, RateLimiter limiter, String text) {
    if (!limiter.tryAcquire()) {
      metrics.rateLimited();
      c.send(error("rate_limited", null, "more than the allowed messages a second; message ignored"));
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      c.send(error("bad_request", null, "a message must be one JSON object"));
      return;
    }
    Object op = msg.getValue("op");
    if ("ping".equals(op)) {
      c.send(Frame.control("{\"type\":\"pong\"}"));
    } else if ("subscribe".equals(op)) {
      subscribe(c, msg);
    } else if ("unsubscribe".equals(op)) {
      unsubscribe(c, msg);
    } else {
      c.send(error("bad_request", null, "op must be subscribe, unsubscribe or ping"));
    }
  }

  private void subscribe(Connection c, JsonObject msg) {
    ChannelName channel = channel(c, msg);
    if (channel == null) return;
    String epoch = null;
    Long seq = null;
    Object resume = msg.getValue("resume");
    if (resume != null) {
      if (!(resume instanceof JsonObject r)
          || !(r.getValue("epoch") instanceof String e)
          || seqOf(r.getValue("seq")) == null) {
        c.send(error("bad_request", channel.name(),
            "resume must be {\"epoch\": string, \"seq\": integer from 0 to " + MAX_SEQ + "}"));
        return;
      }
      epoch = e;
      seq = seqOf(r.getValue("seq"));
    }
    if (c.subscriptions.contains(channel.name())) {
      // A resubscribe starts the channel afresh: nothing queued from before may follow it.
      hub.unsubscribe(c, channel.name());
      c.dropQueued(channel.name());
    }
    c.subscriptions.add(channel.name());
    hub.subscribe(c, channel, epoch, seq);
  }

  private void unsubscribe(Connection c, JsonObject msg) {
    ChannelName channel = channel(c, msg);
    if (channel == null) return;
    if (c.subscriptions.remove(channel.name())) {
      hub.unsubscribe(c, channel.name());
      c.dropQueued(channel.name());
    }
    c.send(Frame.control(new JsonObject().put("type", "unsubscribed").put("channel", channel.name()).encode()));
  }

  /** The requested channel if it exists and the viewer may read it; else replies with the error. */
  private ChannelName channel(Connection c, JsonObject msg) {
    if (!(msg.getValue("channel") instanceof String name)) {
      c.send(error("bad_request", null, "channel is required and must be a string"));
      return null;
    }
    ChannelName channel = ChannelName.parse(name, hub.cities());
    if (channel == null) {
      c.send(error("unknown_channel", clip(name), "no such channel: " + clip(name)));
      return null;
    }
    if (!c.viewer().mayRead(channel)) {
      String who = c.viewer().isMinistry() ? "this viewer" : "a city viewer for " + c.viewer().city();
      c.send(error("forbidden", name, who + " may not subscribe to " + name));
      return null;
    }
    return channel;
  }

  /**
   * A resume position as sent: an integer from 0 to {@link #MAX_SEQ}, else null. Numbers beyond a
   * long arrive as BigInteger and must not wrap around into a valid-looking small position.
   */
  static Long seqOf(Object v) {
    long n;
    if (v instanceof Integer i) {
      n = i;
    } else if (v instanceof Long l) {
      n = l;
    } else {
      return null;
    }
    return n >= 0 && n <= MAX_SEQ ? n : null;
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
