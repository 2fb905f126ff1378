package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.List;

/**
 * One change in a candidate's availability, on topic {@code candidates}, keyed by {@link
 * #candidateId}.
 *
 * <p>No name, phone, ID number, gender, age, ethnicity or hukou: the contract carries only what
 * matching needs, under a pseudonymous id. Every event names the home city and the cities the
 * candidate accepts; REGISTERED and UPDATED carry the full profile; PLACED names {@link
 * #vacancyId}.
 *
 * <p>Times are epoch milliseconds; 0 means absent and is left out when written (never written as
 * 1970, which a reader would refuse as before the earliest accepted time).
 *
 * @param eventId unique id of this event
 * @param eventTime when it happened, epoch milliseconds
 * @param schemaVersion version of this contract
 * @param type lifecycle step
 * @param candidateId pseudonymous id, {@code cand-} followed by 6–32 of [0-9a-z]
 * @param cityId home city id
 * @param acceptedCities other city ids the candidate would move to (may be empty, never includes
 *     the home city)
 * @param occupationCodes CSCO codes the candidate seeks, at least one
 * @param skills skill ids the candidate has ({@code sk-…}); null unless REGISTERED/UPDATED
 * @param certificateLevel highest vocational skill level held
 * @param education highest education completed
 * @param expectedSalary expected monthly salary, CNY
 * @param employmentTypes employment types accepted, at least one
 * @param availableFrom when the candidate can start, epoch milliseconds
 * @param registeredTime when the candidate registered, epoch milliseconds
 * @param vacancyId the vacancy the candidate was placed in; PLACED only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "eventTime", "schemaVersion", "type", "candidateId"})
public record CandidateEvent(
    String eventId,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    CandidateEventType type,
    String candidateId,
    String cityId,
    List<String> acceptedCities,
    List<String> occupationCodes,
    List<String> skills,
    CertificateLevel certificateLevel,
    Education education,
    Integer expectedSalary,
    List<EmploymentType> employmentTypes,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long availableFrom,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long registeredTime,
    String vacancyId) {

  /** Whether the event carries the full profile (REGISTERED or UPDATED). */
  public boolean carriesProfile() {
    return type == CandidateEventType.REGISTERED || type == CandidateEventType.UPDATED;
  }
}
