package io.matchstream.jobs.stats.ranking;

import io.matchstream.events.CityStats;
import io.matchstream.events.ShortageRanking;
import io.matchstream.jobs.stats.ShortageDetector;
import io.matchstream.jobs.stats.ranking.TopList.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranking itself, without Flink: a city's top 20 by gap, the nation's top 100 by gap weighted
 * by how many cities list the occupation, and the rank changes against earlier days. Every order
 * is total (ties broken by occupation code, then city id), so the same figures always give the
 * same ranking. The method and how it differs from the ministry's: docs/stats-and-alerts.md.
 */
public final class ShortageRanker {
  /** Typical cities named per national entry. */
  static final int TYPICAL_CITIES = 3;

  private ShortageRanker() {}

  /** By gap, largest first; then by code. */
  private static final Comparator<Line> BY_GAP =
      Comparator.comparingLong(Line::gap).reversed().thenComparing(Line::code);

  /**
   * A city's list: occupations whose open vacancies exceed their available candidates, by gap,
   * at most {@link ShortageRanking#CITY_TOP}.
   */
  public static List<Line> cityTop(List<CityStats.OccupationFigure> occupations) {
    List<Line> lines = new ArrayList<>();
    if (occupations != null) {
      for (CityStats.OccupationFigure f : occupations) {
        if (f.occupationCode() != null && f.openVacancies() > f.availableCandidates()) {
          lines.add(new Line(f.occupationCode(), f.openVacancies(), f.availableCandidates()));
        }
      }
    }
    lines.sort(BY_GAP);
    return lines.size() > ShortageRanking.CITY_TOP ? new ArrayList<>(lines.subList(0, ShortageRanking.CITY_TOP)) : lines;
  }

  /**
   * One occupation nationally: the sums over the cities that list it, and which cities those are.
   *
   * @param score gap × cities, what the national list is ordered by
   */
  public record NationalLine(Line line, int cities, long score, List<String> typicalCities) {}

  /**
   * The national list from each city's list (cities in any order): per occupation, demand, seekers
   * and gap summed over the cities listing it, ordered by gap × cities, largest first, then by
   * code; at most {@link ShortageRanking#NATIONAL_TOP}.
   */
  public static List<NationalLine> national(Map<String, List<Line>> listsByCity) {
    Map<String, List<Map.Entry<String, Line>>> byCode = new TreeMap<>();
    for (var city : new TreeMap<>(listsByCity).entrySet()) {
      for (Line l : city.getValue()) {
        byCode.computeIfAbsent(l.code(), c -> new ArrayList<>()).add(Map.entry(city.getKey(), l));
      }
    }
    List<NationalLine> out = new ArrayList<>(byCode.size());
    for (var e : byCode.entrySet()) {
      long demand = 0;
      long seekers = 0;
      for (var c : e.getValue()) {
        demand += c.getValue().demand();
        seekers += c.getValue().seekers();
      }
      List<Map.Entry<String, Line>> reporting = new ArrayList<>(e.getValue());
      reporting.sort(Comparator.<Map.Entry<String, Line>>comparingLong(c -> c.getValue().gap()).reversed()
          .thenComparing(Map.Entry::getKey));
      List<String> typical = new ArrayList<>(TYPICAL_CITIES);
      for (int i = 0; i < Math.min(TYPICAL_CITIES, reporting.size()); i++) typical.add(reporting.get(i).getKey());
      Line sum = new Line(e.getKey(), demand, seekers);
      int cities = reporting.size();
      out.add(new NationalLine(sum, cities, sum.gap() * cities, typical));
    }
    out.sort(Comparator.comparingLong(NationalLine::score).reversed().thenComparing(n -> n.line().code()));
    return out.size() > ShortageRanking.NATIONAL_TOP ? new ArrayList<>(out.subList(0, ShortageRanking.NATIONAL_TOP)) : out;
  }

  /** The ranks (1 first) of a list's codes, for the rank changes; empty for none. */
  public static Map<String, Integer> ranks(List<Line> ranked) {
    Map<String, Integer> out = new HashMap<>();
    if (ranked == null) return out;
    for (int i = 0; i < ranked.size(); i++) out.put(ranked.get(i).code(), i + 1);
    return out;
  }

  /** A city's entries, with ranks on the earlier days (null maps: no such day). */
  public static List<ShortageRanking.Entry> cityEntries(
      List<Line> top, Map<String, Integer> yesterday, Map<String, Integer> lastWeek) {
    List<ShortageRanking.Entry> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      Line l = top.get(i);
      out.add(entry(i + 1, l, 1, l.gap(), null, yesterday, lastWeek));
    }
    return out;
  }

  /** The national entries, with ranks on the earlier days (null maps: no such day). */
  public static List<ShortageRanking.Entry> nationalEntries(
      List<NationalLine> top, Map<String, Integer> yesterday, Map<String, Integer> lastWeek) {
    List<ShortageRanking.Entry> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      NationalLine n = top.get(i);
      out.add(entry(i + 1, n.line(), n.cities(), n.score(), n.typicalCities(), yesterday, lastWeek));
    }
    return out;
  }

  /** The national list as plain lines (summed figures), rank 1 first, for keeping in state. */
  public static List<Line> lines(List<NationalLine> top) {
    List<Line> out = new ArrayList<>(top.size());
    for (NationalLine n : top) out.add(n.line());
    return out;
  }

  private static ShortageRanking.Entry entry(int rank, Line l, int cities, long score, List<String> typical,
      Map<String, Integer> yesterday, Map<String, Integer> lastWeek) {
    return new ShortageRanking.Entry(rank, l.code(), l.demand(), l.seekers(), l.gap(),
        ShortageDetector.ratio(l.demand(), l.seekers()), cities, score, typical,
        yesterday == null ? null : yesterday.get(l.code()), lastWeek == null ? null : lastWeek.get(l.code()));
  }
}
