package io.matchstream.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  @Test
  void theFastPathAgreesWithTheJdkOnRandomTimesAndOffsets() {
    Random random = new Random(7);
    List<ZoneOffset> offsets =
        List.of(ZoneOffset.ofHours(8), ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(-3, -30), ZoneOffset.ofHours(14));
    for (int i = 0; i < 20_000; i++) {
      long millis = 946_684_800_000L + (long) (random.nextDouble() * 3_000_000_000_000L);
      if (i % 2 == 0) {
        millis -= millis % 1000;
      }
      OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), offsets.get(i % offsets.size()));
      String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
      assertThat(IsoTime.parse(text)).as(text).isEqualTo(millis);
    }
  }

  @Test
  void oddButValidFormsStillParse() {
    assertThat(IsoTime.parse("2026-03-02T09:15+08:00")).isEqualTo(IsoTime.parse("2026-03-02T09:15:00+08:00"));
    assertThat(IsoTime.parse("2026-03-02T09:15:00.5+08:00")).isEqualTo(IsoTime.parse("2026-03-02T09:15:00.500+08:00"));
  }

  @Test
  void impossibleDatesAreRejectedNotRolledOver() {
    assertThatThrownBy(() -> IsoTime.parse("2026-02-30T09:15:00+08:00")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoTime.parse("2026-13-01T09:15:00+08:00")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoTime.parse("2026-03-02T24:00:00+08:00")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoTime.parse("2026-03-02T09:15:00")).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void formatWritesChinaStandardTime() {
    assertThat(IsoTime.format(IsoTime.parse("2026-03-01T16:00:00Z"))).isEqualTo("2026-03-02T00:00:00+08:00");
  }
}
