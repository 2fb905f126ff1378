package io.matchstream.jobs.match;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.testkit.fixtures.Candidates;
import io.matchstream.testkit.fixtures.Vacancies;
import java.time.Duration;
import java.util.List;

/** Named instants and factories for match tests. */
final class Fixtures {
  static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
  static final String WELDER = Vacancies.WELDER;
  static final Occupation WELDING = TAXONOMY.occupation(WELDER);
  static final long MONDAY_9AM = IsoTime.parse("2025-03-03T09:00:00+08:00");
  static final long LUNCHTIME = IsoTime.parse("2025-03-03T12:00:00+08:00");
  static final long ONE_HOUR = Duration.ofHours(1).toMillis();

  private Fixtures() {}

  /** A direct-hire welder post in Ningbo asking for every welding skill, level 4, 6–9k CNY. */
  static VacancyEvent aWelderVacancy(String id, long at) {
    return vacancy(id, VacancyEventType.OPENED, "ningbo", at, at, WELDING.essentialSkillIds(),
        WELDING.optionalSkillIds(), CertificateLevel.LEVEL_4, 6000, 9000, EmploymentType.DIRECT, null);
  }

  static VacancyEvent vacancy(String id, VacancyEventType type, String city, long at, long posted,
      List<String> essential, List<String> optional, CertificateLevel level, int min, int max,
      EmploymentType employment, String candidateId) {
    return Vacancies.event(type, id).at(at).city(city).posted(posted).essential(essential).optional(optional)
        .level(level).salary(min, max).employment(employment).candidate(candidateId).build();
  }

  static VacancyEvent filled(VacancyEvent v, String candidateId, long at) {
    return vacancy(v.vacancyId(), VacancyEventType.FILLED, v.cityId(), at, v.postedTime(), null, null,
        null, 0, 0, null, candidateId);
  }

  /** A Ningbo welder with every welding skill, level 4, expecting 8k CNY, who would also work in Hangzhou. */
  static CandidateEvent aWelder(String id, long at) {
    return candidate(id, CandidateEventType.REGISTERED, at, at, WELDING.essentialSkillIds(),
        CertificateLevel.LEVEL_4, 8000, null);
  }

  static CandidateEvent candidate(String id, CandidateEventType type, long at, long registered,
      List<String> skills, CertificateLevel level, int salary, String vacancyId) {
    return Candidates.event(type, id).at(at).registered(registered).accepts(List.of("hangzhou")).skills(skills)
        .level(level).expectedSalary(salary).employmentTypes(List.of(EmploymentType.DIRECT, EmploymentType.DISPATCH))
        .vacancy(vacancyId).build();
  }

  static CandidateEvent placed(CandidateEvent c, String vacancyId, long at) {
    return candidate(c.candidateId(), CandidateEventType.PLACED, at, c.registeredTime(), null, null, 0,
        vacancyId);
  }
}
