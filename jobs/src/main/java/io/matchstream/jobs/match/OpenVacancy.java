package io.matchstream.jobs.match;

/**
 * An open post as the pools hold it: what scoring, the tie order and the {@link
 * io.matchstream.events.Match} record need, nothing more (no event, no per-event string copies).
 * Immutable: a change (an update, a new pair matched) replaces the object, so the heap state
 * backend's copy-on-write can share it with the in-memory index instead of copying it.
 *
 * @param id the vacancyId
 * @param seq this stay in the pool: unique per pool key, new each time the post (re-)enters it;
 *     the state's map key and what counterparts remember as "matched with"
 * @param eventTime event time of the OPENED/UPDATED it was built from, epoch ms
 * @param postedTime when the post was first published, epoch ms (its age limit counts from here)
 * @param cityId the post's city (interned)
 * @param occupationCode CSCO occupation code (interned)
 * @param employerId pseudonymous employer id (interned)
 * @param skills dense taxonomy skill ids, essential ones first, each part ascending (the order the
 *     scorer sums weights in)
 * @param essentialCount how many leading entries of {@code skills} are essential
 * @param key the skill ids' IDF ranks, ascending: the index's key
 * @param totalWeight sum of the skills' weights, in {@code skills} order
 * @param salaryMin monthly salary minimum, CNY
 * @param salaryMax monthly salary maximum, CNY
 * @param level required certificate level's rank
 * @param employment employment type's ordinal
 * @param matched seqs of the candidates already matched with, ascending
 */
public record OpenVacancy(
    String id,
    long seq,
    long eventTime,
    long postedTime,
    String cityId,
    String occupationCode,
    String employerId,
    char[] skills,
    int essentialCount,
    char[] key,
    double totalWeight,
    int salaryMin,
    int salaryMax,
    byte level,
    byte employment,
    long[] matched) {

  public int levelRank() {
    return level;
  }

  /** The same post in another stay of the pool, or with other pairs remembered. */
  public OpenVacancy with(long newSeq, long[] newMatched) {
    return new OpenVacancy(id, newSeq, eventTime, postedTime, cityId, occupationCode, employerId, skills,
        essentialCount, key, totalWeight, salaryMin, salaryMax, level, employment, newMatched);
  }

  public boolean hasMatched(long counterpartSeq) {
    return Seqs.contains(matched, counterpartSeq);
  }
}
