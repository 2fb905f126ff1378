package io.matchstream.bench.stats;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A seeded week for all 39 cities, Ningbo at about 3,000 smart matches a day, the rest sharing the
 * remaining volume; lifecycles OPENED → (match) → FILLED/WITHDRAWN and REGISTERED → PLACED. Until
 * the simulator module lands this stands in for it.
 */
final class BenchData {
  static final long START = IsoTime.parse("2026-03-02T00:00:00+08:00");
  private static final long DAY = ShanghaiCalendar.DAY_MILLIS;

  private record Rec(String topic, String key, byte[] value, long at) {}

  private BenchData() {}

  /** Writes about {@code target} records; returns how many. */
  static long write(String bootstrap, int target, int days) {
    Random rnd = new Random(7);
    List<String> cities = new ArrayList<>(CityRegistry.loadDefault().ids());
    cities.sort(Comparator.naturalOrder());
    List<Occupation> occs = new ArrayList<>(Taxonomy.loadDefault().occupations());
    occs.sort(Comparator.comparing(Occupation::code));
    int ningboPerDay = 3000;
    long othersPerDay = Math.max(10, (target / 5 / days - ningboPerDay) / (cities.size() - 1));
    List<Rec> recs = new ArrayList<>();
    int n = 0;
    for (String city : cities) {
      long perDay = city.equals("ningbo") ? ningboPerDay : othersPerDay;
      for (long i = 0; i < perDay * days; i++, n++) {
        Occupation o = occs.get(rnd.nextInt(occs.size()));
        String skill = o.skills().get(0).skillId();
        String vac = "vac-" + Long.toString(1_000_000_000L + n, 36);
        String cand = "cand-" + Long.toString(1_000_000_000L + n, 36);
        long opened = START + (long) (rnd.nextDouble() * days * DAY);
        boolean technical = o.technical() && rnd.nextInt(4) == 0;
        // Technical posts mostly opened weeks before the window, so some pass the 30-day threshold.
        long posted = technical ? opened - (long) (rnd.nextDouble() * 40 * DAY) : opened;
        EmploymentType type = rnd.nextInt(1000) < 311 ? EmploymentType.DISPATCH : EmploymentType.DIRECT;
        recs.add(vacancy(VacancyEventType.OPENED, vac, city, o, skill, opened, posted, technical, type, null));
        recs.add(candidate(CandidateEventType.REGISTERED, cand, city, o, skill, opened));
        long matched = opened + (long) (rnd.nextDouble() * 6 * 3_600_000L);
        String id = Ids.matchId(vac, cand);
        Match m = new Match(id, id, matched, SchemaVersion.CURRENT, vac, cand, city, o.code(), "emp-0001", 0.8, 0.8,
            1, 1, 1, 1, List.of(), List.of(), SalaryFit.WITHIN, LevelFit.MEETS, opened, opened);
        recs.add(new Rec(Topics.MATCHES, id, EventCodec.encode(m), matched));
        int fate = rnd.nextInt(10);
        long closed = matched + (long) (rnd.nextDouble() * 2 * DAY);
        if (fate < 5) {
          recs.add(vacancy(VacancyEventType.FILLED, vac, city, o, skill, closed, posted, technical, type, cand));
          recs.add(candidate(CandidateEventType.PLACED, cand, city, o, skill, closed));
        } else if (fate == 5) {
          recs.add(vacancy(VacancyEventType.WITHDRAWN, vac, city, o, skill, closed, posted, technical, type, null));
        }
      }
    }
    recs.sort(Comparator.comparingLong(Rec::at));
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "20");
    p.put("batch.size", "262144");
    try (var producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      for (Rec r : recs) {
        // No event-time record timestamps: the broker's time retention (7 days by default) would
        // delete a simulated week in the past as soon as it is written.
        producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
      }
      producer.flush();
    }
    return recs.size();
  }

  private static Rec vacancy(VacancyEventType t, String id, String city, Occupation o, String skill, long time,
      long posted, boolean technical, EmploymentType type, String cand) {
    boolean full = t == VacancyEventType.OPENED;
    Vacancies.Builder event = full
        ? Vacancies.event(t, id).essential(List.of(skill)).education(Education.VOCATIONAL_SECONDARY).salary(6000, 8500)
            .employment(type).shift(ShiftPattern.TWO_SHIFTS).technical(technical)
        : Vacancies.lifecycle(t, id);
    VacancyEvent e = event.eventId(id + "-" + t.ordinal()).at(time).city(city).occupation(o.code()).employer("emp-0042")
        .posted(posted).candidate(cand).build();
    return new Rec(Topics.VACANCIES, id, EventCodec.encode(e), time);
  }

  private static Rec candidate(CandidateEventType t, String id, String city, Occupation o, String skill, long time) {
    boolean full = t == CandidateEventType.REGISTERED;
    Candidates.Builder event = full
        ? Candidates.event(t, id).skills(List.of(skill)).education(Education.VOCATIONAL_SECONDARY).expectedSalary(7000)
        : Candidates.lifecycle(t, id);
    CandidateEvent e = event.eventId(id + "-" + t.ordinal()).at(time).city(city).occupations(List.of(o.code()))
        .vacancy(t == CandidateEventType.PLACED ? "vac-" + id.substring(5) : null).build();
    return new Rec(Topics.CANDIDATES, id, EventCodec.encode(e), time);
  }
}
