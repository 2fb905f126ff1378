package io.matchstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.codec.IsoTime;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A Shanghai day runs from 00:00+08:00 to the next 00:00+08:00, whatever UTC says. */
class ShanghaiCalendarTest {
  private static final long MONDAY = LocalDate.parse("2026-03-02").toEpochDay();

  @Test
  void aDayStartsAndEndsAtShanghaiMidnight() {
    assertThat(ShanghaiCalendar.start(MONDAY)).isEqualTo(IsoTime.parse("2026-03-02T00:00:00+08:00"));
    assertThat(ShanghaiCalendar.end(MONDAY)).isEqualTo(IsoTime.parse("2026-03-03T00:00:00+08:00"));
    assertThat(ShanghaiCalendar.start(LocalDate.parse("2026-03-02")).toEpochMilli())
        .isEqualTo(ShanghaiCalendar.start(MONDAY));
  }

  @Test
  void anInstantBelongsToItsShanghaiDayNotItsUtcDay() {
    long lateSundayUtc = IsoTime.parse("2026-03-01T16:00:00Z"); // Monday 00:00 in Shanghai
    assertThat(ShanghaiCalendar.dayOf(lateSundayUtc)).isEqualTo(MONDAY);
    assertThat(ShanghaiCalendar.dayOf(lateSundayUtc - 1)).isEqualTo(MONDAY - 1);
    assertThat(ShanghaiCalendar.formatDayOf(lateSundayUtc)).isEqualTo("2026-03-02");
    assertThat(ShanghaiCalendar.dateOf(lateSundayUtc)).isEqualTo(LocalDate.parse("2026-03-02"));
    assertThat(ShanghaiCalendar.hourOf(IsoTime.parse("2026-03-02T23:59:59+08:00"))).isEqualTo(23);
  }

  @Test
  void daysAreWrittenAndReadAsIsoDates() {
    assertThat(ShanghaiCalendar.format(MONDAY)).isEqualTo("2026-03-02");
    assertThat(ShanghaiCalendar.parse("2026-03-02")).isEqualTo(MONDAY);
  }
}
