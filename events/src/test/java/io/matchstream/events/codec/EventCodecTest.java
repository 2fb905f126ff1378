package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.Alert;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CityStats;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.VacancyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  static Stream<Arguments> everyType() {
    return Stream.of(
        Arguments.of(aWelderVacancy(), VacancyEvent.class, "vacancy-opened.json"),
        Arguments.of(aWelderCandidate(), CandidateEvent.class, "candidate-registered.json"),
        Arguments.of(aMatch(), Match.class, "match.json"),
        Arguments.of(someCityStats(), CityStats.class, "city-stats.json"),
        Arguments.of(someCityStatsWithFunnel(), CityStats.class, "city-stats-funnel.json"),
        Arguments.of(aFiringAlert(), Alert.class, "alert-firing.json"),
        Arguments.of(aNingboRanking(), ShortageRanking.class, "shortage-ranking.json"),
        Arguments.of(anInterview(), MatchOutcome.class, "match-outcome.json"),
        Arguments.of(someScoreSettings(), ScoreSettings.class, "score-settings.json"),
        Arguments.of(aDeadLetter(), DeadLetter.class, "dead-letter.json"));
  }

  @ParameterizedTest(name = "{1} round-trips exactly")
  @MethodSource("everyType")
  void everyTypeRoundTripsExactly(Object event, Class<?> type, String golden) throws Exception {
    byte[] json = EventCodec.encode(event);
    assertThat(EventCodec.decode(json, type)).isEqualTo(event);
  }

  @ParameterizedTest(name = "golden {2} parses to the fixture and is written back the same")
  @MethodSource("everyType")
  void goldenExamplesParseAndAreWrittenBackUnchanged(Object event, Class<?> type, String golden)
      throws Exception {
    byte[] bytes = golden(golden);
    Object parsed = EventCodec.decode(bytes, type);
    assertThat(parsed).isEqualTo(event);
    JsonNode expected = EventCodec.mapper().readTree(bytes);
    JsonNode written = EventCodec.mapper().readTree(EventCodec.encode(parsed));
    assertThat(written).isEqualTo(expected);
  }

  @Test
  void theDeadLetterOfAnOversizedRecordStillFitsTheCodec() throws Exception {
    byte[] notJson = new byte[200_000];
    java.util.Arrays.fill(notJson, (byte) 'x');
    String bigObject = "{\"cityId\":\"ningbo\",\"essentialSkills\":[" + "\"sk-0000000000\",".repeat(150)
        + "\"sk-0000000000\"],\"notes\":\"" + "y".repeat(60_000) + "\"}";
    for (byte[] value : java.util.List.of(notJson, bigObject.getBytes())) {
      DeadLetter d = DeadLetters.of("vacancies", 0, 1, value, VacancyEvent.class,
          "oversized record: " + value.length + " bytes, limit 65536", "match", MONDAY_MORNING);
      byte[] json = EventCodec.encode(d);
      assertThat(json.length).isLessThan(EventCodec.MAX_RECORD_BYTES);
      assertThat(EventCodec.decodeDeadLetter(json)).isEqualTo(d);
      assertThat(d.rawSize()).isEqualTo(value.length);
    }
  }

  @Test
  void timesAreWrittenInChinaStandardTimeAndReadWithAnyOffset() throws Exception {
    String json = EventCodec.encodeToString(aWelderVacancy());
    assertThat(json).contains("\"eventTime\":\"2026-03-02T09:15:00+08:00\"");

    String utc = json.replace("2026-03-02T09:15:00+08:00", "2026-03-02T01:15:00Z");
    assertThat(EventCodec.decodeVacancy(utc.getBytes()).eventTime()).isEqualTo(MONDAY_MORNING);
  }

  @Test
  void unknownFieldsAreIgnoredAndNeverCarriedOn() throws Exception {
    String json = EventCodec.encodeToString(aWelderCandidate());
    String withName = json.replaceFirst("\\{", "{\"name\":\"张三\",\"phone\":\"13800000000\",");
    CandidateEvent parsed = EventCodec.decodeCandidate(withName.getBytes());
    assertThat(parsed).isEqualTo(aWelderCandidate());
    assertThat(EventCodec.encodeToString(parsed)).doesNotContain("张三").doesNotContain("1380000");
  }

  @Test
  void aTimeWithoutOffsetIsRejectedWithTheFieldNamed() {
    String json = EventCodec.encodeToString(aWelderVacancy()).replace("2026-03-02T09:15:00+08:00", "2026-03-02T09:15:00");
    assertThatThrownBy(() -> EventCodec.decodeVacancy(json.getBytes()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("unparseable time in 'eventTime': '2026-03-02T09:15:00'");
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = EventCodecTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
