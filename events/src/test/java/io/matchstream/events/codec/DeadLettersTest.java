package io.matchstream.events.codec;

import static io.matchstream.events.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A dead letter keeps what an operator needs to diagnose and replay, and no field outside the contract. */
class DeadLettersTest {
  private static final String NAME = "张三";
  private static final String PHONE = "13800138000";
  private static final String ID_NUMBER = "330203199001011234";

  private static final EventValidator VALIDATOR = new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(),
      Clock.fixed(Instant.ofEpochMilli(MONDAY_MORNING), ZoneOffset.UTC), Duration.ofDays(1));

  private static DeadLetter deadLetter(String value, String reason) {
    return DeadLetters.of("candidates", 1, 42, value.getBytes(StandardCharsets.UTF_8), CandidateEvent.class, reason,
        "match", MONDAY_MORNING);
  }

  private static String withPersonalData(String json) {
    return json.replaceFirst("\\{",
        "{\"name\":\"" + NAME + "\",\"phone\":\"" + PHONE + "\",\"person\":{\"idNumber\":\"" + ID_NUMBER + "\"},");
  }

  @Test
  void aRejectedRecordKeepsItsContractFieldsAndOnlyTheNamesOfTheOthers() {
    String json = withPersonalData(EventCodec.encodeToString(aWelderCandidate()).replace("\"ningbo\"", "\"atlantis\""));
    String reason = VALIDATOR.parseCandidate(json.getBytes(StandardCharsets.UTF_8)).reason();
    DeadLetter d = deadLetter(json, reason);

    String written = EventCodec.encodeToString(d);
    assertThat(written).doesNotContain(NAME).doesNotContain(PHONE).doesNotContain(ID_NUMBER).doesNotContain("idNumber");
    assertThat(d.droppedFields()).containsExactly("name", "phone", "person");
    assertThat(d.raw()).isNull();
    assertThat(d.rawSize()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    assertThat(written).contains("\"record\":{\"eventId\":\"ev-c-1\"");
  }

  @Test
  void theKeptRecordOnceFixedReplaysAsTheEventTheProducerMeant() throws Exception {
    String json = withPersonalData(EventCodec.encodeToString(aWelderCandidate()).replace("\"ningbo\"", "\"atlantis\""));
    DeadLetter d = deadLetter(json, "unknown city 'atlantis' in 'cityId'");
    DeadLetter read = EventCodec.decodeDeadLetter(EventCodec.encode(d));
    assertThat(read).isEqualTo(d);

    String fixed = read.record().replace("\"atlantis\"", "\"ningbo\"");
    assertThat(VALIDATOR.parseCandidate(fixed.getBytes(StandardCharsets.UTF_8)).value()).isEqualTo(aWelderCandidate());
  }

  @Test
  void aContractFieldHoldingWhatNoContractFieldHoldsKeepsOnlyItsName() {
    String json = EventCodec.encodeToString(aWelderCandidate())
        .replace("\"cityId\":\"ningbo\"", "\"cityId\":{\"name\":\"" + NAME + "\"}")
        .replace("\"eventId\":\"ev-c-1\"", "\"eventId\":\"" + "x".repeat(300) + "\"");
    DeadLetter d = deadLetter(json, "field 'cityId' has the wrong type: expected a string");
    assertThat(EventCodec.encodeToString(d)).doesNotContain(NAME).doesNotContain("xxxx");
    assertThat(d.droppedFields()).containsExactly("eventId", "cityId");
    assertThat(d.record()).contains("\"candidateId\":\"cand-ningbo000001\"");
  }

  @Test
  void aDuplicateKeyTrailingContentOrATruncationStillKeepsWhatWasReadButNoRawBytes() {
    String good = EventCodec.encodeToString(aWelderCandidate());
    DeadLetter twice = deadLetter(good.replaceFirst("\\}$", ",\"cityId\":\"jinan\"}"), "duplicate field 'cityId'");
    assertThat(twice.record()).contains("\"cityId\":\"jinan\"");
    assertThat(twice.raw()).isNull();

    DeadLetter trailing = deadLetter(good + withPersonalData(good), "trailing content after the JSON object");
    assertThat(EventCodec.encodeToString(trailing)).doesNotContain(NAME).doesNotContain(PHONE);
    assertThat(trailing.record()).isEqualTo(EventCodec.mapper().valueToTree(aWelderCandidate()).toString());

    String cut = withPersonalData(good).substring(0, withPersonalData(good).indexOf("\"acceptedCities\""));
    DeadLetter truncated = deadLetter(cut, "not JSON: Unexpected end-of-input");
    assertThat(EventCodec.encodeToString(truncated)).doesNotContain(NAME).doesNotContain(PHONE);
    assertThat(truncated.record()).contains("\"candidateId\":\"cand-ningbo000001\"");
    assertThat(truncated.raw()).isNull();
  }

  @Test
  void aRecordThatIsNotAJsonObjectKeepsOnlyItsFirstBytes() {
    String csv = "cand-ningbo000001," + NAME + "," + PHONE + "," + "x".repeat(1000);
    DeadLetter d = deadLetter(csv, "not JSON: expected an object starting with '{'");
    assertThat(d.raw()).hasSize(DeadLetter.MAX_RAW_BYTES);
    assertThat(d.record()).isNull();
    assertThat(d.rawSize()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aTopicWithoutAContractKeepsNoValues() {
    DeadLetter d = DeadLetters.of("elsewhere", 0, 0, withPersonalData("{\"a\":1}").getBytes(StandardCharsets.UTF_8),
        null, "unexpected topic 'elsewhere'", "city-stats", MONDAY_MORNING);
    assertThat(d.record()).isEqualTo("{}");
    assertThat(d.droppedFields()).containsExactly("name", "phone", "person", "a");
  }
}
