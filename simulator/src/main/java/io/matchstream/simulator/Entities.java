package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShiftPattern;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's mutable state: live vacancies and candidates, and pools of who can be hired.
 *
 * <p>The all-in-one keeps every open post and available candidate here for as long as it runs
 * (~575k at the pilot's volume), in the same heap as the jobs, so each holds its fields, not an
 * event: strings shared with the taxonomy, the city table and the employer table, numbers as
 * primitives, lists that repeat (employment types) shared. Events are made when emitted.
 */
final class Entities {
  private Entities() {}

  /** A post and where it is in its life. */
  static final class Vacancy {
    final String id;
    final String cityId;
    final String occupationCode;
    final String employerId;
    final int occupation;
    final long postedTime;
    private final String[] essentialSkills;
    private final String[] optionalSkills;
    private final CertificateLevel certificateLevel;
    private final Education education;
    final EmploymentType employmentType;
    final ShiftPattern shiftPattern;
    final int headcount;
    private final boolean technical;
    int salaryMin;
    int salaryMax;
    int events;
    long lastEmit = Long.MIN_VALUE / 2;
    boolean open = true;
    boolean willWithdraw;
    /** Closed by withdrawal rather than by filling (meaningful once {@link #open} is false). */
    boolean withdrawn;
    /** Candidates hired so far through matches; the post is FILLED when this reaches headcount. */
    int hired;
    /** Its fill was put back to make room for a post filled through a match (closed loop). */
    boolean putBack;
    long closeAt;

    /** Keeps the post's fields (its skill lists must not change afterwards). */
    Vacancy(VacancyEvent post, int occupation) {
      this.id = post.vacancyId();
      this.cityId = post.cityId();
      this.occupationCode = post.occupationCode();
      this.employerId = post.employerId();
      this.occupation = occupation;
      this.postedTime = post.postedTime();
      this.essentialSkills = post.essentialSkills().toArray(String[]::new);
      this.optionalSkills = post.optionalSkills() == null ? null : post.optionalSkills().toArray(String[]::new);
      this.certificateLevel = post.certificateLevel();
      this.education = post.education();
      this.employmentType = post.employmentType();
      this.shiftPattern = post.shiftPattern();
      this.headcount = post.headcount();
      this.technical = post.technical();
      this.salaryMin = post.salaryMin();
      this.salaryMax = post.salaryMax();
    }

    /** This post as an event of the given type; FILLED and WITHDRAWN drop the post's details. */
    VacancyEvent as(VacancyEventType type, String eventId, long eventTime, String candidateId) {
      if (type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED) {
        return new VacancyEvent(
            eventId, eventTime, SchemaVersion.CURRENT, type, id, cityId, occupationCode, employerId, postedTime,
            List.of(essentialSkills), optionalSkills == null ? null : List.of(optionalSkills), certificateLevel,
            education, salaryMin, salaryMax, employmentType, shiftPattern, headcount, technical, null);
      }
      // closes keep what a counter needs without a join: kind, terms, posting time
      return new VacancyEvent(
          eventId, eventTime, SchemaVersion.CURRENT, type, id, cityId, occupationCode, employerId, postedTime,
          null, null, null, null, null, null, employmentType, null, null, technical, candidateId);
    }
  }

  /** A profile and whether the candidate can still be hired. */
  static final class Candidate {
    /** The few distinct employment-type lists, shared by every candidate that accepts the same. */
    private static final ConcurrentHashMap<List<EmploymentType>, List<EmploymentType>> TYPES =
        new ConcurrentHashMap<>();

    final String id;
    final String cityId;
    final List<String> acceptedCities;
    private final List<String> occupationCodes;
    private String[] skills;
    private final CertificateLevel certificateLevel;
    private final Education education;
    int expectedSalary;
    final List<EmploymentType> employmentTypes;
    final long availableFrom;
    private final long registeredTime;
    final int pool;
    int poolIndex = -1;
    int events;
    long lastEmit = Long.MIN_VALUE / 2;
    boolean available = true;
    /** No longer available because hired (rather than withdrawn). */
    boolean placed;

    Candidate(CandidateEvent profile, int pool) {
      this.id = profile.candidateId();
      this.cityId = profile.cityId();
      this.acceptedCities = profile.acceptedCities();
      this.occupationCodes = profile.occupationCodes();
      this.skills = profile.skills().toArray(String[]::new);
      this.certificateLevel = profile.certificateLevel();
      this.education = profile.education();
      this.expectedSalary = profile.expectedSalary();
      this.employmentTypes = TYPES.computeIfAbsent(profile.employmentTypes(), List::copyOf);
      this.availableFrom = profile.availableFrom();
      this.registeredTime = profile.registeredTime();
      this.pool = pool;
    }

    /** This profile as an event; PLACED and WITHDRAWN keep home, acceptance and occupations only. */
    CandidateEvent as(CandidateEventType type, String eventId, long eventTime, String vacancyId) {
      boolean full = type == CandidateEventType.REGISTERED || type == CandidateEventType.UPDATED;
      return new CandidateEvent(
          eventId, eventTime, SchemaVersion.CURRENT, type, id, cityId, acceptedCities, occupationCodes,
          full ? List.of(skills) : null, full ? certificateLevel : null, full ? education : null,
          full ? expectedSalary : null, full ? employmentTypes : null, availableFrom, registeredTime, vacancyId);
    }

    List<String> skills() {
      return List.of(skills);
    }

    void setSkills(List<String> skills) {
      this.skills = skills.toArray(String[]::new);
    }
  }

  /** Available candidates of one (city, occupation): O(1) add, remove and random pick. */
  static final class Pool {
    private final ArrayList<Candidate> members = new ArrayList<>();

    void add(Candidate c) {
      c.poolIndex = members.size();
      members.add(c);
    }

    void remove(Candidate c) {
      int i = c.poolIndex;
      Candidate last = members.remove(members.size() - 1);
      if (last != c) {
        members.set(i, last);
        last.poolIndex = i;
      }
      c.poolIndex = -1;
    }

    int size() {
      return members.size();
    }

    Candidate get(int i) {
      return members.get(i);
    }
  }
}
