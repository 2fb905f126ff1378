package io.matchstream.gateway.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.Ids;
import io.matchstream.events.codec.IsoTime;

/**
 * One alert change of a past day, as kept for history: the {@link Alert}'s identity, subject and
 * figures, without its message (the names come from reference data when answered). Equal changes
 * are one: a recount writes the same change again.
 *
 * @param eventTime when the state changed (event time), epoch milliseconds
 * @param alertId the alert
 * @param state FIRING or RESOLVED
 * @param alertType kind of alert
 * @param cityId city concerned
 * @param occupationCode CSCO code concerned
 * @param vacancyId the post, for UNFILLED_TECHNICAL_POST
 * @param openedTime when the post opened (or the shortage began), epoch milliseconds
 * @param daysOpen whole days the post had been open, for UNFILLED_TECHNICAL_POST
 * @param ratio vacancy-to-jobseeker ratio, for SHORTAGE
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"eventId", "eventTime", "alertId", "state", "alertType", "cityId", "occupationCode"})
public record AlertChange(
    @JsonSerialize(using = IsoTime.Serializer.class) long eventTime,
    String alertId,
    AlertState state,
    AlertType alertType,
    String cityId,
    String occupationCode,
    String vacancyId,
    @JsonSerialize(using = IsoTime.Serializer.class) long openedTime,
    Integer daysOpen,
    Double ratio) {

  /** The change's id ({@link Ids#alertEventId}), derived rather than kept. */
  @JsonProperty("eventId")
  public String eventId() {
    return Ids.alertEventId(alertId, state, eventTime);
  }

  static AlertChange of(Alert a, String cityId, String occupationCode) {
    return new AlertChange(a.eventTime(), a.alertId(), a.state(), a.alertType(), cityId, occupationCode,
        a.vacancyId(), a.openedTime(), a.daysOpen(), a.ratio());
  }
}
