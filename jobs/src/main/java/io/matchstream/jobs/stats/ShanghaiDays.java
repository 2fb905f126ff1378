package io.matchstream.jobs.stats;

import java.time.LocalDate;

/**
 * Asia/Shanghai calendar days as epoch-day numbers. China has had no daylight saving since 1991,
 * so a day is exactly 24 h starting at 00:00+08:00; fixed arithmetic keeps this on the hot path
 * cheap and obviously correct (a UTC midnight is 08:00 here and never splits a day).
 */
public final class ShanghaiDays {
  public static final long DAY_MILLIS = 86_400_000L;
  private static final long OFFSET_MILLIS = 8 * 3_600_000L;

  private ShanghaiDays() {}

  /** The Shanghai day (epoch-day number) an instant falls on. */
  public static long dayOf(long epochMillis) {
    return Math.floorDiv(epochMillis + OFFSET_MILLIS, DAY_MILLIS);
  }

  /** 00:00:00.000+08:00 of a day, epoch milliseconds. */
  public static long start(long day) {
    return day * DAY_MILLIS - OFFSET_MILLIS;
  }

  /** The first millisecond after a day (the next day's start). */
  public static long end(long day) {
    return start(day + 1);
  }

  /** Hour of the Shanghai day, 0..23. */
  public static int hourOf(long epochMillis) {
    return (int) ((epochMillis - start(dayOf(epochMillis))) / 3_600_000L);
  }

  /** {@code yyyy-MM-dd}. */
  public static String format(long day) {
    return LocalDate.ofEpochDay(day).toString();
  }

  /** The day of a {@code yyyy-MM-dd} text. */
  public static long parse(String isoDate) {
    return LocalDate.parse(isoDate).toEpochDay();
  }
}
