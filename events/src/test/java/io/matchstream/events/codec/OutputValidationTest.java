package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The jobs' outputs that other parts read (matches by city-stats and the gateway, figures and
 * alerts by the gateway) are checked by the one validator, with the same time rule as the inputs.
 */
class OutputValidationTest {
  private static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC);
  private final EventValidator validator =
      new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), NOW, Duration.ofDays(1));

  private String rejectMatch(String json) {
    ParseResult<Match> r = validator.parseMatch(json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.isValid()).as("expected a rejection of %s", json).isFalse();
    return r.reason();
  }

  private static String matchJson() {
    return EventCodec.encodeToString(aMatch());
  }

  @Test
  void acceptsAMatchAsTheMatchJobWritesIt() {
    assertThat(validator.parseMatch(EventCodec.encode(aMatch())).value()).isEqualTo(aMatch());
  }

  @Test
  void rejectsAMatchOfASchemaVersionThisReaderDoesNotKnowAsTheInputsAre() {
    assertThat(rejectMatch(matchJson().replace("\"schemaVersion\":1", "\"schemaVersion\":7")))
        .isEqualTo("unknown schemaVersion 7 (this reader knows 1)");
  }

  @Test
  void rejectsAMatchOfAnUnknownCityNamingTheCityAndTheField() {
    assertThat(rejectMatch(matchJson().replace("\"cityId\":\"ningbo\"", "\"cityId\":\"atlantis\"")))
        .isEqualTo("unknown city 'atlantis' in 'cityId'");
  }

  @Test
  void rejectsAMatchWithoutIdOrFromTheFutureOrWithANegativeSettingsVersion() {
    String id = aMatch().matchId();
    assertThat(rejectMatch(matchJson().replace("\"matchId\":\"" + id + "\",", ""))).isEqualTo("missing field 'matchId'");
    String later = IsoTime.format(MONDAY_MORNING + Duration.ofDays(2).toMillis());
    assertThat(rejectMatch(matchJson().replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"" + later + "\"")))
        .startsWith("eventTime " + later + " is too far in the future");
    assertThat(rejectMatch(matchJson().replace("\"settingsVersion\":3", "\"settingsVersion\":-1")))
        .isEqualTo("settingsVersion -1 is below 0");
  }

  @Test
  void cityFiguresNeedADayAndAKnownCityOrTheNation() {
    CityStats ningbo = someCityStats();
    assertThat(validator.check(ningbo)).isNull();
    String json = EventCodec.encodeToString(ningbo);
    assertThat(validator.parseCityStats(json.replace("\"cityId\":\"" + ningbo.cityId() + "\"",
        "\"cityId\":\"" + CityStats.NATIONAL + "\"").getBytes(StandardCharsets.UTF_8)).isValid()).isTrue();
    assertThat(validator.parseCityStats(json.replace("\"cityId\":\"" + ningbo.cityId() + "\"", "\"cityId\":\"atlantis\"")
        .getBytes(StandardCharsets.UTF_8)).reason()).isEqualTo("unknown city 'atlantis' in 'cityId'");
  }

  @Test
  void anAlertNeedsItsIdsStateAndAKnownCity() {
    String json = "{\"alertId\":\"a-1\",\"eventId\":\"e-1\",\"eventTime\":\"2026-03-02T09:15:00+08:00\","
        + "\"schemaVersion\":1,\"cityId\":\"%s\",\"state\":%s}";
    ParseResult<Alert> ok = validator.parseAlert(String.format(json, "ningbo", "\"FIRING\"").getBytes(StandardCharsets.UTF_8));
    assertThat(ok.reason()).isNull();
    assertThat(validator.parseAlert(String.format(json, "ningbo", "null").getBytes(StandardCharsets.UTF_8)).reason())
        .isEqualTo("missing field 'state'");
    assertThat(validator.parseAlert(String.format(json, "atlantis", "\"FIRING\"").getBytes(StandardCharsets.UTF_8))
        .reason()).isEqualTo("unknown city 'atlantis' in 'cityId'");
  }
}
