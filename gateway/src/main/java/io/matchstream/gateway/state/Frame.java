package io.matchstream.gateway.state;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One outgoing message, encoded to UTF-8 once: every subscriber's write shares the same bytes, so
 * a queued frame costs a reference, not a copy, and no connection encodes it again.
 *
 * @param channel the channel it belongs to, or null for control messages (welcome, pong, error)
 * @param partition a delta's place in its channel's source log: the partition of the record it
 *     came from; -1 for snapshots and control messages
 * @param offset the offset of that record in its partition; -1 for snapshots and control messages
 * @param text the JSON text as UTF-8
 * @param conflates a newer frame of the same channel may replace it while queued
 * @param replay part of a resume replay, which may exceed the send-queue limit (it is bounded by
 *     the channel history or the read-back limits instead)
 */
public record Frame(String channel, int partition, long offset, Buffer text, boolean conflates, boolean replay) {
  public static Frame control(String json) {
    return new Frame(null, -1, -1, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), false, false);
  }

  static Frame snapshot(String channel, String json) {
    return new Frame(channel, -1, -1, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)), false, false);
  }

  static Frame delta(String channel, int partition, long offset, String json, boolean conflates, boolean replay) {
    return new Frame(channel, partition, offset, Buffer.buffer(json.getBytes(StandardCharsets.UTF_8)),
        conflates, replay);
  }

  /** A delta: it has a place in its source log. */
  public boolean isDelta() {
    return partition >= 0;
  }

  Frame asReplay() {
    return new Frame(channel, partition, offset, text, conflates, true);
  }
}
