package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the match job in pure tests of the closed loop: reads the simulator's own events
 * and, for each new post or candidate, emits the best {@link #TOP_K} counterparts of the same city
 * and occupation whose score clears the threshold. Its score is shaped like the job's (skills
 * 0.55, level 0.15, salary, employment type and location 0.10 each), simplified, and tuned to the
 * job's rate: about 3,000 matches a day in Ningbo. Deterministic: insertion-ordered pools, ties
 * broken by id.
 */
final class ToyMatcher {
  static final int TOP_K = 3;
  private final double threshold;
  /** city|occupation -> open posts / available candidates, insertion ordered. */
  private final Map<String, Map<String, VacancyEvent>> posts = new HashMap<>();
  private final Map<String, Map<String, CandidateEvent>> people = new HashMap<>();
  private final Set<String> seen = new HashSet<>();

  ToyMatcher(double threshold) {
    this.threshold = threshold;
  }

  /** The matches this event sets off (none for closes, updates and outcomes). */
  List<Match> accept(SimEvent e) throws InvalidEventException {
    if (e.isPoison()) return List.of();
    if (e.topic().equals(Topics.VACANCIES)) {
      VacancyEvent v = EventCodec.decodeVacancy(e.value());
      String key = v.cityId() + "|" + v.occupationCode();
      if (v.type() == VacancyEventType.OPENED) {
        posts.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(v.vacancyId(), v);
        List<Match> found = new ArrayList<>();
        for (CandidateEvent c : people.getOrDefault(key, Map.of()).values()) {
          add(found, v, c, v.eventTime());
        }
        return best(found);
      } else if (v.type() != VacancyEventType.UPDATED) {
        Map<String, VacancyEvent> m = posts.get(key);
        if (m != null) m.remove(v.vacancyId());
      }
    } else if (e.topic().equals(Topics.CANDIDATES)) {
      CandidateEvent c = EventCodec.decodeCandidate(e.value());
      List<String> cities = new ArrayList<>();
      cities.add(c.cityId());
      cities.addAll(c.acceptedCities());
      if (c.type() == CandidateEventType.REGISTERED) {
        List<Match> found = new ArrayList<>();
        for (String city : cities) {
          for (String occ : c.occupationCodes()) {
            String key = city + "|" + occ;
            people.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(c.candidateId(), c);
            for (VacancyEvent v : posts.getOrDefault(key, Map.of()).values()) {
              add(found, v, c, c.eventTime());
            }
          }
        }
        return best(found);
      } else if (c.type() != CandidateEventType.UPDATED) {
        for (String city : cities) {
          for (String occ : c.occupationCodes()) {
            Map<String, CandidateEvent> m = people.get(city + "|" + occ);
            if (m != null) m.remove(c.candidateId());
          }
        }
      }
    }
    return List.of();
  }

  private void add(List<Match> found, VacancyEvent v, CandidateEvent c, long time) {
    Set<String> has = new HashSet<>(c.skills());
    long met = v.essentialSkills().stream().filter(has::contains).count();
    double skill = met / (double) v.essentialSkills().size();
    double level = c.certificateLevel() == null || v.certificateLevel() == null
        || c.certificateLevel().ordinal() >= v.certificateLevel().ordinal() ? 1 : 0.5;
    double salary = c.expectedSalary() <= v.salaryMax() ? 1 : Math.max(0, 1 - (c.expectedSalary() - v.salaryMax()) / (0.2 * v.salaryMax()));
    double employment = c.employmentTypes().contains(v.employmentType()) ? 1 : 0;
    double location = c.cityId().equals(v.cityId()) ? 1 : 0.7;
    double score = 0.55 * skill + 0.15 * level + 0.10 * salary + 0.10 * employment + 0.10 * location;
    if (score < threshold) return;
    String id = Ids.matchId(v.vacancyId(), c.candidateId());
    if (seen.contains(id)) return;
    found.add(new Match(id, id, time, SchemaVersion.CURRENT, v.vacancyId(), c.candidateId(), v.cityId(),
        v.occupationCode(), v.employerId(), score, skill, level, salary, employment, location, List.of(), List.of(),
        null, null, v.eventTime(), c.eventTime()));
  }

  private List<Match> best(List<Match> found) {
    found.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(Match::matchId));
    List<Match> top = found.subList(0, Math.min(TOP_K, found.size()));
    top.forEach(m -> seen.add(m.matchId()));
    return List.copyOf(top);
  }
}
