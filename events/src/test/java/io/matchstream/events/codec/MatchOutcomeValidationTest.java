package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.MONDAY_MORNING;
import static io.matchstream.events.Fixtures.anInterview;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Ids;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeActor;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rejection reason of a {@link MatchOutcome}: the reason a user reads in the dead
 * letter or the 4xx answer, and the field it names.
 */
class MatchOutcomeValidationTest {
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC);
  private static final String TIME = "2026-03-02T09:15:00+08:00";
  private static final String VALID = EventCodec.encodeToString(anInterview());
  private static final String OUTCOME_ID = anInterview().outcomeId();
  private static final String MATCH_ID = anInterview().matchId();

  private final EventValidator validator =
      new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW, Duration.ofDays(1));

  private static String with(String from, String to) {
    if (!VALID.contains(from)) throw new IllegalArgumentException(from + " is not in " + VALID);
    return VALID.replace(from, to);
  }

  private static String without(String field) {
    return VALID.replaceFirst(",?\"" + field + "\":(\"[^\"]*\"|\\d+)", "").replace("{,", "{");
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of(without("schemaVersion"), "missing field 'schemaVersion'", "schemaVersion"),
        Arguments.of(with("\"schemaVersion\":1", "\"schemaVersion\":2"),
            "unknown schemaVersion 2 (this reader knows 1)", "schemaVersion"),
        Arguments.of(without("outcomeId"), "missing field 'outcomeId'", "outcomeId"),
        Arguments.of(with(OUTCOME_ID, "o-张三"), "malformed outcomeId 'o-张三'", "outcomeId"),
        Arguments.of(without("eventTime"), "missing field 'eventTime'", "eventTime"),
        Arguments.of(with(TIME, "yesterday"), "unparseable time in 'eventTime': 'yesterday'", "eventTime"),
        Arguments.of(with(TIME, "2026-03-02T09:15:00"), "unparseable time in 'eventTime': '2026-03-02T09:15:00'",
            "eventTime"),
        Arguments.of(with(TIME, "2026-03-04T09:15:00+08:00"),
            "eventTime 2026-03-04T09:15:00+08:00 is too far in the future (more than PT24H ahead of " + TIME + ")",
            "eventTime"),
        Arguments.of(with(TIME, "1999-12-31T23:00:00+08:00"),
            "eventTime 1999-12-31T23:00:00+08:00 is before the earliest accepted time 2000-01-01T00:00:00+08:00",
            "eventTime"),
        Arguments.of(without("matchId"), "missing field 'matchId'", "matchId"),
        Arguments.of(with(MATCH_ID, "m-XYZ"), "malformed matchId 'm-XYZ'", "matchId"),
        Arguments.of(without("cityId"), "missing field 'cityId'", "cityId"),
        Arguments.of(with("\"ningbo\"", "\"atlantis\""), "unknown city 'atlantis' in 'cityId'", "cityId"),
        Arguments.of(without("stage"), "missing field 'stage'", "stage"),
        Arguments.of(with("\"INTERVIEW\"", "\"PROMOTED\""), "unknown value 'PROMOTED' in 'stage'", "stage"),
        Arguments.of(with("\"INTERVIEW\"", "2"), "unknown value '2' in 'stage'",
            "stage"),
        Arguments.of(without("actor"), "missing field 'actor'", "actor"),
        Arguments.of(with("\"EMPLOYER\"", "\"AGENCY\""), "unknown value 'AGENCY' in 'actor'", "actor"),
        Arguments.of(without("reasonCode"), "missing field 'reasonCode'", "reasonCode"),
        Arguments.of(with("\"ADVANCED\"", "\"he seemed rude\""), "unknown value 'he seemed rude' in 'reasonCode'",
            "reasonCode"),
        Arguments.of(with("\"EMPLOYER\"", "\"CANDIDATE\"").replace("\"INTERVIEW\"", "\"HIRED\""),
            "actor CANDIDATE cannot record stage HIRED", "actor"),
        Arguments.of(with("\"ADVANCED\"", "\"PAY\""),
            "reasonCode PAY does not fit stage INTERVIEW (a progress stage takes ADVANCED)", "reasonCode"),
        Arguments.of(with("\"INTERVIEW\"", "\"DECLINED\""),
            "reasonCode ADVANCED does not fit stage DECLINED (an ending needs a reason other than ADVANCED)",
            "reasonCode"),
        Arguments.of(with("{", "{\"cityId\":\"beijing\","), "duplicate field 'cityId'", "cityId"),
        Arguments.of(VALID + "{}", "trailing content after the JSON object", null),
        Arguments.of("[" + VALID + "]", "not JSON: expected an object starting with '{'", null));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("rejections")
  void eachDefectIsRejectedWithItsReasonNamingTheField(String json, String reason, String field) {
    ParseResult<MatchOutcome> r = validator.parseOutcome(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isValid()).as("expected a rejection of %s", json).isFalse();
    assertThat(r.reason()).startsWith(reason);
    assertThat(r.field()).isEqualTo(field);
  }

  @Test
  void acceptsEveryStageWithAFittingReasonAndActor() {
    assertThat(validator.parseOutcome(VALID.getBytes(StandardCharsets.UTF_8)).value()).isEqualTo(anInterview());
    for (OutcomeStage stage : OutcomeStage.values()) {
      OutcomeReason reason = stage.isProgress() ? OutcomeReason.ADVANCED : OutcomeReason.PAY;
      MatchOutcome o = new MatchOutcome(Ids.outcomeId(MATCH_ID, stage), MATCH_ID, MONDAY_MORNING, 1, "ningbo",
          stage, OutcomeActor.PARK_OPERATOR, reason);
      assertThat(validator.check(o)).as(stage.name()).isNull();
    }
  }

  @Test
  void aCandidateMayContactDeclineAndNoShowButNeitherOfferNorHire() {
    for (OutcomeStage stage : OutcomeStage.values()) {
      assertThat(OutcomeActor.CANDIDATE.mayRecord(stage)).as(stage.name())
          .isEqualTo(stage != OutcomeStage.OFFER && stage != OutcomeStage.HIRED);
      assertThat(OutcomeActor.EMPLOYER.mayRecord(stage)).isTrue();
    }
  }

  @Test
  void freeTextInAFieldOutsideTheContractIsDroppedNotCarried() throws Exception {
    String withNote = with("{", "{\"note\":\"张三 13800000000\",\"candidateName\":\"张三\",");
    MatchOutcome read = validator.parseOutcome(withNote.getBytes(StandardCharsets.UTF_8)).value();
    assertThat(read).isEqualTo(anInterview());
    assertThat(EventCodec.encodeToString(read)).doesNotContain("张三").doesNotContain("138");
  }

  @Test
  void outcomeIdsAreDerivedPerMatchAndStage() {
    assertThat(Ids.outcomeId(MATCH_ID, OutcomeStage.HIRED)).matches(Ids.OUTCOME_ID.pattern())
        .isEqualTo(Ids.outcomeId(MATCH_ID, OutcomeStage.HIRED))
        .isNotEqualTo(Ids.outcomeId(MATCH_ID, OutcomeStage.OFFER));
    assertThat(Ids.isOutcomeId("o-" + java.util.UUID.randomUUID())).isTrue();
    assertThat(Ids.isMatchId(MATCH_ID)).isTrue();
  }
}
