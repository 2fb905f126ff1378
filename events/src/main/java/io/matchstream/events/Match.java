package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.List;

/**
 * A smart match between one vacancy and one candidate, on topic {@code matches}, keyed by {@link
 * #matchId} = {@link Ids#matchId}(vacancyId, candidateId), so a repeated record overwrites itself.
 *
 * @param matchId deterministic id of the pair
 * @param eventId equal to matchId: a pair is matched at most once
 * @param eventTime the later of the two sides' event times, epoch milliseconds
 * @param schemaVersion version of this contract
 * @param vacancyId the vacancy
 * @param candidateId the candidate
 * @param cityId the vacancy's city (where the match counts)
 * @param occupationCode the vacancy's CSCO code
 * @param employerId the vacancy's pseudonymous employer
 * @param score overall score in [0,1]
 * @param skillScore IDF-weighted skill coverage in [0,1]
 * @param levelScore certificate-level fit in [0,1]
 * @param salaryScore salary overlap in [0,1]
 * @param employmentScore employment-type fit in [0,1]
 * @param locationScore 1 for the home city, less for a city the candidate accepts
 * @param skillsMet ids of the post's skills the candidate has, essential first
 * @param essentialSkillsMissing ids of essential skills the candidate lacks
 * @param salaryFit the candidate's expectation against the post's range
 * @param levelFit the candidate's certificate level against the requirement
 * @param vacancyEventTime event time of the vacancy side, epoch milliseconds
 * @param candidateEventTime event time of the candidate side, epoch milliseconds
 * @param settingsVersion the version of the score's settings that scored this match: 0 for the
 *     match job's options, else a {@link ScoreSettings#version}; absent (null) in a match written
 *     before versions existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"matchId", "eventId", "eventTime", "schemaVersion"})
public record Match(
    String matchId,
    String eventId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    String vacancyId,
    String candidateId,
    String cityId,
    String occupationCode,
    String employerId,
    double score,
    double skillScore,
    double levelScore,
    double salaryScore,
    double employmentScore,
    double locationScore,
    List<String> skillsMet,
    List<String> essentialSkillsMissing,
    SalaryFit salaryFit,
    LevelFit levelFit,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long vacancyEventTime,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long candidateEventTime,
    Long settingsVersion) {

  /** A match without a settings version (as written before versions existed). */
  public Match(String matchId, String eventId, long eventTime, int schemaVersion, String vacancyId,
      String candidateId, String cityId, String occupationCode, String employerId, double score,
      double skillScore, double levelScore, double salaryScore, double employmentScore,
      double locationScore, List<String> skillsMet, List<String> essentialSkillsMissing,
      SalaryFit salaryFit, LevelFit levelFit, long vacancyEventTime, long candidateEventTime) {
    this(matchId, eventId, eventTime, schemaVersion, vacancyId, candidateId, cityId, occupationCode,
        employerId, score, skillScore, levelScore, salaryScore, employmentScore, locationScore,
        skillsMet, essentialSkillsMissing, salaryFit, levelFit, vacancyEventTime, candidateEventTime, null);
  }

  /** This match, scored by settings {@code version}. */
  public Match withSettingsVersion(long version) {
    return new Match(matchId, eventId, eventTime, schemaVersion, vacancyId, candidateId, cityId,
        occupationCode, employerId, score, skillScore, levelScore, salaryScore, employmentScore,
        locationScore, skillsMet, essentialSkillsMissing, salaryFit, levelFit, vacancyEventTime,
        candidateEventTime, version);
  }
}
