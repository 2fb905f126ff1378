package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import java.util.List;

/**
 * Routes candidate events to their pools (one per accepted city × sought family), with a leave to
 * each pool an UPDATED drops; see {@link PoolRouting}. Keyed by {@link RouterShards#CANDIDATE}.
 */
public class CandidateRouting extends PoolRouting<CandidateEvent, RoutedCandidate> {
  private static final long serialVersionUID = 1L;

  private final long candidateMaxAgeMillis;

  public CandidateRouting(long candidateMaxAgeMillis) {
    this.candidateMaxAgeMillis = candidateMaxAgeMillis;
  }

  @Override
  String idOf(CandidateEvent c) {
    return c.candidateId();
  }

  @Override
  String idPrefix() {
    return "cand-";
  }

  @Override
  List<String> poolsOf(CandidateEvent c) {
    return PoolKey.of(c);
  }

  @Override
  boolean closes(CandidateEvent c) {
    return c.type().closes();
  }

  @Override
  long eventTime(CandidateEvent c) {
    return c.eventTime();
  }

  @Override
  String eventId(CandidateEvent c) {
    return c.eventId();
  }

  @Override
  long expiryOf(CandidateEvent c) {
    return c.registeredTime() + candidateMaxAgeMillis;
  }

  @Override
  CandidateEvent leaving(CandidateEvent c, long eventTime, String eventId) {
    return new CandidateEvent(eventId, eventTime, c.schemaVersion(), CandidateEventType.WITHDRAWN,
        c.candidateId(), c.cityId(), c.acceptedCities(), c.occupationCodes(), null, null, null, null,
        null, c.availableFrom(), c.registeredTime(), null);
  }

  @Override
  RoutedCandidate routed(String pool, CandidateEvent c) {
    return new RoutedCandidate(pool, c);
  }
}
