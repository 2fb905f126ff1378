package io.matchstream.gateway.state;

/**
 * One outgoing websocket text frame. The text of a delta is built once and shared by every
 * subscriber, so a queued frame costs a reference, not a copy.
 *
 * @param channel the channel it belongs to, or null for control frames (welcome, pong, error)
 * @param text the JSON text
 * @param conflates a newer frame of the same channel may replace it while queued
 * @param replay part of a resume replay, which may exceed the send-queue limit (it is bounded by
 *     the channel history instead)
 */
public record Frame(String channel, String text, boolean conflates, boolean replay) {
  public static Frame control(String text) {
    return new Frame(null, text, false, false);
  }
}
