package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One test per rejection reason, each asserting the reason a user will read in the dead letter. */
class EventValidatorTest {
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC);
  private final EventValidator validator =
      new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW, Duration.ofDays(1));

  private String vacancyJson() {
    return EventCodec.encodeToString(aWelderVacancy());
  }

  private String rejectVacancy(String json) {
    ParseResult<VacancyEvent> r = validator.parseVacancy(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isValid()).as("expected a rejection of %s", json).isFalse();
    return r.reason();
  }

  @Test
  void acceptsValidVacancyAndCandidate() {
    assertThat(validator.parseVacancy(vacancyJson().getBytes()).value()).isEqualTo(aWelderVacancy());
    byte[] candidate = EventCodec.encode(aWelderCandidate());
    assertThat(validator.parseCandidate(candidate).value()).isEqualTo(aWelderCandidate());
  }

  @Test
  void acceptsLifecycleEventsWithoutThePostsDetails() {
    VacancyEvent filled =
        new VacancyEvent("ev-v-2", MONDAY_MORNING, 1, VacancyEventType.FILLED, "vac-ningbo000001",
            "ningbo", WELDER, "emp-geely01", POSTED, null, null, null, null, null, null, null, null,
            null, null, "cand-ningbo000001");
    assertThat(validator.check(filled)).isNull();
    CandidateEvent withdrawn =
        new CandidateEvent("ev-c-2", MONDAY_MORNING, 1, CandidateEventType.WITHDRAWN,
            "cand-ningbo000001", "ningbo", java.util.List.of(), java.util.List.of(WELDER), null, null,
            null, null, null, 0, 0, null);
    assertThat(validator.check(withdrawn)).isNull();
  }

  @Test
  void rejectsWhatIsNotJson() {
    assertThat(rejectVacancy("this is not json")).isEqualTo("not JSON: expected an object starting with '{'");
    assertThat(rejectVacancy("{\"eventId\": \"x\",")).startsWith("not JSON: ");
  }

  @Test
  void rejectsAMissingField() {
    assertThat(rejectVacancy(vacancyJson().replace("\"cityId\":\"ningbo\",", "")))
        .isEqualTo("missing field 'cityId'");
  }

  @Test
  void rejectsAnUnknownSchemaVersion() {
    assertThat(rejectVacancy(vacancyJson().replace("\"schemaVersion\":1", "\"schemaVersion\":7")))
        .isEqualTo("unknown schemaVersion 7 (this reader knows 1)");
  }

  @Test
  void rejectsAnUnknownCity() {
    assertThat(rejectVacancy(vacancyJson().replace("\"ningbo\"", "\"atlantis\"")))
        .isEqualTo("unknown city 'atlantis' in 'cityId'");
  }

  @Test
  void rejectsAnUnknownOccupationCode() {
    assertThat(rejectVacancy(vacancyJson().replace(WELDER, "9-99-99-99")))
        .isEqualTo("unknown occupation code '9-99-99-99' in 'occupationCode'");
  }

  @Test
  void rejectsSalaryMinAboveMax() {
    assertThat(rejectVacancy(vacancyJson().replace("\"salaryMin\":7000", "\"salaryMin\":12000")))
        .isEqualTo("salaryMin 12000 is above salaryMax 9500");
  }

  @Test
  void rejectsHeadcountBelowOne() {
    assertThat(rejectVacancy(vacancyJson().replace("\"headcount\":3", "\"headcount\":0")))
        .isEqualTo("headcount 0 is below 1");
  }

  @Test
  void rejectsAnUnparseableTime() {
    assertThat(rejectVacancy(vacancyJson().replace("2026-03-02T09:15:00+08:00", "yesterday")))
        .isEqualTo("unparseable time in 'eventTime': 'yesterday'");
  }

  @Test
  void rejectsAFarFutureTime() {
    assertThat(rejectVacancy(vacancyJson().replace("2026-03-02T09:15:00+08:00", "2027-03-02T09:15:00+08:00")))
        .isEqualTo("eventTime 2027-03-02T09:15:00+08:00 is too far in the future (more than PT24H ahead of 2026-03-02T09:15:00+08:00)");
  }

  @Test
  void rejectsATimeBeforeTheEarliestWithOneReasonTheEpochIncluded() {
    String earliest = "2000-01-01T00:00:00+08:00";
    assertThat(rejectVacancy(vacancyJson().replace("2026-03-02T09:15:00+08:00", "1970-01-02T00:00:00Z")))
        .isEqualTo("eventTime 1970-01-02T08:00:00+08:00 is before the earliest accepted time " + earliest);
    // The epoch itself is a time that is there, not a missing one.
    assertThat(rejectVacancy(vacancyJson().replace("2026-03-02T09:15:00+08:00", "1970-01-01T00:00:00Z")))
        .isEqualTo("eventTime 1970-01-01T08:00:00+08:00 is before the earliest accepted time " + earliest);
    assertThat(rejectVacancy(vacancyJson().replace("2026-02-27T14:00:00+08:00", "1999-12-31T23:59:59.999+08:00")))
        .isEqualTo("postedTime 1999-12-31T23:59:59.999+08:00 is before the earliest accepted time " + earliest);
    assertThat(rejectVacancy(vacancyJson().replace("\"eventTime\":\"2026-03-02T09:15:00+08:00\",", "")))
        .isEqualTo("missing field 'eventTime'");
    assertThat(rejectVacancy(vacancyJson().replace("\"2026-03-02T09:15:00+08:00\"", "null")))
        .isEqualTo("missing field 'eventTime'");
  }

  @Test
  void theEarliestIsAnOptionAndTheSameRuleHoldsForEventsBuiltInCode() {
    EventValidator since2026 = new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW,
        Duration.ofDays(1), Instant.parse("2026-03-01T00:00:00Z"));
    String reason = "postedTime 2026-02-27T14:00:00+08:00 is before the earliest accepted time 2026-03-01T08:00:00+08:00";
    assertThat(since2026.parseVacancy(vacancyJson().getBytes()).reason()).isEqualTo(reason);
    assertThat(since2026.check(aWelderVacancy())).isEqualTo(reason);
    assertThat(since2026.checkEventTime(MONDAY_MORNING)).isNull();
    assertThat(since2026.checkEventTime(POSTED)).startsWith("eventTime 2026-02-27T14:00:00+08:00 is before");
  }

  @Test
  void anAbsentTimeOfALifecycleEventIsLeftOutWhenWrittenAndReadsBackAbsent() {
    CandidateEvent withdrawn =
        new CandidateEvent("ev-c-2", MONDAY_MORNING, 1, CandidateEventType.WITHDRAWN,
            "cand-ningbo000001", "ningbo", java.util.List.of(), java.util.List.of(WELDER), null, null,
            null, null, null, 0, 0, null);
    String json = EventCodec.encodeToString(withdrawn);
    assertThat(json).doesNotContain("availableFrom").doesNotContain("registeredTime").doesNotContain("1970");
    assertThat(validator.parseCandidate(json.getBytes()).value()).isEqualTo(withdrawn);
  }

  @Test
  void acceptsACandidateAvailableNextMonthButNotInTwoYears() {
    long nextMonth = MONDAY_MORNING + Duration.ofDays(30).toMillis();
    CandidateEvent c = aWelderCandidate();
    CandidateEvent later =
        new CandidateEvent(c.eventId(), c.eventTime(), 1, c.type(), c.candidateId(), c.cityId(),
            c.acceptedCities(), c.occupationCodes(), c.skills(), c.certificateLevel(), c.education(),
            c.expectedSalary(), c.employmentTypes(), nextMonth, c.registeredTime(), null);
    assertThat(validator.check(later)).isNull();
    CandidateEvent typo =
        new CandidateEvent(c.eventId(), c.eventTime(), 1, c.type(), c.candidateId(), c.cityId(),
            c.acceptedCities(), c.occupationCodes(), c.skills(), c.certificateLevel(), c.education(),
            c.expectedSalary(), c.employmentTypes(), MONDAY_MORNING + Duration.ofDays(730).toMillis(),
            c.registeredTime(), null);
    assertThat(validator.check(typo)).isEqualTo("availableFrom 2028-03-01T09:15:00+08:00 is more than a year ahead");
  }

  @Test
  void rejectsAnOversizedRecord() {
    String padded = vacancyJson().replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(70_000) + "\",");
    assertThat(rejectVacancy(padded)).isEqualTo("oversized record: " + padded.length() + " bytes, limit 65536");
  }

  @Test
  void rejectsALifecycleEventForAMalformedId() {
    assertThat(rejectVacancy(vacancyJson().replace("vac-ningbo000001", "VAC 1; DROP TABLE")))
        .isEqualTo("malformed vacancyId 'VAC 1; DROP TABLE'");
    String placed =
        EventCodec.encodeToString(aWelderCandidate())
            .replace("\"REGISTERED\"", "\"PLACED\"")
            .replaceFirst("\\}$", ",\"vacancyId\":\"job#42\"}");
    ParseResult<CandidateEvent> r = validator.parseCandidate(placed.getBytes());
    assertThat(r.reason()).isEqualTo("malformed vacancyId 'job#42'");
  }

  @Test
  void rejectsAnUnknownLifecycleType() {
    assertThat(rejectVacancy(vacancyJson().replace("\"OPENED\"", "\"CLOSED\"")))
        .isEqualTo("unknown value 'CLOSED' in 'type'");
  }

  @Test
  void rejectsAFieldOfTheWrongType() {
    assertThat(rejectVacancy(vacancyJson().replace("\"headcount\":3", "\"headcount\":\"three\"")))
        .isEqualTo("field 'headcount' has the wrong type: expected an integer");
  }

  @Test
  void rejectsAnUnknownSkill() {
    assertThat(rejectVacancy(vacancyJson().replace(CUTTING_TECHNOLOGIES, "sk-0000000000")))
        .isEqualTo("unknown skill id 'sk-0000000000' in 'essentialSkills'");
  }

  @Test
  void rejectsAFilledVacancyWithoutItsCandidate() {
    String filled = vacancyJson().replace("\"OPENED\"", "\"FILLED\"");
    assertThat(rejectVacancy(filled)).isEqualTo("missing field 'candidateId'");
  }

  @Test
  void clipsAndSanitisesQuotedInputInReasons() {
    String longCity = "a".repeat(200) + "\\u0007";
    String reason = rejectVacancy(vacancyJson().replace("\"ningbo\"", "\"" + longCity + "\""));
    assertThat(reason).hasSizeLessThan(120).doesNotContain("\u0007");
  }
}
