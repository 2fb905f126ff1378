package io.matchstream.jobs.stats;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.OutcomeTransitions;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.codec.IsoTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The funnel expected from the matches, the outcomes and the candidates' PLACED, counted with plain
 * Java and none of the job's code: outcomes in event-time order, a repeated outcomeId once, the
 * contract's rules for what is refused, each stage once per match on the day first reached (a later
 * stage reaches the skipped ones). {@link #expected} gives the funnel of a final record of a key
 * (city or {@code national}) and day.
 */
final class FunnelRecount {
  static final long WINDOW = 30 * ShanghaiCalendar.DAY_MILLIS;

  /** What one match did: its key data and the day it first reached each stage (null: not yet). */
  private static final class Followed {
    final Match match;
    final String[] reachedOn = new String[5]; // index = rank, 1..4
    OutcomeStage last;

    Followed(Match m) {
      match = m;
    }
  }

  private final Map<String, Followed> matches = new LinkedHashMap<>();
  /** key → day → [contacted, interviews, offers, hires, ended, peoplePlaced] */
  private final Map<String, Map<String, long[]>> perDay = new HashMap<>();
  /** key → day → match-to-hire durations, ms */
  private final Map<String, Map<String, List<Long>>> hireTimes = new HashMap<>();
  /** key → day → occupation → [contacted, interviews, offers, hires] */
  private final Map<String, Map<String, Map<String, long[]>>> perOccupation = new HashMap<>();
  final List<String> refusals = new ArrayList<>();

  FunnelRecount(List<Match> allMatches, List<MatchOutcome> outcomes, Recount inputs) {
    allMatches.forEach(m -> matches.putIfAbsent(m.matchId(), new Followed(m)));
    List<MatchOutcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparingLong(MatchOutcome::eventTime));
    Set<String> accepted = new HashSet<>();
    for (MatchOutcome o : sorted) {
      if (accepted.contains(o.outcomeId())) {
        continue;
      }
      Followed f = matches.get(o.matchId());
      if (f == null || o.eventTime() - f.match.eventTime() >= WINDOW) {
        refusals.add("unknown match '" + o.matchId() + "', or one made more than 30 days before the outcome");
      } else if (!f.match.cityId().equals(o.cityId())) {
        refusals.add("match '" + o.matchId() + "' is of city '" + f.match.cityId() + "', not '" + o.cityId() + "'");
      } else if (o.eventTime() < f.match.eventTime()) {
        refusals.add("eventTime " + IsoTime.format(o.eventTime()) + " is before its match's eventTime "
            + IsoTime.format(f.match.eventTime()));
      } else if (OutcomeTransitions.check(f.last, o.stage()) != null) {
        refusals.add(OutcomeTransitions.check(f.last, o.stage()));
      } else {
        accepted.add(o.outcomeId());
        accept(f, o);
      }
    }
    Set<String> closed = new HashSet<>();
    inputs.candidates.stream().sorted(Comparator.comparingLong(CandidateEvent::eventTime)).forEach(c -> {
      if (!c.carriesProfile() && closed.add(c.candidateId()) && c.type() == CandidateEventType.PLACED) {
        for (String key : List.of(c.cityId(), CityStats.NATIONAL)) {
          day(key, dayOf(c.eventTime()))[5]++;
        }
      }
    });
  }

  private void accept(Followed f, MatchOutcome o) {
    String day = dayOf(o.eventTime());
    String city = f.match.cityId();
    for (String key : List.of(city, CityStats.NATIONAL)) {
      if (!o.stage().isProgress()) {
        day(key, day)[4]++;
      }
    }
    if (o.stage().isProgress()) {
      for (int rank = 1; rank <= o.stage().rank(); rank++) {
        if (f.reachedOn[rank] != null) {
          continue;
        }
        f.reachedOn[rank] = day;
        for (String key : List.of(city, CityStats.NATIONAL)) {
          day(key, day)[rank - 1]++;
          perOccupation.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(day, d -> new HashMap<>())
              .computeIfAbsent(f.match.occupationCode(), c -> new long[4])[rank - 1]++;
          if (rank == 4) {
            hireTimes.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(day, d -> new ArrayList<>())
                .add(o.eventTime() - f.match.eventTime());
          }
        }
      }
    }
    f.last = o.stage();
  }

  /** The funnel a final record of {@code key} on {@code day} should carry (cohorts as the record lists them). */
  CityStats.Funnel expected(String key, String day, List<CityStats.Cohort> cohortDays) {
    long[] d = perDay.getOrDefault(key, Map.of()).getOrDefault(day, new long[6]);
    long matchesToday = matchesOf(key).stream().filter(m -> dayOf(m.match.eventTime()).equals(day)).count();
    List<Long> window = new ArrayList<>();
    LocalDate last = LocalDate.parse(day);
    hireTimes.getOrDefault(key, Map.of()).forEach((hireDay, times) -> {
      LocalDate h = LocalDate.parse(hireDay);
      if (!h.isAfter(last) && h.isAfter(last.minusDays(30))) {
        window.addAll(times);
      }
    });
    List<CityStats.Cohort> cohorts = new ArrayList<>();
    for (CityStats.Cohort c : cohortDays) {
      List<Followed> cohort = matchesOf(key).stream().filter(m -> dayOf(m.match.eventTime()).equals(c.day())).toList();
      long[] r = new long[5];
      for (Followed f : cohort) {
        for (int rank = 1; rank <= 4; rank++) {
          if (f.reachedOn[rank] != null && f.reachedOn[rank].compareTo(day) <= 0) {
            r[rank]++;
          }
        }
      }
      cohorts.add(new CityStats.Cohort(c.day(), cohort.size(), r[1], r[2], r[3], r[4],
          cohort.isEmpty() ? null : (double) r[4] / cohort.size()));
    }
    return new CityStats.Funnel(new CityStats.Stages(matchesToday, d[0], d[1], d[2], d[3]), d[4], d[5],
        d[5] == 0 ? null : (double) d[3] / d[5], medianHours(window), cohorts);
  }

  /** Occupation → [matches, contacted, interviews, offers, hires] of a key's day; only occupations with any. */
  Map<String, List<Long>> occupations(String key, String day) {
    Map<String, long[]> counts = new HashMap<>();
    for (Followed f : matchesOf(key)) {
      if (dayOf(f.match.eventTime()).equals(day)) {
        counts.computeIfAbsent(f.match.occupationCode(), c -> new long[5])[0]++;
      }
    }
    perOccupation.getOrDefault(key, Map.of()).getOrDefault(day, Map.of()).forEach((code, r) -> {
      long[] l = counts.computeIfAbsent(code, c -> new long[5]);
      System.arraycopy(r, 0, l, 1, 4);
    });
    Map<String, List<Long>> out = new HashMap<>();
    counts.forEach((code, l) -> out.put(code, java.util.Arrays.stream(l).boxed().toList()));
    return out;
  }

  /** The keys and days with any funnel step (each must have a final record). */
  Map<String, Set<String>> daysWithSteps() {
    Map<String, Set<String>> out = new HashMap<>();
    perDay.forEach((key, days) -> days.forEach((day, d) -> {
      if (java.util.Arrays.stream(d).anyMatch(x -> x != 0)) {
        out.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(day);
      }
    }));
    return out;
  }

  private List<Followed> matchesOf(String key) {
    return matches.values().stream()
        .filter(f -> key.equals(CityStats.NATIONAL) || f.match.cityId().equals(key)).toList();
  }

  private long[] day(String key, String day) {
    return perDay.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(day, x -> new long[6]);
  }

  private static Double medianHours(List<Long> millis) {
    if (millis.isEmpty()) {
      return null;
    }
    List<Long> s = new ArrayList<>(millis);
    s.sort(null);
    int n = s.size();
    double m = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + (double) s.get(n / 2)) / 2;
    return m / 3_600_000.0;
  }

  static String dayOf(long millis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ShanghaiCalendar.ZONE).toString();
  }
}
