package io.matchstream.gateway.state;

/** Where the hub delivers a channel's frames: a websocket connection's send queue. */
public interface Subscriber {
  /** Queues a frame. Called with the hub's lock held: must not block. */
  void send(Frame frame);
}
