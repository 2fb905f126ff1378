package io.matchstream.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The product's calendar: "today", a day's figures, trends and history are Asia/Shanghai days.
 * Days are epoch-day numbers ({@link LocalDate#toEpochDay}). China has had no daylight saving
 * since 1991, so a day is exactly 24 h starting at 00:00+08:00; fixed arithmetic keeps this on the
 * jobs' hot path cheap and obviously correct (a UTC midnight is 08:00 here and never splits a day).
 */
public final class ShanghaiCalendar {
  /** The zone, for {@code java.time} formatting and "now" in Shanghai. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final long DAY_MILLIS = 86_400_000L;
  private static final long OFFSET_MILLIS = 8 * 3_600_000L;

  private ShanghaiCalendar() {}

  /** The Shanghai day (epoch-day number) an instant falls on. */
  public static long dayOf(long epochMillis) {
    return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
  }

  /** The Shanghai date an instant falls on. */
  public static LocalDate dateOf(long epochMillis) {
    return LocalDate.ofEpochDay(dayOf(epochMillis));
  }

  /** The Shanghai date an instant falls on. */
  public static LocalDate dateOf(Instant instant) {
    return dateOf(instant.toEpochMilli());
  }

  /** 00:00:00.000+08:00 of a day, epoch milliseconds. */
  public static long start(long day) {
    return day * DAY_MILLIS - OFFSET_MILLIS;
  }

  /** 00:00+08:00 of a date. */
  public static Instant start(LocalDate date) {
    return Instant.ofEpochMilli(start(date.toEpochDay()));
  }

  /** The first millisecond after a day (the next day's start). */
  public static long end(long day) {
    return start(day + 1);
  }

  /** Hour of the Shanghai day, 0..23. */
  public static int hourOf(long epochMillis) {
    return (int) ((epochMillis - start(dayOf(epochMillis))) / 3_600_000L);
  }

  /** {@code yyyy-MM-dd} of a day. */
  public static String format(long day) {
    return LocalDate.ofEpochDay(day).toString();
  }

  /** {@code yyyy-MM-dd} of the day an instant falls on. */
  public static String formatDayOf(long epochMillis) {
    return format(dayOf(epochMillis));
  }

  /** The day of a {@code yyyy-MM-dd} text. */
  public static long parse(String isoDate) {
    return LocalDate.parse(isoDate).toEpochDay();
  }
}
