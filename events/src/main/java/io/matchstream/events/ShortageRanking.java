package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.List;

/**
 * The shortage ranking (after the ministry's quarterly "最缺工" list) of one city or of the nation
 * ({@link #NATIONAL}) for one Asia/Shanghai calendar day, on topic {@code shortage-ranking}, keyed
 * by {@link #cityId}: an upsert, the newest per key wins. Sent live during the day and once more,
 * with {@link #isFinal} set, when the day closes. A city lists at most {@link #CITY_TOP} entries,
 * the nation at most {@link #NATIONAL_TOP}; the method is in docs/stats-and-alerts.md.
 *
 * @param cityId city id, or {@code national}
 * @param eventId {@code cityId/day/revision}
 * @param eventTime event time the ranking is as of, epoch milliseconds
 * @param schemaVersion version of this contract
 * @param day the Asia/Shanghai calendar day, {@code yyyy-MM-dd}
 * @param revision increases with every update of this key
 * @param isFinal true on the closing record of the day
 * @param citiesReporting cities whose lists went into the ranking (1 for a city)
 * @param yesterday the day the rank changes compare with (the final ranking of the day before);
 *     null when there is none
 * @param lastWeek the day seven days before, compared with likewise; null when there is none
 * @param entries the ranked occupations, rank 1 first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cityId", "eventId", "eventTime", "schemaVersion", "day", "revision", "isFinal"})
public record ShortageRanking(
    String cityId,
    String eventId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    String day,
    long revision,
    boolean isFinal,
    int citiesReporting,
    String yesterday,
    String lastWeek,
    List<Entry> entries) {

  /** The key of the national ranking. */
  public static final String NATIONAL = "national";

  /** Occupations a city reports: its top 20, as the ministry asks of each city. */
  public static final int CITY_TOP = 20;

  /** Occupations in the national list: 100, as the ministry publishes. */
  public static final int NATIONAL_TOP = 100;

  /**
   * One ranked occupation.
   *
   * @param rank 1 = the greatest shortage
   * @param occupationCode CSCO code
   * @param openVacancies open vacancies (recruitment demand), summed over the reporting cities
   * @param availableCandidates available candidates seeking it (job seekers), likewise
   * @param gap open vacancies − available candidates, &gt; 0
   * @param ratio open vacancies / available candidates; null with no candidates
   * @param cities cities that list it in their top {@link #CITY_TOP} (1 in a city's ranking)
   * @param score what the list is ordered by: gap × cities (the weighting by how many cities
   *     report it); the gap in a city's ranking
   * @param typicalCities up to three reporting cities with the largest gap, largest first (the
   *     national ranking only)
   * @param rankYesterday rank in {@link ShortageRanking#yesterday}'s final ranking; null when it
   *     was not ranked (or there is none)
   * @param rankLastWeek rank in {@link ShortageRanking#lastWeek}'s final ranking; null likewise
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(
      int rank,
      String occupationCode,
      long openVacancies,
      long availableCandidates,
      long gap,
      Double ratio,
      int cities,
      long score,
      List<String> typicalCities,
      Integer rankYesterday,
      Integer rankLastWeek) {}
}
