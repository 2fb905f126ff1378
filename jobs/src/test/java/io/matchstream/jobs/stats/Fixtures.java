package io.matchstream.jobs.stats;

import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.IsoTime;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.configuration.Configuration;

/** Named instants and factories for the stats tests. */
final class Fixtures {
  /** Monday 2 March 2026, 09:00 in Shanghai. */
  static final long MONDAY_MORNING = IsoTime.parse("2026-03-02T09:00:00+08:00");
  static final long DAY = ShanghaiCalendar.DAY_MILLIS;
  static final String LATHE = "6-18-01-01";
  static final String WELDER = "6-18-02-04";

  private Fixtures() {}

  static long at(String iso) {
    return IsoTime.parse(iso);
  }

  static StatsSettings settings(String... keyValues) {
    Configuration c = new Configuration();
    for (int i = 0; i < keyValues.length; i += 2) {
      c.setString(keyValues[i], keyValues[i + 1]);
    }
    return StatsSettings.from(c);
  }

  static VacancyChange aTechnicalPost(String id, VacancyEventType type, long time, long posted) {
    VacancyChange v = new VacancyChange();
    v.vacancyId = id;
    v.type = type;
    v.eventTime = time;
    v.cityId = "ningbo";
    v.occupationCode = LATHE;
    v.employerId = "emp-0042";
    v.postedTime = posted;
    if (type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED) {
      v.employmentType = EmploymentType.DIRECT;
      v.technical = true;
      v.salaryMin = 7000;
      v.salaryMax = 9500;
      v.certificateLevel = CertificateLevel.LEVEL_3;
    }
    return v;
  }

  static CandidateChange aCandidate(String id, CandidateEventType type, long time, String... codes) {
    CandidateChange c = new CandidateChange();
    c.candidateId = id;
    c.type = type;
    c.eventTime = time;
    c.cityId = "ningbo";
    c.occupationCodes = codes;
    return c;
  }

  static CityDelta match(String city, long time) {
    return CityDelta.of(city, time, DeltaKind.MATCH, 1);
  }
}
