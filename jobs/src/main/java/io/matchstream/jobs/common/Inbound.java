package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.VacancyEvent;

/**
 * One input record after the boundary ({@link ValidatingDeserializationSchema}), for every job:
 * exactly one of the event fields or {@link #deadLetter} is set. Parsing happens in the Kafka
 * source's deserializer rather than in a later operator so that each partition's watermark follows
 * the event times of that partition (a later operator would mix partitions read at different
 * speeds and make a backlog's events late).
 *
 * <p>Where a job may still refuse a valid record later (city-stats: its day has closed), the
 * record's provenance and bytes ride along ({@link #raw}), so it is dead-lettered unchanged; a job
 * that never does leaves them out.
 *
 * @param vacancy a valid event from {@code vacancies}
 * @param candidate a valid event from {@code candidates}
 * @param match a valid match from {@code matches}
 * @param outcome a valid outcome from {@code match-outcomes}
 * @param settings a valid version of the score's settings from {@code match-settings}
 * @param deadLetter a rejected record with its provenance and reason
 * @param topic the topic the record was read from (null if not kept)
 * @param partition its partition
 * @param offset its offset
 * @param raw the record's value as read, for a valid record of a source that keeps it, else null
 */
public record Inbound(
    VacancyEvent vacancy, CandidateEvent candidate, Match match, MatchOutcome outcome, ScoreSettings settings,
    DeadLetter deadLetter, String topic, int partition, long offset, byte[] raw) {

  public static Inbound of(VacancyEvent v) {
    return new Inbound(v, null, null, null, null, null, null, 0, 0, null);
  }

  public static Inbound of(CandidateEvent c) {
    return new Inbound(null, c, null, null, null, null, null, 0, 0, null);
  }

  public static Inbound of(Match m) {
    return new Inbound(null, null, m, null, null, null, null, 0, 0, null);
  }

  public static Inbound of(MatchOutcome o) {
    return new Inbound(null, null, null, o, null, null, null, 0, 0, null);
  }

  public static Inbound of(ScoreSettings s) {
    return new Inbound(null, null, null, null, s, null, null, 0, 0, null);
  }

  /** A dead letter, with the provenance it names. */
  public static Inbound of(DeadLetter d) {
    return new Inbound(null, null, null, null, null, d, d.sourceTopic(), d.partition(), d.offset(), null);
  }

  /** The same event with where it was read from and, if given, its bytes. */
  public Inbound readAt(String topic, int partition, long offset, byte[] raw) {
    return new Inbound(vacancy, candidate, match, outcome, settings, deadLetter, topic, partition, offset, raw);
  }

  public boolean isRejected() {
    return deadLetter != null;
  }

  /**
   * The event time; a dead letter has none and reports {@link Long#MIN_VALUE}, which never moves a
   * watermark (its processing-time stamp would, far ahead of simulated time). A settings version's
   * is its effective-from time, or none: so the pools' watermark cannot pass a version's
   * effective-from time before the version has been read, and on a replay the same arrivals get
   * the same version.
   */
  public long eventTime() {
    if (vacancy != null) return vacancy.eventTime();
    if (candidate != null) return candidate.eventTime();
    if (match != null) return match.eventTime();
    if (outcome != null) return outcome.eventTime();
    if (settings != null && settings.hasEffectiveFrom()) return settings.effectiveFrom();
    return Long.MIN_VALUE;
  }

  /** The contract type of the event, whose fields a dead letter keeps; null for a dead letter. */
  public Class<?> contract() {
    if (vacancy != null) return VacancyEvent.class;
    if (candidate != null) return CandidateEvent.class;
    if (match != null) return Match.class;
    if (outcome != null) return MatchOutcome.class;
    if (settings != null) return ScoreSettings.class;
    return null;
  }

  /** A dead letter of this valid record, refused after the boundary (e.g. "late"), as read. */
  public DeadLetter refused(String reason, String job) {
    return DeadLetterRouting.deadLetter(raw, topic, partition, offset, contract(), reason, job);
  }

  @Override
  public String toString() {
    Object what = vacancy != null ? vacancy : candidate != null ? candidate : match != null ? match
        : outcome != null ? outcome : settings != null ? settings : deadLetter;
    return "Inbound[" + what + (topic == null ? "" : " @" + topic + "/" + partition + "/" + offset) + "]";
  }
}
