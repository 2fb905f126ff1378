package io.matchstream.gateway.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.matchstream.events.CityStats;

/**
 * One city's (or the nation's) final figures of one past day: the summary numbers of its final
 * {@link CityStats} record, without the per-hour, per-occupation and trend lists, so a year of
 * days of every city stays a few megabytes.
 *
 * @param day the Asia/Shanghai calendar day, {@code yyyy-MM-dd}
 * @param matches smart matches that day
 * @param newVacancies vacancies opened that day
 * @param newCandidates candidates registered that day
 * @param placements vacancies filled that day
 * @param openVacancies vacancies open at the end of the day
 * @param availableCandidates candidates available at the end of the day
 * @param vacancyToJobseekerRatio open vacancies / available candidates at the end of the day
 * @param medianDaysToFill median days to fill over the trailing window
 * @param dispatchShare share of open vacancies that are dispatch work
 * @param technicalUnfilledPastThreshold technical posts open past their alert threshold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"day", "matches"})
public record DayFigures(
    String day,
    long matches,
    long newVacancies,
    long newCandidates,
    long placements,
    long openVacancies,
    long availableCandidates,
    Double vacancyToJobseekerRatio,
    Double medianDaysToFill,
    Double dispatchShare,
    long technicalUnfilledPastThreshold) {

  static DayFigures of(CityStats s) {
    return new DayFigures(s.day(), s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(),
        s.openVacancies(), s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(),
        s.dispatchShare(), s.technicalUnfilledPastThreshold());
  }
}
