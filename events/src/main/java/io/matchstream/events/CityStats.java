package io.matchstream.events;

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
 * @param occupations supply and demand per occupation now, for the city page
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
    List<OccupationFigure> occupations) {

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
   * Supply and demand of one occupation in one city, now.
   *
   * @param occupationCode CSCO code
   * @param openVacancies open vacancies (demand)
   * @param availableCandidates available candidates seeking it (supply)
   * @param ratio demand / supply; null with no supply
   */
  public record OccupationFigure(
      String occupationCode, long openVacancies, long availableCandidates, Double ratio) {}
}
