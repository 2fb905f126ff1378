package io.matchstream.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.codec.EventCodec;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.stats.CityStatsJob;
import java.nio.charset.StandardCharsets;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Both jobs read through the one boundary: the same record is the same event or the same dead
 * letter; only city-stats keeps a valid record's bytes, for its late check.
 */
class BoundaryTest {
  private static final String MATCH =
      "{\"matchId\":\"m-7\",\"eventId\":\"m-7\",\"eventTime\":\"2026-03-02T09:15:00+08:00\",\"schemaVersion\":1,"
          + "\"cityId\":\"%s\",\"score\":0.95,\"skillScore\":1,\"levelScore\":1,\"salaryScore\":1,"
          + "\"employmentScore\":1,\"locationScore\":1}";

  private static byte[] aMatchIn(String city) {
    return String.format(MATCH, city).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordOfATopicTheSourceWasNotGivenIsADeadLetterNamingTheTopic() {
    Inbound in = CityStatsJob.boundary(new Configuration()).parse(aMatchIn("ningbo"), "elsewhere", 0, 3);
    assertThat(in.isRejected()).isTrue();
    assertThat(in.deadLetter().reason()).isEqualTo("unexpected topic 'elsewhere'");
    assertThat(in.deadLetter().eventId()).isEqualTo("elsewhere/0/3");
    assertThat(in.deadLetter().job()).isEqualTo(CityStatsJob.NAME);
  }

  @Test
  void aMatchOfAnUnknownCityIsRejectedWithTheContractsReason() {
    Inbound in = CityStatsJob.boundary(new Configuration()).parse(aMatchIn("atlantis"), "matches", 1, 7);
    assertThat(in.deadLetter().reason()).isEqualTo("unknown city 'atlantis' in 'cityId'");
    assertThat(in.deadLetter().eventId()).isEqualTo("matches/1/7");
  }

  @Test
  void onlyASourceThatMayRefuseLaterKeepsAValidRecordsBytes() throws Exception {
    byte[] value = aMatchIn("ningbo");
    Inbound stats = CityStatsJob.boundary(new Configuration()).parse(value, "matches", 1, 7);
    assertThat(stats.match().matchId()).isEqualTo("m-7");
    assertThat(stats.raw()).isEqualTo(value);
    assertThat(stats.refused("late", CityStatsJob.NAME).eventId()).isEqualTo("matches/1/7");

    Inbound match = new ValidatingDeserializationSchema(Kind.MATCH, "match").parse(value, "matches", 1, 7);
    assertThat(match.match()).isEqualTo(stats.match());
    assertThat(match.raw()).isNull();
    assertThat(match.eventTime()).isEqualTo(stats.eventTime()).isEqualTo(EventCodec.decodeMatch(value).eventTime());
  }
}
