package io.matchstream.jobs.stats.records;

import java.util.HashMap;
import java.util.Map;

/**
 * Level figures of one city ("now" values): sums of the +1/-1 deltas. Used both as a city's
 * settled base (all closed days applied) and as one open day's not-yet-settled changes.
 */
public class Gauges {
  public long openVacancies;
  public long dispatchOpen;
  public long availableCandidates;
  public long technicalOverdue;
  /** Open vacancies per CSCO code. */
  public Map<String, Long> vacanciesByOccupation = new HashMap<>();
  /** Available candidates seeking each CSCO code. */
  public Map<String, Long> seekersByOccupation = new HashMap<>();

  public Gauges() {}

  /** Applies a gauge delta; returns false for deltas that are counts, not gauges. */
  public boolean apply(CityDelta d) {
    switch (d.kind) {
      case OPEN_VACANCY -> {
        openVacancies += d.count;
        if (d.dispatch) {
          dispatchOpen += d.count;
        }
        add(vacanciesByOccupation, d.occupationCode, d.count);
      }
      case AVAILABLE_CANDIDATE -> availableCandidates += d.count;
      case SEEKING -> add(seekersByOccupation, d.occupationCode, d.count);
      case TECH_OVERDUE -> technicalOverdue += d.count;
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Adds another set of changes to this one. */
  public void add(Gauges g) {
    openVacancies += g.openVacancies;
    dispatchOpen += g.dispatchOpen;
    availableCandidates += g.availableCandidates;
    technicalOverdue += g.technicalOverdue;
    g.vacanciesByOccupation.forEach((k, v) -> add(vacanciesByOccupation, k, v));
    g.seekersByOccupation.forEach((k, v) -> add(seekersByOccupation, k, v));
  }

  public Gauges copy() {
    Gauges g = new Gauges();
    g.add(this);
    return g;
  }

  /** Zero entries are dropped so the maps stay as small as the occupations in play. */
  private static void add(Map<String, Long> m, String key, long n) {
    m.merge(key, n, (a, b) -> a + b == 0 ? null : a + b);
  }
}
