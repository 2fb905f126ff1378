package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.VacancyEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one event-time timer of a pool does when the watermark passes it: the arrivals buffered
 * for that instant (processed in event-time order, so results do not depend on how the two input
 * streams interleave) and the entries that expire then.
 *
 * @param vacancies vacancy events with this event time
 * @param candidates candidate events with this event time
 * @param expiring ids of entries whose age limit falls at this instant
 */
public record TimerBatch(
    List<VacancyEvent> vacancies, List<CandidateEvent> candidates, List<String> expiring) {

  public static TimerBatch empty() {
    return new TimerBatch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  }

  public boolean isEmpty() {
    return vacancies.isEmpty() && candidates.isEmpty() && expiring.isEmpty();
  }
}
