package io.matchstream.gateway.state;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One outgoing message, encoded to UTF-8 once: every subscriber's write shares the same bytes, so
 * a queued frame costs a reference, not a copy, and no connection encodes it again.
 *
 * @param channel the channel it belongs to, or null for control messages (welcome, pong, error)
 * @param seq the channel position of a delta; -1 for snapshots and control messages
 * @param text the JSON text as UTF-8
 * @param conflates a newer frame of the same channel may replace it while queued
 * @param replay part of a resume replay, which may exceed the send-queue limit (it is bounded by
 *     the channel history instead)
 */
public record Frame(String channel, long seq, Buffer text, boolean conflates, boolean replay) {
  public static Frame control(String json) {
    return new Frame(null, -1, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), false, false);
  }

  static Frame snapshot(String channel, String json) {
    return new Frame(channel, -1, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), false, false);
  }

  Frame asReplay() {
    return new Frame(channel, seq, text, conflates, true);
  }
}
