package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import java.util.ArrayList;
import java.util.List;

/** The simulator's mutable state: live vacancies and candidates, and pools of who can be hired. */
final class Entities {
  private Entities() {}

  /** A post and where it is in its life. */
  static final class Vacancy {
    VacancyEvent post;
    final int occupation;
    int events;
    long lastEmit = Long.MIN_VALUE / 2;
    boolean open = true;
    boolean willWithdraw;
    long closeAt;

    Vacancy(VacancyEvent post, int occupation) {
      this.post = post;
      this.occupation = occupation;
    }

    /** This post as an event of the given type; FILLED and WITHDRAWN drop the post's details. */
    VacancyEvent as(VacancyEventType type, String eventId, long eventTime, String candidateId) {
      VacancyEvent p = post;
      if (type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED) {
        return new VacancyEvent(
            eventId, eventTime, p.schemaVersion(), type, p.vacancyId(), p.cityId(), p.occupationCode(),
            p.employerId(), p.postedTime(), p.essentialSkills(), p.optionalSkills(), p.certificateLevel(),
            p.education(), p.salaryMin(), p.salaryMax(), p.employmentType(), p.shiftPattern(), p.headcount(),
            p.technical(), null);
      }
      // closes keep what a counter needs without a join: kind, terms, posting time
      return new VacancyEvent(
          eventId, eventTime, p.schemaVersion(), type, p.vacancyId(), p.cityId(), p.occupationCode(),
          p.employerId(), p.postedTime(), null, null, null, null, null, null, p.employmentType(), null, null,
          p.technical(), candidateId);
    }

    VacancyEvent withSalary(int min, int max) {
      VacancyEvent p = post;
      return new VacancyEvent(
          p.eventId(), p.eventTime(), p.schemaVersion(), p.type(), p.vacancyId(), p.cityId(), p.occupationCode(),
          p.employerId(), p.postedTime(), p.essentialSkills(), p.optionalSkills(), p.certificateLevel(),
          p.education(), min, max, p.employmentType(), p.shiftPattern(), p.headcount(), p.technical(), null);
    }
  }

  /** A profile and whether the candidate can still be hired. */
  static final class Candidate {
    CandidateEvent profile;
    final int pool;
    int poolIndex = -1;
    int events;
    long lastEmit = Long.MIN_VALUE / 2;
    boolean available = true;

    Candidate(CandidateEvent profile, int pool) {
      this.profile = profile;
      this.pool = pool;
    }

    /** This profile as an event; PLACED and WITHDRAWN keep home, acceptance and occupations only. */
    CandidateEvent as(CandidateEventType type, String eventId, long eventTime, String vacancyId) {
      CandidateEvent p = profile;
      boolean full = type == CandidateEventType.REGISTERED || type == CandidateEventType.UPDATED;
      return new CandidateEvent(
          eventId, eventTime, p.schemaVersion(), type, p.candidateId(), p.cityId(), p.acceptedCities(),
          p.occupationCodes(), full ? p.skills() : null, full ? p.certificateLevel() : null,
          full ? p.education() : null, full ? p.expectedSalary() : null, full ? p.employmentTypes() : null,
          p.availableFrom(), p.registeredTime(), vacancyId);
    }

    CandidateEvent withSalaryAndSkills(int expectedSalary, List<String> skills) {
      CandidateEvent p = profile;
      return new CandidateEvent(
          p.eventId(), p.eventTime(), p.schemaVersion(), p.type(), p.candidateId(), p.cityId(),
          p.acceptedCities(), p.occupationCodes(), List.copyOf(skills), p.certificateLevel(), p.education(),
          expectedSalary, p.employmentTypes(), p.availableFrom(), p.registeredTime(), null);
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
