package io.matchstream.simulator;

import java.nio.charset.StandardCharsets;

/**
 * One record the simulator emits, in emission order.
 *
 * @param topic {@code vacancies}, {@code candidates} or (closed loop) {@code match-outcomes}
 * @param key the record key: the vacancyId, candidateId or matchId
 * @param value the record value: {@code EventCodec.encode} JSON, or deliberately malformed bytes
 *     when {@link #poison} is set
 * @param eventTime when the event happened, epoch milliseconds; at most {@link
 *     Simulator#MAX_DISORDER} before {@code emitTime}
 * @param emitTime when the simulated source emits it, epoch milliseconds (non-decreasing along the
 *     stream)
 * @param poison the kind of malformed record, or null for a valid event
 */
public record SimEvent(
    String topic, String key, byte[] value, long eventTime, long emitTime, PoisonKind poison) {

  /** A valid event. */
  public SimEvent(String topic, String key, byte[] value, long eventTime, long emitTime) {
    this(topic, key, value, eventTime, emitTime, null);
  }

  public boolean isPoison() {
    return poison != null;
  }

  /** The value as text (JSON for valid events). */
  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }
}
