package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;

/**
 * An alert's state change, on topic {@code alerts}, keyed by {@link #alertId} = {@link
 * Ids#alertId}(subject, type). A consumer keeping the latest state per id never sees a second
 * FIRING for the same alert.
 *
 * @param alertId deterministic id of (subject, type)
 * @param eventId {@link Ids#alertEventId}(alertId, state, eventTime): one per state change
 * @param eventTime when the state changed (event time), epoch milliseconds
 * @param schemaVersion version of this contract
 * @param alertType kind of alert
 * @param state FIRING or RESOLVED
 * @param cityId city concerned
 * @param occupationCode CSCO code concerned
 * @param vacancyId the post, for UNFILLED_TECHNICAL_POST; null for SHORTAGE
 * @param employerId the post's employer, for UNFILLED_TECHNICAL_POST
 * @param openedTime when the post opened (or the shortage began), epoch milliseconds
 * @param daysOpen whole days the post has been open, for UNFILLED_TECHNICAL_POST
 * @param ratio vacancy-to-jobseeker ratio, for SHORTAGE
 * @param salaryMin the post's monthly salary lower bound, CNY, for UNFILLED_TECHNICAL_POST
 * @param salaryMax the post's monthly salary upper bound, CNY, for UNFILLED_TECHNICAL_POST
 * @param certificateLevel the post's required level, for UNFILLED_TECHNICAL_POST
 * @param message one human-readable line (Chinese) for dashboards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"alertId", "eventId", "eventTime", "schemaVersion", "alertType", "state"})
public record Alert(
    String alertId,
    String eventId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    AlertType alertType,
    AlertState state,
    String cityId,
    String occupationCode,
    String vacancyId,
    String employerId,
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long openedTime,
    Integer daysOpen,
    Double ratio,
    Integer salaryMin,
    Integer salaryMax,
    CertificateLevel certificateLevel,
    String message) {}
