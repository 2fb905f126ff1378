package io.matchstream.jobs.match;

/**
 * One event buffered in a pool until the watermark passes its time, already in compact form.
 *
 * @param eventId the event's id: arrivals of one instant are applied in eventId order
 * @param vacancySide whether it concerns a post (else a candidate)
 * @param id the vacancyId or candidateId
 * @param vacancy the post's new profile, for an OPENED/UPDATED; else null
 * @param candidate the candidate's new profile, for a REGISTERED/UPDATED; else null
 */
public record Arrival(String eventId, boolean vacancySide, String id, OpenVacancy vacancy, OpenCandidate candidate) {

  /** FILLED, PLACED, WITHDRAWN or a leave: the entry goes. */
  public boolean closes() {
    return vacancy == null && candidate == null;
  }
}
