package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;

/**
 * What happened to a smart match, one step at a time, on topic {@code match-outcomes}, keyed by
 * {@link #matchId} so that a match's outcomes stay in order on one partition. Recorded by a city's
 * HR park (through the gateway) or a simulator playing both sides.
 *
 * <p>Nothing but codes and ids: no free text and no personal data. {@link #outcomeId} is the event's
 * id (the contract's {@code eventId}): a consumer drops a repeated outcomeId, so a record written
 * twice (a retry through another gateway instance, a replay) counts once. Which stage may follow
 * which is {@link OutcomeTransitions}; that the match exists and is of this city is for a reader
 * that knows the matches to check.
 *
 * @param outcomeId unique id of this outcome, {@code o-} and 6–40 of [0-9a-z-]; {@link
 *     Ids#outcomeId}(matchId, stage) where the writer has no id of its own
 * @param matchId the match, {@code m-} and 20 hex digits ({@link Ids#matchId})
 * @param eventTime when it happened, epoch milliseconds (ISO-8601 with offset on the wire)
 * @param schemaVersion version of this contract, {@link SchemaVersion#CURRENT}
 * @param cityId the match's city (the vacancy's), e.g. {@code ningbo}
 * @param stage what happened
 * @param actor which side acted
 * @param reasonCode why, from a closed list; {@link OutcomeReason#ADVANCED} for a progress stage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"outcomeId", "matchId", "eventTime", "schemaVersion", "cityId", "stage", "actor", "reasonCode"})
public record MatchOutcome(
    String outcomeId,
    String matchId,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long eventTime,
    int schemaVersion,
    String cityId,
    OutcomeStage stage,
    OutcomeActor actor,
    OutcomeReason reasonCode) {}
