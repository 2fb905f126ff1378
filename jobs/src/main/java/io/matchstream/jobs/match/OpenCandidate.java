package io.matchstream.jobs.match;

/**
 * An available candidate as one pool holds it (a candidate is in one pool per accepted city and
 * sought family): what scoring, the tie order and the {@link io.matchstream.events.Match} record
 * need. Immutable, like {@link OpenVacancy}.
 *
 * @param id the candidateId
 * @param seq this stay in the pool (see {@link OpenVacancy#seq})
 * @param eventTime event time of the REGISTERED/UPDATED it was built from, epoch ms
 * @param registeredTime when the candidate registered, epoch ms (the age limit counts from here)
 * @param homeCity the candidate's own city (interned)
 * @param skills the skills' IDF ranks, ascending: both the skill set and the index's key
 * @param expectedSalary expected monthly salary, CNY
 * @param level held certificate level's rank
 * @param employmentMask bit {@code ordinal} set for each employment type accepted
 * @param matched seqs of the posts already matched with, ascending
 */
public record OpenCandidate(
    String id,
    long seq,
    long eventTime,
    long registeredTime,
    String homeCity,
    char[] skills,
    int expectedSalary,
    byte level,
    byte employmentMask,
    long[] matched) {

  public int levelRank() {
    return level;
  }

  public boolean accepts(int employmentOrdinal) {
    return (employmentMask & (1 << employmentOrdinal)) != 0;
  }

  public OpenCandidate with(long newSeq, long[] newMatched) {
    return new OpenCandidate(id, newSeq, eventTime, registeredTime, homeCity, skills, expectedSalary, level,
        employmentMask, newMatched);
  }

  public boolean hasMatched(long counterpartSeq) {
    return Seqs.contains(matched, counterpartSeq);
  }
}
