package io.matchstream.jobs.stats;

import io.matchstream.events.CityStats;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.stats.records.DayFigures;
import io.matchstream.jobs.stats.records.Gauges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Builds a {@link CityStats} record from a day's counts, the gauges, trend and fills. */
public final class CityFigures {
  private CityFigures() {}

  /**
   * @param trend matches per day, oldest first, ending with {@code day}
   * @param fills posting-to-filling durations in the trailing window, milliseconds
   */
  public static CityStats record(
      String cityId, long day, long revision, boolean isFinal, long asOf, DayFigures f, Gauges g,
      List<CityStats.DayCount> trend, long[] fills, CityStats.Funnel funnel) {
    List<Long> byHour = new ArrayList<>(24);
    for (long n : f.matchesByHour) {
      byHour.add(n);
    }
    String dayText = ShanghaiCalendar.format(day);
    return new CityStats(
        cityId, cityId + "/" + dayText + "/" + revision, asOf, SchemaVersion.CURRENT, dayText, revision,
        isFinal, f.matches, f.newVacancies, f.newCandidates, f.placements, g.openVacancies,
        g.availableCandidates, ShortageDetector.ratio(g.openVacancies, g.availableCandidates),
        medianDays(fills), g.openVacancies <= 0 ? null : (double) g.dispatchOpen / g.openVacancies,
        g.technicalOverdue, byHour, trend, occupations(g, f.stagesByOccupation), funnel);
  }

  /** Median of durations in days; null with none. The mean of the middle two for an even count. */
  public static Double medianDays(long[] millis) {
    if (millis.length == 0) {
      return null;
    }
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    double m = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
    return m / ShanghaiCalendar.DAY_MILLIS;
  }

  /**
   * Demand and supply now, each with the day's funnel of the occupation; an occupation with neither
   * is listed when it had matches or steps that day.
   */
  private static List<CityStats.OccupationFigure> occupations(Gauges g, Map<String, long[]> stages) {
    TreeSet<String> codes = new TreeSet<>(g.vacanciesByOccupation.keySet());
    codes.addAll(g.seekersByOccupation.keySet());
    codes.addAll(stages.keySet());
    List<CityStats.OccupationFigure> out = new ArrayList<>(codes.size());
    for (String code : codes) {
      long demand = positive(g.vacanciesByOccupation, code);
      long supply = positive(g.seekersByOccupation, code);
      long[] s = stages.get(code);
      if (demand > 0 || supply > 0 || s != null) {
        CityStats.Stages funnel = s == null ? new CityStats.Stages(0, 0, 0, 0, 0)
            : new CityStats.Stages(s[0], s[1], s[2], s[3], s[4]);
        out.add(new CityStats.OccupationFigure(code, demand, supply, ShortageDetector.ratio(demand, supply), funnel));
      }
    }
    return out;
  }

  private static long positive(Map<String, Long> m, String key) {
    return Math.max(0, m.getOrDefault(key, 0L));
  }
}
