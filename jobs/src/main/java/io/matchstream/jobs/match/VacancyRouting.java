package io.matchstream.jobs.match;

import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import java.util.List;

/**
 * Routes vacancy events to their pool (city × occupation family), with a leave to the old pool when
 * an UPDATED moves the post to another city or family; see {@link PoolRouting}. Keyed by
 * {@link RouterShards#VACANCY}.
 */
public class VacancyRouting extends PoolRouting<VacancyEvent, RoutedVacancy> {
  private static final long serialVersionUID = 1L;

  private final long vacancyMaxAgeMillis;

  public VacancyRouting(long vacancyMaxAgeMillis) {
    this.vacancyMaxAgeMillis = vacancyMaxAgeMillis;
  }

  @Override
  String idOf(VacancyEvent v) {
    return v.vacancyId();
  }

  @Override
  String idPrefix() {
    return "vac-";
  }

  @Override
  List<String> poolsOf(VacancyEvent v) {
    return List.of(PoolKey.of(v));
  }

  @Override
  boolean closes(VacancyEvent v) {
    return v.type().closes();
  }

  @Override
  long eventTime(VacancyEvent v) {
    return v.eventTime();
  }

  @Override
  String eventId(VacancyEvent v) {
    return v.eventId();
  }

  @Override
  long expiryOf(VacancyEvent v) {
    return v.postedTime() + vacancyMaxAgeMillis;
  }

  @Override
  VacancyEvent leaving(VacancyEvent v, long eventTime, String eventId) {
    return new VacancyEvent(eventId, eventTime, v.schemaVersion(), VacancyEventType.WITHDRAWN, v.vacancyId(),
        v.cityId(), v.occupationCode(), v.employerId(), v.postedTime(), null, null, null, null, null, null,
        null, null, null, null, null);
  }

  @Override
  RoutedVacancy routed(String pool, VacancyEvent v) {
    return new RoutedVacancy(pool, v);
  }
}
