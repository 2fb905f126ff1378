package io.matchstream.gateway.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.matchstream.events.CityStats;

/**
 * One city's (or the nation's) final figures of one past day: the summary numbers of its final
 * {@link CityStats} record (the funnel's day counts, share and median hours included), without the
 * per-hour, per-occupation, trend and cohort lists, so a year of
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
 * @param contacted matches that reached contact (or later) that day; null when the day's record had
 *     no funnel (written before it existed), as for the five below
 * @param interviews matches that reached an interview (or later) that day
 * @param offers matches that reached an offer (or a hire) that day
 * @param hires hires through a match that day
 * @param matchShareOfPlacements hires through a match / people placed that day
 * @param medianHoursToHire median hours from match to hire over the trailing window
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
    long technicalUnfilledPastThreshold,
    Long contacted,
    Long interviews,
    Long offers,
    Long hires,
    Double matchShareOfPlacements,
    Double medianHoursToHire) {

  static DayFigures of(CityStats s) {
    CityStats.Funnel f = s.funnel();
    CityStats.Stages t = f == null ? null : f.today();
    return new DayFigures(s.day(), s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(),
        s.openVacancies(), s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(),
        s.dispatchShare(), s.technicalUnfilledPastThreshold(), t == null ? null : t.contacted(),
        t == null ? null : t.interviews(), t == null ? null : t.offers(), t == null ? null : t.hires(),
        f == null ? null : f.matchShareOfPlacements(), f == null ? null : f.medianHoursToHire());
  }
}
