package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.MONDAY_MORNING;
import static io.matchstream.events.Fixtures.someScoreSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.ScoreSettings;
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
 * One case per rejection reason of a {@link ScoreSettings} record on {@code match-settings}: the
 * reason the dead letter carries, and the field it names.
 */
class ScoreSettingsValidationTest {
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC);
  private static final String VALID = EventCodec.encodeToString(someScoreSettings());
  private static final String FROM = "2026-03-02T12:00:00+08:00";

  private final EventValidator validator =
      new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW, Duration.ofDays(1));

  private static String with(String from, String to) {
    if (!VALID.contains(from)) throw new IllegalArgumentException(from + " is not in " + VALID);
    return VALID.replace(from, to);
  }

  private static String without(String field) {
    return VALID.replaceFirst(",?\"" + field + "\":(\"[^\"]*\"|[-0-9.E]+)", "").replace("{,", "{");
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of(without("schemaVersion"), "missing field 'schemaVersion'", "schemaVersion"),
        Arguments.of(with("\"schemaVersion\":1", "\"schemaVersion\":2"),
            "unknown schemaVersion 2 (this reader knows 1)", "schemaVersion"),
        Arguments.of(without("version"), "missing field 'version'", "version"),
        Arguments.of(with("\"version\":3", "\"version\":0"), "version 0 is below 1 (0 is the job's options)", "version"),
        Arguments.of(with("\"version\":3", "\"version\":\"3\""), "field 'version' has the wrong type", "version"),
        Arguments.of(with(FROM, "noon"), "unparseable time in 'effectiveFrom': 'noon'", "effectiveFrom"),
        Arguments.of(with(FROM, "1999-12-31T23:00:00+08:00"),
            "effectiveFrom 1999-12-31T23:00:00+08:00 is before the earliest accepted time", "effectiveFrom"),
        Arguments.of(with(FROM, "2028-03-02T12:00:00+08:00"),
            "effectiveFrom 2028-03-02T12:00:00+08:00 is more than 366 days ahead", "effectiveFrom"),
        Arguments.of(without("threshold"), "missing field 'threshold'", "threshold"),
        Arguments.of(with("\"threshold\":0.95", "\"threshold\":1.5"), "threshold 1.5 is outside 0..1", "threshold"),
        Arguments.of(without("topK"), "missing field 'topK'", "topK"),
        Arguments.of(with("\"topK\":3", "\"topK\":0"), "topK 0 is outside 1..50", "topK"),
        Arguments.of(with("\"topK\":3", "\"topK\":5000"), "topK 5000 is outside 1..50", "topK"),
        Arguments.of(with("\"topK\":3", "\"topK\":3.5"), "field 'topK' has the wrong type", "topK"),
        Arguments.of(without("weightSkills"), "missing field 'weightSkills'", "weightSkills"),
        Arguments.of(without("weightLocation"), "missing field 'weightLocation'", "weightLocation"),
        Arguments.of(with("\"weightLevel\":0.15", "\"weightLevel\":-0.1"), "weightLevel -0.1 is outside 0..1000",
            "weightLevel"),
        Arguments.of(with("\"weightSalary\":0.15", "\"weightSalary\":1e999"), "weightSalary Infinity is outside 0..1000",
            "weightSalary"),
        Arguments.of(with("\"weightSkills\":0.5", "\"weightSkills\":0").replace("\"weightLevel\":0.15", "\"weightLevel\":0")
                .replace("\"weightSalary\":0.15", "\"weightSalary\":0").replace("\"weightEmployment\":0.1", "\"weightEmployment\":0")
                .replace("\"weightLocation\":0.1", "\"weightLocation\":0"),
            "the weights are all 0: at least one must be above 0", "weightSkills"),
        Arguments.of(without("acceptedCityScore"), "missing field 'acceptedCityScore'", "acceptedCityScore"),
        Arguments.of(with("\"acceptedCityScore\":0.6", "\"acceptedCityScore\":2"), "acceptedCityScore 2.0 is outside 0..1",
            "acceptedCityScore"),
        Arguments.of(without("salaryTolerance"), "missing field 'salaryTolerance'", "salaryTolerance"),
        Arguments.of(with("\"salaryTolerance\":0.15", "\"salaryTolerance\":0"), "salaryTolerance 0.0 is outside (0, 1]",
            "salaryTolerance"),
        Arguments.of(with("{", "{\"topK\":4,"), "duplicate field 'topK'", "topK"),
        Arguments.of(VALID + "{}", "trailing content after the JSON object", null),
        Arguments.of("weights please", "not JSON: expected an object starting with '{'", null));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("rejections")
  void eachDefectIsRejectedWithItsReasonNamingTheField(String json, String reason, String field) {
    ParseResult<ScoreSettings> r = validator.parseSettings(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isValid()).as("expected a rejection of %s", json).isFalse();
    assertThat(r.reason()).startsWith(reason);
    assertThat(r.field()).isEqualTo(field);
  }

  @Test
  void aWholeVersionIsAcceptedAndTheEffectiveTimeIsOptional() {
    assertThat(validator.parseSettings(VALID.getBytes(StandardCharsets.UTF_8)).value()).isEqualTo(someScoreSettings());
    ParseResult<ScoreSettings> now = validator.parseSettings(without("effectiveFrom").getBytes(StandardCharsets.UTF_8));
    assertThat(now.isValid()).as(now.reason()).isTrue();
    assertThat(now.value().hasEffectiveFrom()).isFalse();
    // A weight may be 0 as long as one is not.
    String noLocation = with("\"weightLocation\":0.1", "\"weightLocation\":0");
    assertThat(validator.parseSettings(noLocation.getBytes(StandardCharsets.UTF_8)).isValid()).isTrue();
  }
}
