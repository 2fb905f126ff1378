package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;
import java.util.List;

/**
 * One change in a vacancy's life, on topic {@code vacancies}, keyed by {@link #vacancyId}.
 *
 * <p>Every event names the vacancy's city, occupation, employer and posting time, so a consumer can
 * count it without a join. OPENED and UPDATED carry the whole post (skills, level, salary, …);
 * FILLED names {@link #candidateId}; FILLED and WITHDRAWN may leave the post's details null.
 *
 * <p>Times are epoch milliseconds; 0 means absent and is left out when written (never written as
 * 1970, which a reader would refuse as before the earliest accepted time).
 *
 * @param eventId unique id of this event (deduplication)
 * @param eventTime when it happened, epoch milliseconds (ISO-8601 with offset on the wire)
 * @param schemaVersion version of this contract, {@link SchemaVersion#CURRENT}
 * @param type lifecycle step
 * @param vacancyId pseudonymous vacancy id, {@code vac-} followed by 6–32 of [0-9a-z]
 * @param cityId pilot city id, e.g. {@code ningbo}
 * @param occupationCode CSCO 2022 occupation code, e.g. {@code 6-18-01-07}
 * @param employerId pseudonymous employer id, {@code emp-…}
 * @param postedTime when the post was opened, epoch milliseconds
 * @param essentialSkills skill ids the post requires ({@code sk-…}); null unless OPENED/UPDATED
 * @param optionalSkills skill ids the post values; null unless OPENED/UPDATED
 * @param certificateLevel minimum vocational skill level
 * @param education minimum education
 * @param salaryMin monthly salary, lower bound, CNY
 * @param salaryMax monthly salary, upper bound, CNY
 * @param employmentType direct, dispatch or gig
 * @param shiftPattern shift pattern
 * @param headcount people wanted, at least 1
 * @param technical whether this is a technical post (long recruitment cycle; alerts apply)
 * @param candidateId the candidate who filled it; FILLED only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "eventTime", "schemaVersion", "type", "vacancyId"})
public record VacancyEvent(
    String eventId,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    VacancyEventType type,
    String vacancyId,
    String cityId,
    String occupationCode,
    String employerId,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long postedTime,
    List<String> essentialSkills,
    List<String> optionalSkills,
    CertificateLevel certificateLevel,
    Education education,
    Integer salaryMin,
    Integer salaryMax,
    EmploymentType employmentType,
    ShiftPattern shiftPattern,
    Integer headcount,
    Boolean technical,
    String candidateId) {

  /** Whether the event carries the post's details (OPENED or UPDATED). */
  public boolean carriesPost() {
    return type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED;
  }
}
