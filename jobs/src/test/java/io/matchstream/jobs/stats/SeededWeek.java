package io.matchstream.jobs.stats;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded week of valid lifecycle events and matches for every pilot city, emitted slightly out
 * of order, with a few poison records. Stands in for the simulator module until it lands; it keeps
 * the decoded events so a test can compute the expected figures itself.
 */
final class SeededWeek {
  /** One record to write: topic, key, value, event time (0 for poison), emission order. */
  record Rec(String topic, String key, byte[] value, long eventTime, long emitAt) {}

  static final long MAX_DISORDER = 2 * 60_000;

  final List<Rec> records = new ArrayList<>();
  final List<VacancyEvent> vacancies = new ArrayList<>();
  final List<CandidateEvent> candidates = new ArrayList<>();
  final List<Match> matches = new ArrayList<>();
  int poison;

  SeededWeek(long seed, long start, int days, int perCityPerDay) {
    Random rnd = new Random(seed);
    List<String> cities = new ArrayList<>(CityRegistry.loadDefault().ids());
    cities.sort(Comparator.naturalOrder());
    List<Occupation> occupations = new ArrayList<>(Taxonomy.loadDefault().occupations());
    occupations.sort(Comparator.comparing(Occupation::code));
    long span = days * ShanghaiDays.DAY_MILLIS;
    int n = 0;
    for (String city : cities) {
      int count = city.equals("ningbo") ? perCityPerDay * days * 3 : perCityPerDay * days;
      for (int i = 0; i < count; i++, n++) {
        Occupation occ = occupations.get(rnd.nextInt(occupations.size()));
        long opened = start + (long) (rnd.nextDouble() * span);
        String vac = "vac-" + Long.toString(1_000_000_000L + n, 36);
        String cand = "cand-" + Long.toString(1_000_000_000L + n, 36);
        boolean technical = occ.technical() && rnd.nextInt(3) == 0;
        EmploymentType type = rnd.nextInt(10) < 3 ? EmploymentType.DISPATCH : EmploymentType.DIRECT;
        vacancy(VacancyEventType.OPENED, vac, city, occ, opened, opened, technical, type, null);
        long registered = start + (long) (rnd.nextDouble() * span);
        candidate(CandidateEventType.REGISTERED, cand, city, occ, registered);
        long later = Math.max(opened, registered) + (long) (rnd.nextDouble() * 3 * ShanghaiDays.DAY_MILLIS);
        if (later < start + span) {
          match(vac, cand, city, occ, later);
          if (rnd.nextBoolean()) {
            long filled = later + (long) (rnd.nextDouble() * ShanghaiDays.DAY_MILLIS);
            if (filled < start + span) {
              vacancy(VacancyEventType.FILLED, vac, city, occ, filled, opened, technical, type, cand);
              candidate(CandidateEventType.PLACED, cand, city, occ, filled + 1);
            }
          } else if (rnd.nextInt(5) == 0) {
            vacancy(VacancyEventType.WITHDRAWN, vac, city, occ, later + 1, opened, technical, type, null);
          }
        }
        if (rnd.nextInt(200) == 0) {
          poison++;
          records.add(new Rec(rnd.nextBoolean() ? CityStatsJob.VACANCIES : CityStatsJob.CANDIDATES, null,
              "{\"not\":\"an event\"".getBytes(StandardCharsets.UTF_8), 0, opened));
        }
      }
    }
    records.sort(Comparator.comparingLong(Rec::emitAt));
  }

  private long emitAt(long eventTime) {
    // Jitter the emission so events reach Kafka out of event-time order, within MAX_DISORDER.
    return eventTime + Math.floorMod(eventTime * 2_654_435_761L, MAX_DISORDER);
  }

  private void vacancy(VacancyEventType t, String id, String city, Occupation occ, long time, long posted,
      boolean technical, EmploymentType type, String cand) {
    boolean post = t == VacancyEventType.OPENED;
    List<String> skills = List.of(occ.skills().get(0).skillId());
    VacancyEvent e = new VacancyEvent(id + "-" + t.name().toLowerCase(), time, SchemaVersion.CURRENT, t, id, city,
        occ.code(), "emp-00" + Math.floorMod(city.hashCode(), 97) + "x", posted,
        post ? skills : null, post ? List.of() : null, post ? CertificateLevel.LEVEL_4 : null,
        post ? Education.VOCATIONAL_SECONDARY : null, post ? 6000 : null, post ? 8000 : null,
        post ? type : null, post ? ShiftPattern.DAY : null, post ? 1 : null, post ? technical : null, cand);
    vacancies.add(e);
    records.add(new Rec(CityStatsJob.VACANCIES, id, EventCodec.encode(e), time, emitAt(time)));
  }

  private void candidate(CandidateEventType t, String id, String city, Occupation occ, long time) {
    boolean profile = t == CandidateEventType.REGISTERED;
    List<String> skills = List.of(occ.skills().get(0).skillId());
    CandidateEvent e = new CandidateEvent(id + "-" + t.name().toLowerCase(), time, SchemaVersion.CURRENT, t, id,
        city, List.of(), List.of(occ.code()), profile ? skills : null, profile ? CertificateLevel.LEVEL_4 : null,
        profile ? Education.VOCATIONAL_SECONDARY : null, profile ? 7000 : null,
        profile ? List.of(EmploymentType.DIRECT) : null, profile ? time : 0, time,
        t == CandidateEventType.PLACED ? "vac-" + id.substring(5) : null);
    candidates.add(e);
    records.add(new Rec(CityStatsJob.CANDIDATES, id, EventCodec.encode(e), time, emitAt(time)));
  }

  private void match(String vac, String cand, String city, Occupation occ, long time) {
    String id = Ids.matchId(vac, cand);
    Match m = new Match(id, id, time, SchemaVersion.CURRENT, vac, cand, city, occ.code(), "emp-0001x", 0.8, 0.8,
        1, 1, 1, 1, List.of(), List.of(), SalaryFit.WITHIN, LevelFit.MEETS, time, time);
    matches.add(m);
    records.add(new Rec(CityStatsJob.MATCHES, id, EventCodec.encode(m), time, emitAt(time)));
  }
}
