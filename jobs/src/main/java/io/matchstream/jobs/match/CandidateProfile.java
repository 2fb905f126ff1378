package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.EmploymentType;

/**
 * A candidate as the scorer sees it: the skill set both as a bitset (constant-time "has skill")
 * and as sorted dense ids (the index groups candidates with equal skill sets).
 *
 * @param event the REGISTERED/UPDATED event the profile was built from
 * @param skillBits bit {@code i} set when the candidate has dense skill {@code i}
 * @param signature dense skill ids, sorted
 * @param employmentMask bit {@code ordinal} set for each employment type accepted
 */
public record CandidateProfile(
    CandidateEvent event, long[] skillBits, int[] signature, int employmentMask) implements SkillSet {

  public String id() {
    return event.candidateId();
  }

  public long eventTime() {
    return event.eventTime();
  }

  @Override
  public boolean has(int skill) {
    int word = skill >>> 6;
    return word < skillBits.length && (skillBits[word] & (1L << skill)) != 0;
  }

  public boolean accepts(EmploymentType type) {
    return (employmentMask & (1 << type.ordinal())) != 0;
  }

  public int levelRank() {
    return event.certificateLevel().rank();
  }

  public int expectedSalary() {
    return event.expectedSalary();
  }

  public String homeCity() {
    return event.cityId();
  }
}
