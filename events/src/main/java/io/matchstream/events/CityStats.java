package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.List;

/**
 * The latest figures of one city (or {@link #NATIONAL}) for one Asia/Shanghai calendar day, on topic
 * {@code city-stats}, keyed by {@link #cityId}: an upsert, the newest per key wins. Sent live during
 * the day and once more, with {@link #isFinal} set, when the day closes.
 *
 * @param cityId city id, or {@code national}
 * @param eventId {@code cityId/day/revision}
 * @param eventTime event time the figures are as of, epoch milliseconds
 * @param schemaVersion version of this contract
 * @param day the Asia/Shanghai calendar day, {@code yyyy-MM-dd}
 * @param revision increases with every update of this city and day
 * @param isFinal true on the closing record of the day
 * @param matchesToday smart matches made this day
 * @param newVacancies vacancies opened this day
 * @param newCandidates candidates registered this day
 * @param placements vacancies filled this day
 * @param openVacancies vacancies open now
 * @param availableCandidates candidates available now
 * @param vacancyToJobseekerRatio open vacancies / available candidates (求人倍率); null with none
 *     available
 * @param medianDaysToFill median days from posting to filling over the trailing window; null with
 *     no fills
 * @param dispatchShare share of open vacancies that are dispatch work, in [0,1]; null with none open
 * @param technicalUnfilledPastThreshold technical posts open past their alert threshold now
 * @param matchesByHour smart matches in each hour of the day, 24 entries, hour 0 first
 * @param trend smart matches per day for up to the last 30 days, oldest first, today last
 * @param occupations supply and demand per occupation now, for the city page, each with the day's
 *     funnel ({@link OccupationFigure#funnel}); an occupation with no demand and no supply now is
 *     listed when its funnel has something that day
 * @param funnel what became of the smart matches: the day's steps, the share of placements that came
 *     through a match, the median hours from match to hire and how each recent day's matches fared
 *     (their cohort); absent from a writer that predates it (old records stay readable)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cityId", "eventId", "eventTime", "schemaVersion", "day", "revision", "isFinal"})
public record CityStats(
    String cityId,
    String eventId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    String day,
    long revision,
    boolean isFinal,
    long matchesToday,
    long newVacancies,
    long newCandidates,
    long placements,
    long openVacancies,
    long availableCandidates,
    Double vacancyToJobseekerRatio,
    Double medianDaysToFill,
    Double dispatchShare,
    long technicalUnfilledPastThreshold,
    List<Long> matchesByHour,
    List<DayCount> trend,
    List<OccupationFigure> occupations,
    Funnel funnel) {

  /** The canonical constructor is the one JSON is read with. */
  @JsonCreator
  public CityStats {}

  /** Figures without a funnel, as written before the funnel existed. */
  public CityStats(
      String cityId, String eventId, long eventTime, int schemaVersion, String day, long revision,
      boolean isFinal, long matchesToday, long newVacancies, long newCandidates, long placements,
      long openVacancies, long availableCandidates, Double vacancyToJobseekerRatio, Double medianDaysToFill,
      Double dispatchShare, long technicalUnfilledPastThreshold, List<Long> matchesByHour, List<DayCount> trend,
      List<OccupationFigure> occupations) {
    this(cityId, eventId, eventTime, schemaVersion, day, revision, isFinal, matchesToday, newVacancies,
        newCandidates, placements, openVacancies, availableCandidates, vacancyToJobseekerRatio, medianDaysToFill,
        dispatchShare, technicalUnfilledPastThreshold, matchesByHour, trend, occupations, null);
  }

  /** The key of the national figures. */
  public static final String NATIONAL = "national";

  /**
   * Smart matches on one day.
   *
   * @param day Asia/Shanghai calendar day, {@code yyyy-MM-dd}
   * @param matches smart matches that day
   */
  public record DayCount(String day, long matches) {}

  /**
   * Supply and demand of one occupation in one city, now, and the day's funnel of its matches.
   *
   * @param occupationCode CSCO code
   * @param openVacancies open vacancies (demand)
   * @param availableCandidates available candidates seeking it (supply)
   * @param ratio demand / supply; null with no supply
   * @param funnel this day's matches of the occupation (the vacancy's) and their steps; absent from a
   *     writer that predates it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OccupationFigure(
      String occupationCode, long openVacancies, long availableCandidates, Double ratio, Stages funnel) {

    @JsonCreator
    public OccupationFigure {}

    /** Without a funnel, as written before the funnel existed. */
    public OccupationFigure(String occupationCode, long openVacancies, long availableCandidates, Double ratio) {
      this(occupationCode, openVacancies, availableCandidates, ratio, null);
    }
  }

  /**
   * A day's steps of smart matches. A match counts in a stage on the day it first reached that stage
   * <em>or a later progress stage</em> (a park's system may skip steps: a match hired without a
   * recorded interview counts in contacted, interviews, offers and hires that day), and at most once
   * per stage, so matches ≥ contacted ≥ interviews ≥ offers ≥ hires over the same matches.
   *
   * @param matches smart matches made this day
   * @param contacted matches that reached CONTACTED or a later progress stage this day
   * @param interviews matches that reached INTERVIEW, OFFER or HIRED this day
   * @param offers matches that reached OFFER or HIRED this day
   * @param hires hires through a match this day (HIRED outcomes)
   */
  public record Stages(long matches, long contacted, long interviews, long offers, long hires) {}

  /**
   * What became of smart matches, for the city page and the ops room's conversion column. Days are
   * the Asia/Shanghai days of the outcomes' (and matches') event times.
   *
   * @param today this day's steps, as in {@link Stages}
   * @param ended matches ended this day without a hire: DECLINED or NO_SHOW
   * @param peoplePlaced candidates placed this day (their PLACED events, counted in their home city),
   *     through a match or not
   * @param matchShareOfPlacements {@code today.hires / peoplePlaced}, the share of this day's
   *     placements that came through a match; null with none placed. In a city it can exceed 1 when
   *     candidates of other cities were hired there (a hire counts in the match's city, a placement in
   *     the candidate's home city); nationally it cannot
   * @param medianHoursToHire median hours from the match to its HIRED over the hires of the trailing
   *     window ({@code stats.fill-window-days}, as {@code medianDaysToFill}); null with no hires
   * @param cohorts for each of the last {@code stats.funnel-cohort-days} match days, oldest first and
   *     this day last: how that day's matches have fared so far (as of this record's eventTime)
   */
  public record Funnel(
      Stages today, long ended, long peoplePlaced, Double matchShareOfPlacements, Double medianHoursToHire,
      List<Cohort> cohorts) {}

  /**
   * One match day's matches and how many of them have reached each stage so far: the
   * match-to-hire rate by match cohort.
   *
   * @param day the Asia/Shanghai day the matches were made, {@code yyyy-MM-dd}
   * @param matches smart matches made that day
   * @param contacted of them, how many reached CONTACTED or a later progress stage so far
   * @param interviews of them, how many reached INTERVIEW or later so far
   * @param offers of them, how many reached OFFER or HIRED so far
   * @param hires of them, how many were hired so far
   * @param hireRate {@code hires / matches}; null with no matches
   */
  public record Cohort(
      String day, long matches, long contacted, long interviews, long offers, long hires, Double hireRate) {}
}
