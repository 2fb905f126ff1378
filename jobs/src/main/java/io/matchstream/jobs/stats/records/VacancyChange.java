package io.matchstream.jobs.stats.records;

import io.matchstream.events.CertificateLevel;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.functions.LifecycleFunction;

/** What the stats job needs of a {@link VacancyEvent}: a flat Flink POJO, no skill lists. */
public class VacancyChange implements LifecycleFunction.Change {
  public String vacancyId;
  public VacancyEventType type;
  /** Epoch milliseconds. */
  public long eventTime;
  public String cityId;
  public String occupationCode;
  public String employerId;
  /** When the post opened, epoch milliseconds. */
  public long postedTime;
  /** Null on FILLED/WITHDRAWN, which need not carry the post. */
  public EmploymentType employmentType;
  /** Null on FILLED/WITHDRAWN. */
  public Boolean technical;
  /** Monthly, CNY; null on FILLED/WITHDRAWN. */
  public Integer salaryMin;
  /** Monthly, CNY; null on FILLED/WITHDRAWN. */
  public Integer salaryMax;
  public CertificateLevel certificateLevel;

  public VacancyChange() {}

  public static VacancyChange of(VacancyEvent e) {
    VacancyChange c = new VacancyChange();
    c.vacancyId = e.vacancyId();
    c.type = e.type();
    c.eventTime = e.eventTime();
    c.cityId = e.cityId();
    c.occupationCode = e.occupationCode();
    c.employerId = e.employerId();
    c.postedTime = e.postedTime();
    c.employmentType = e.employmentType();
    c.technical = e.technical();
    c.salaryMin = e.salaryMin();
    c.salaryMax = e.salaryMax();
    c.certificateLevel = e.certificateLevel();
    return c;
  }

  @Override
  public String entityId() {
    return vacancyId;
  }

  @Override
  public long eventTime() {
    return eventTime;
  }

  @Override
  public LifecycleFunction.Step step() {
    return switch (type) {
      case OPENED -> LifecycleFunction.Step.ANNOUNCE;
      case UPDATED -> LifecycleFunction.Step.UPDATE;
      case FILLED, WITHDRAWN -> LifecycleFunction.Step.CLOSE;
    };
  }

  @Override
  public String toString() {
    return "VacancyChange[" + vacancyId + " " + type + " @" + eventTime + "]";
  }
}
