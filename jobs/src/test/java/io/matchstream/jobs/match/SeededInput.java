package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Occupation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic, slightly out-of-order input for pipeline tests: vacancies and candidates of two
 * families in Ningbo and Hangzhou over a day, with updates, fills, placements and withdrawals, and
 * optionally poison records. Stands in for the simulator in this module's tests.
 */
final class SeededInput {
  static final long DISORDER_MILLIS = 60_000;

  /** One record to produce; {@code event} is null for poison. */
  record Rec(boolean vacancyTopic, String key, byte[] value, Object event, long emitOrder) {}

  private SeededInput() {}

  static List<Rec> generate(long seed, int arrivals, double poisonRate) {
    Random rnd = new Random(seed);
    List<Occupation> occupations = new ArrayList<>(Fixtures.TAXONOMY.families().get("6-18-01"));
    occupations.addAll(Fixtures.TAXONOMY.families().get("6-18-02"));
    String[] cities = {"ningbo", "hangzhou"};
    List<Object> events = new ArrayList<>();
    List<VacancyEvent> open = new ArrayList<>();
    List<CandidateEvent> available = new ArrayList<>();
    long t = Fixtures.MONDAY_9AM;
    for (int i = 0; i < arrivals; i++) {
      t += 1 + rnd.nextInt(60_000);
      Occupation o = occupations.get(rnd.nextInt(occupations.size()));
      String city = cities[rnd.nextInt(2)];
      int roll = rnd.nextInt(10);
      if (roll < 4) {
        VacancyEvent v = vacancy(rnd, String.format("vac-%06d", i), o, city, t);
        events.add(v);
        open.add(v);
      } else if (roll < 8) {
        CandidateEvent c = candidate(rnd, String.format("cand-%06d", i), o, city, t);
        events.add(c);
        available.add(c);
      } else if (roll == 8 && !open.isEmpty()) {
        VacancyEvent v = open.remove(rnd.nextInt(open.size()));
        VacancyEventType type = rnd.nextBoolean() ? VacancyEventType.FILLED : VacancyEventType.WITHDRAWN;
        events.add(new VacancyEvent("e-" + i, t, SchemaVersion.CURRENT, type, v.vacancyId(), v.cityId(),
            v.occupationCode(), v.employerId(), v.postedTime(), null, null, null, null, null, null, null,
            null, null, null, type == VacancyEventType.FILLED ? "cand-999999" : null));
      } else if (!available.isEmpty()) {
        CandidateEvent c = available.remove(rnd.nextInt(available.size()));
        CandidateEventType type = rnd.nextBoolean() ? CandidateEventType.PLACED : CandidateEventType.WITHDRAWN;
        events.add(new CandidateEvent("e-" + i, t, SchemaVersion.CURRENT, type, c.candidateId(), c.cityId(),
            c.acceptedCities(), c.occupationCodes(), null, null, null, null, null, 0, c.registeredTime(),
            type == CandidateEventType.PLACED ? "vac-999999" : null));
      }
    }
    List<Rec> recs = new ArrayList<>();
    for (Object e : events) {
      long time = e instanceof VacancyEvent v ? v.eventTime() : ((CandidateEvent) e).eventTime();
      long emit = time + (long) (rnd.nextDouble() * DISORDER_MILLIS);
      if (e instanceof VacancyEvent v) {
        recs.add(new Rec(true, v.vacancyId(), EventCodec.encode(v), v, emit));
      } else {
        CandidateEvent c = (CandidateEvent) e;
        recs.add(new Rec(false, c.candidateId(), EventCodec.encode(c), c, emit));
      }
      if (rnd.nextDouble() < poisonRate) {
        recs.add(poison(rnd, recs.size(), emit));
      }
    }
    recs.sort(Comparator.comparingLong(Rec::emitOrder));
    return recs;
  }

  private static Rec poison(Random rnd, int n, long emit) {
    String[] kinds = {
      "{\"eventId\":\"p-" + n + "\",\"eventTime\":\"yesterday\"}",
      "not json at all " + n,
      "{\"eventId\":\"p-" + n + "\",\"schemaVersion\":1,\"type\":\"OPENED\",\"vacancyId\":\"vac-bad\"}",
      ""
    };
    return new Rec(rnd.nextBoolean(), "poison-" + n,
        kinds[rnd.nextInt(kinds.length)].getBytes(StandardCharsets.UTF_8), null, emit);
  }

  private static List<String> some(Random rnd, List<String> all, double p) {
    List<String> out = new ArrayList<>();
    for (String s : all) {
      if (rnd.nextDouble() < p) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(all.get(0));
    }
    return out;
  }

  private static VacancyEvent vacancy(Random rnd, String id, Occupation o, String city, long t) {
    int min = 5000 + 500 * rnd.nextInt(6);
    return new VacancyEvent("e-" + id, t, SchemaVersion.CURRENT, VacancyEventType.OPENED, id, city, o.code(),
        "emp-" + (1000 + rnd.nextInt(50)), t, some(rnd, o.essentialSkillIds(), 0.8),
        o.optionalSkillIds().isEmpty() ? List.of() : some(rnd, o.optionalSkillIds(), 0.3),
        CertificateLevel.values()[rnd.nextInt(4)], Education.JUNIOR_SECONDARY, min,
        min + 500 * (1 + rnd.nextInt(6)), EmploymentType.values()[rnd.nextInt(3)], ShiftPattern.DAY, 1,
        o.technical(), null);
  }

  private static CandidateEvent candidate(Random rnd, String id, Occupation o, String city, long t) {
    List<String> skills = some(rnd, o.skills().stream().map(s -> s.skillId()).toList(), 0.7);
    String other = city.equals("ningbo") ? "hangzhou" : "ningbo";
    return new CandidateEvent("e-" + id, t, SchemaVersion.CURRENT, CandidateEventType.REGISTERED, id, city,
        rnd.nextBoolean() ? List.of(other) : List.of(), List.of(o.code()), skills,
        CertificateLevel.values()[rnd.nextInt(6)], Education.SENIOR_SECONDARY, 5000 + 500 * rnd.nextInt(10),
        rnd.nextBoolean() ? List.of(EmploymentType.DIRECT) : List.of(EmploymentType.DIRECT, EmploymentType.DISPATCH),
        t, t, null);
  }
}
