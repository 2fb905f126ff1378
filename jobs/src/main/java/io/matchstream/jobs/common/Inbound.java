package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.VacancyEvent;

/**
 * One input record after the boundary: exactly one of the fields is set. Parsing happens in the
 * Kafka source's deserializer rather than in a later operator so that each partition's watermark
 * follows the event times of that partition (a later operator would mix partitions read at
 * different speeds and make a backlog's events late).
 *
 * @param vacancy a valid event from {@code vacancies}
 * @param candidate a valid event from {@code candidates}
 * @param deadLetter a rejected record with its provenance and reason
 */
public record Inbound(VacancyEvent vacancy, CandidateEvent candidate, DeadLetter deadLetter) {

  public static Inbound of(VacancyEvent v) {
    return new Inbound(v, null, null);
  }

  public static Inbound of(CandidateEvent c) {
    return new Inbound(null, c, null);
  }

  public static Inbound of(DeadLetter d) {
    return new Inbound(null, null, d);
  }

  /**
   * The event time; a dead letter has none and reports {@link Long#MIN_VALUE}, which never moves a
   * watermark (its processing-time stamp would, far ahead of simulated time).
   */
  public long eventTime() {
    if (vacancy != null) {
      return vacancy.eventTime();
    }
    if (candidate != null) {
      return candidate.eventTime();
    }
    return Long.MIN_VALUE;
  }
}
