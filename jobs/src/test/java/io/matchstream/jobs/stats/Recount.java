package io.matchstream.jobs.stats;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Match;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.simulator.SimEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected city figures, counted straight from the input events with plain Java — none of the
 * job's code — so the pipeline test compares the job against an independent answer. Matches count
 * once per matchId, as the contract says a repeat is the same match.
 */
final class Recount {
  final List<VacancyEvent> vacancies = new ArrayList<>();
  final List<CandidateEvent> candidates = new ArrayList<>();
  final Map<String, Match> matchesById = new LinkedHashMap<>();

  Recount(List<SimEvent> input, List<Match> matches) {
    for (SimEvent e : input) {
      if (e.isPoison()) {
        continue;
      }
      try {
        if (e.topic().equals(Topics.VACANCIES)) {
          vacancies.add(EventCodec.decodeVacancy(e.value()));
        } else {
          candidates.add(EventCodec.decodeCandidate(e.value()));
        }
      } catch (Exception ex) {
        throw new AssertionError("the simulator's valid event does not decode: " + e.valueAsString(), ex);
      }
    }
    matches.forEach(m -> matchesById.putIfAbsent(m.matchId(), m));
  }

  /** city (and {@code national}) → Shanghai day → [matches, new vac, new cand, placements, open at end, available at end]. */
  Map<String, Map<String, long[]>> byCityAndDay() {
    Map<String, Map<String, long[]>> out = new TreeMap<>();
    matchesById.values().forEach(m -> figures(out, m.cityId(), m.eventTime())[0]++);
    Map<String, Long> vacClosed = new HashMap<>();
    Map<String, Long> candClosed = new HashMap<>();
    for (VacancyEvent v : vacancies) {
      switch (v.type()) {
        case OPENED -> figures(out, v.cityId(), v.eventTime())[1]++;
        case FILLED -> figures(out, v.cityId(), v.eventTime())[3]++;
        default -> { }
      }
      if (!v.carriesPost()) {
        vacClosed.merge(v.vacancyId(), v.eventTime(), Math::min);
        figures(out, v.cityId(), v.eventTime()); // a day with only closes still has a record
      }
    }
    for (CandidateEvent c : candidates) {
      if (c.type() == CandidateEventType.REGISTERED) {
        figures(out, c.cityId(), c.eventTime())[2]++;
      }
      if (!c.carriesProfile()) {
        candClosed.merge(c.candidateId(), c.eventTime(), Math::min);
        figures(out, c.cityId(), c.eventTime());
      }
    }
    out.forEach((city, days) -> days.forEach((day, f) -> {
      long end = LocalDate.parse(day).plusDays(1).atStartOfDay(ShanghaiCalendar.ZONE).toInstant().toEpochMilli();
      f[4] = vacancies.stream().filter(v -> v.type() == VacancyEventType.OPENED && v.cityId().equals(city)
          && v.eventTime() < end && vacClosed.getOrDefault(v.vacancyId(), Long.MAX_VALUE) >= end).count();
      f[5] = candidates.stream().filter(c -> c.type() == CandidateEventType.REGISTERED && c.cityId().equals(city)
          && c.eventTime() < end && candClosed.getOrDefault(c.candidateId(), Long.MAX_VALUE) >= end).count();
    }));
    Map<String, long[]> national = new TreeMap<>();
    out.values().forEach(days -> days.forEach((day, f) -> {
      long[] n = national.computeIfAbsent(day, d -> new long[6]);
      for (int i = 0; i < 6; i++) {
        n[i] += f[i];
      }
    }));
    out.put("national", national);
    return out;
  }

  /** Technical posts whose close (if any) came at or after postedTime + threshold. */
  long technicalPostsOpenPast(long thresholdMillis) {
    Map<String, Long> closed = new HashMap<>();
    vacancies.stream().filter(v -> !v.carriesPost())
        .forEach(v -> closed.merge(v.vacancyId(), v.eventTime(), Math::min));
    return vacancies.stream()
        .filter(v -> v.type() == VacancyEventType.OPENED && Boolean.TRUE.equals(v.technical()))
        .filter(v -> closed.getOrDefault(v.vacancyId(), Long.MAX_VALUE) >= v.postedTime() + thresholdMillis)
        .count();
  }

  private static long[] figures(Map<String, Map<String, long[]>> out, String city, long time) {
    String day = LocalDate.ofInstant(Instant.ofEpochMilli(time), ShanghaiCalendar.ZONE).toString();
    return out.computeIfAbsent(city, c -> new TreeMap<>()).computeIfAbsent(day, d -> new long[6]);
  }
}
