package io.matchstream.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import java.nio.charset.StandardCharsets;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Both jobs reject an event older than {@code source.earliest-event-time} with the same reason,
 * instead of one matching it and the other calling it late; the epoch itself is such a time, not a
 * missing one.
 */
class EarliestEventTimeTest {
  private static final String VACANCY =
      "{\"eventId\":\"ev-1\",\"eventTime\":\"%1$s\",\"schemaVersion\":1,\"type\":\"WITHDRAWN\","
          + "\"vacancyId\":\"vac-ningbo000001\",\"cityId\":\"ningbo\",\"occupationCode\":\"6-18-02-04\","
          + "\"employerId\":\"emp-geely01\",\"postedTime\":\"%1$s\"}";
  private static final String MATCH =
      "{\"matchId\":\"m-1\",\"eventId\":\"m-1\",\"eventTime\":\"%s\",\"schemaVersion\":1,\"cityId\":\"ningbo\","
          + "\"score\":0.95,\"skillScore\":1,\"levelScore\":1,\"salaryScore\":1,\"employmentScore\":1,\"locationScore\":1}";

  private static byte[] at(String template, String time) {
    return String.format(template, time).getBytes(StandardCharsets.UTF_8);
  }

  private static String matchJobReason(InputLimits limits, byte[] value) {
    Inbound in = new ValidatingDeserializationSchema(Kind.VACANCY, "match", limits).parse(value, "vacancies", 0, 0);
    return in.deadLetter() == null ? null : in.deadLetter().reason();
  }

  private static String cityStatsReason(InputLimits limits, String topic, byte[] value) {
    Inbound in = SkewedClockTest.statsBoundary(limits).parse(value, topic, 0, 0);
    return in.isRejected() ? in.deadLetter().reason() : null;
  }

  @Test
  void bothJobsRejectTheSecondDayOf1970AndTheEpochAlikeWithOneReason() {
    InputLimits limits = InputLimits.defaults();
    String earliest = " is before the earliest accepted time 2000-01-01T00:00:00+08:00";
    for (String time : new String[] {"1970-01-02T00:00:00Z", "1970-01-01T00:00:00Z"}) {
      String expected = "eventTime " + io.matchstream.events.codec.IsoTime.format(
          io.matchstream.events.codec.IsoTime.parse(time)) + earliest;
      assertThat(matchJobReason(limits, at(VACANCY, time))).isEqualTo(expected);
      assertThat(cityStatsReason(limits, "vacancies", at(VACANCY, time))).isEqualTo(expected);
    }
    assertThat(cityStatsReason(limits, "matches", at(MATCH, "1970-01-02T00:00:00Z")))
        .isEqualTo("eventTime 1970-01-02T08:00:00+08:00" + earliest);
  }

  @Test
  void theEarliestIsAnOptionBothJobsTakeFromTheSameConfiguration() {
    Configuration conf = new Configuration();
    conf.set(JobOptions.EARLIEST_EVENT_TIME, "2026-03-01T00:00:00+08:00");
    InputLimits limits = InputLimits.from(conf);
    String expected = "eventTime 2026-02-28T23:59:59+08:00 is before the earliest accepted time 2026-03-01T00:00:00+08:00";
    assertThat(matchJobReason(limits, at(VACANCY, "2026-02-28T23:59:59+08:00"))).isEqualTo(expected);
    assertThat(cityStatsReason(limits, "vacancies", at(VACANCY, "2026-02-28T23:59:59+08:00"))).isEqualTo(expected);
    assertThat(matchJobReason(limits, at(VACANCY, "2026-03-01T00:00:00+08:00"))).isNull();
    assertThat(cityStatsReason(limits, "matches", at(MATCH, "2026-03-01T00:00:00+08:00"))).isNull();
  }
}
