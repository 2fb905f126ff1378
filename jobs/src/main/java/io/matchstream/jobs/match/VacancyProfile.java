package io.matchstream.jobs.match;

import io.matchstream.events.VacancyEvent;

/**
 * A vacancy as the scorer sees it: skills as dense ids in a canonical order (essential first, each
 * part sorted), with their weights precomputed. The canonical order matters: two vacancies with the
 * same skills sum their weights in the same order, so they score bit-for-bit alike and the index
 * can share one bound between them.
 *
 * @param event the OPENED/UPDATED event the profile was built from
 * @param skills dense skill ids, essential ones first
 * @param essentialCount how many leading entries of {@code skills} are essential
 * @param weights per skill: IDF, times the essential factor for essential skills
 * @param totalWeight sum of {@code weights}
 * @param signature the skill set as the index groups it (essential ids, then optional ids as -id-1)
 */
public record VacancyProfile(
    VacancyEvent event,
    int[] skills,
    int essentialCount,
    double[] weights,
    double totalWeight,
    int[] signature) {

  public String id() {
    return event.vacancyId();
  }

  public String cityId() {
    return event.cityId();
  }

  public long eventTime() {
    return event.eventTime();
  }

  public int levelRank() {
    return event.certificateLevel().rank();
  }

  public int salaryMax() {
    return event.salaryMax();
  }

  public int salaryMin() {
    return event.salaryMin();
  }
}
