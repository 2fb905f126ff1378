package io.matchstream.jobs.match;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.ScoreSettings;

/**
 * One record of {@code match-settings} after the boundary: a valid {@link ScoreSettings} with its
 * provenance (so a version refused later, as not above the current one, is dead-lettered with it),
 * or a dead letter.
 */
public record SettingsInbound(ScoreSettings settings, DeadLetter deadLetter, String topic, int partition, long offset) {

  public static SettingsInbound of(ScoreSettings s, String topic, int partition, long offset) {
    return new SettingsInbound(s, null, topic, partition, offset);
  }

  public static SettingsInbound of(DeadLetter d) {
    return new SettingsInbound(null, d, d.sourceTopic(), d.partition(), d.offset());
  }

  /**
   * The event time that moves the settings input's watermark: the effective-from time, or none
   * ({@link Long#MIN_VALUE}) for a record without one or a dead letter.
   */
  public long eventTime() {
    return settings != null && settings.hasEffectiveFrom() ? settings.effectiveFrom() : Long.MIN_VALUE;
  }
}
