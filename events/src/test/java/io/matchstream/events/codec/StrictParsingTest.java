package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.VacancyEvent;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a lenient reader would have guessed at is refused, each with a reason that names it: the
 * city counted must be the one the producer meant, a number must have been a number.
 */
class StrictParsingTest {
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC);
  private final EventValidator validator =
      new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW, Duration.ofDays(1));

  private static String vacancyJson() {
    return EventCodec.encodeToString(aWelderVacancy());
  }

  private String reject(String json) {
    ParseResult<VacancyEvent> r = validator.parseVacancy(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isValid()).as("expected a rejection of %s", json).isFalse();
    return r.reason();
  }

  @Test
  void aFieldNamedTwiceIsRefusedRatherThanCountedInTheLastCity() {
    String twice = vacancyJson().replaceFirst("\\}$", ",\"cityId\":\"jinan\"}");
    assertThat(reject(twice)).isEqualTo("duplicate field 'cityId'");
  }

  @Test
  void numbersAndBooleansGivenAsStringsAreRefusedNotCoerced() {
    assertThat(reject(vacancyJson().replace("\"salaryMax\":9500", "\"salaryMax\":\"9500\"")))
        .isEqualTo("field 'salaryMax' has the wrong type: expected an integer");
    assertThat(reject(vacancyJson().replace("\"technical\":true", "\"technical\":\"false\"")))
        .isEqualTo("field 'technical' has the wrong type: expected true or false");
    assertThat(reject(vacancyJson().replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\"")))
        .isEqualTo("field 'schemaVersion' has the wrong type: expected an integer");
    assertThat(reject(vacancyJson().replace("\"salaryMax\":9500", "\"salaryMax\":\"\"")))
        .isEqualTo("field 'salaryMax' has the wrong type: expected an integer");
  }

  @Test
  void fractionalIntegersAndNumericBooleansAreRefused() {
    assertThat(reject(vacancyJson().replace("\"salaryMax\":9500", "\"salaryMax\":9500.9")))
        .isEqualTo("field 'salaryMax' has the wrong type: expected an integer");
    assertThat(reject(vacancyJson().replace("\"headcount\":3", "\"headcount\":3.0")))
        .isEqualTo("field 'headcount' has the wrong type: expected an integer");
    assertThat(reject(vacancyJson().replace("\"technical\":true", "\"technical\":1")))
        .isEqualTo("field 'technical' has the wrong type: expected true or false");
  }

  @Test
  void stringsGivenAsNumbersOrBooleansAreRefused() {
    assertThat(reject(vacancyJson().replace("\"cityId\":\"ningbo\"", "\"cityId\":5")))
        .isEqualTo("field 'cityId' has the wrong type: expected a string");
    assertThat(reject(vacancyJson().replace("\"essentialSkills\":[\"" + CUTTING_TECHNOLOGIES + "\"]",
        "\"essentialSkills\":[true]")))
        .isEqualTo("field 'essentialSkills.[0]' has the wrong type: expected a string");
  }

  @Test
  void aNumberBeyondItsTypeIsOutOfRangeNotNotJson() {
    assertThat(reject(vacancyJson().replace("\"salaryMax\":9500", "\"salaryMax\":99999999999")))
        .isEqualTo("field 'salaryMax' is out of range for an integer");
  }

  @Test
  void offsetsBeyondEighteenHoursAreRefusedAndEighteenIsNot() {
    String at = "2026-03-02T09:15:00+08:00";
    assertThat(reject(vacancyJson().replace(at, "2026-03-02T09:15:00+18:59")))
        .isEqualTo("unparseable time in 'eventTime': '2026-03-02T09:15:00+18:59'");
    assertThat(reject(vacancyJson().replace(at, "2026-03-02T09:15:00-18:01")))
        .isEqualTo("unparseable time in 'eventTime': '2026-03-02T09:15:00-18:01'");
    String eighteen = vacancyJson().replace(at, "2026-03-02T19:15:00+18:00");
    assertThat(validator.parseVacancy(eighteen.getBytes()).value().eventTime()).isEqualTo(MONDAY_MORNING);
  }

  @Test
  void twoObjectsBackToBackAreTrailingContent() {
    assertThat(reject(vacancyJson() + vacancyJson())).isEqualTo("trailing content after the JSON object");
    assertThat(reject(vacancyJson() + "\n" + vacancyJson())).isEqualTo("trailing content after the JSON object");
    assertThat(reject(vacancyJson() + " xyz")).startsWith("trailing content after the JSON object: ");
    assertThat(validator.parseVacancy((vacancyJson() + " \n").getBytes()).isValid()).isTrue();
  }

  @Test
  void bidiFormatAndSeparatorCharactersAreStrippedFromReasonsLikeControlCharacters() {
    for (String hidden : new String[] {"\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u2028", "\u0085"}) {
      String city = "gnin" + hidden + "bo";
      String reason = reject(vacancyJson().replace("\"ningbo\"", "\"" + city + "\""));
      assertThat(reason).as("reason for %s", Integer.toHexString(hidden.charAt(0)))
          .isEqualTo("unknown city 'gnin?bo' in 'cityId'");
    }
    String field = "na\u202Eme";
    String twice = vacancyJson().replaceFirst("\\}$", ",\"" + field + "\":1,\"" + field + "\":2}");
    assertThat(reject(twice)).isEqualTo("duplicate field 'na?me'");
  }
}
