package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TechnicalPostsTest {
  private static final long DAY = Duration.ofDays(1).toMillis();

  @Test
  void technicalPostsFillSlowlyAndManyStayOpenPastThirtyDays() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.builder().cities("ningbo").duration(Duration.ofDays(50)).volumeScale(0.3).build();
    long liveFrom = config.start().toEpochMilli();
    long cohortEnd = config.start().plus(Duration.ofDays(10)).toEpochMilli();
    Map<String, Long> cohort = new HashMap<>();   // technical posts opened live in the first 10 days
    List<Double> fillDays = new ArrayList<>();
    int openPast30 = 0;
    Map<String, Long> closed = new HashMap<>();
    for (Iterator<SimEvent> it = Simulator.events(config); it.hasNext(); ) {
      SimEvent e = it.next();
      if (!Topics.VACANCIES.equals(e.topic())) continue;
      VacancyEvent v = EventCodec.decodeVacancy(e.value());
      switch (v.type()) {
        case OPENED -> {
          if (v.technical() && e.emitTime() >= liveFrom && e.emitTime() < cohortEnd) cohort.put(v.vacancyId(), v.postedTime());
        }
        case FILLED, WITHDRAWN -> {
          if (cohort.containsKey(v.vacancyId())) {
            closed.put(v.vacancyId(), v.eventTime());
            if (v.type() == io.matchstream.events.VacancyEventType.FILLED) {
              fillDays.add((v.eventTime() - v.postedTime()) / (double) DAY);
            }
          }
        }
        default -> { }
      }
    }
    for (Map.Entry<String, Long> p : cohort.entrySet()) {
      Long end = closed.get(p.getKey());
      if (end == null || end - p.getValue() > 30 * DAY) openPast30++;
    }
    assertThat(cohort).hasSizeGreaterThan(300);
    assertThat((double) openPast30 / cohort.size()).isBetween(0.35, 0.8);
    // only fills within the 40-50 days observed: the true median is longer still
    assertThat(StreamSummary.median(fillDays)).isGreaterThan(25.0);
  }
}
