package io.matchstream.jobs.stats;

import io.matchstream.events.CertificateLevel;
import io.matchstream.events.Education;
import io.matchstream.events.Ids;
import io.matchstream.events.LevelFit;
import io.matchstream.events.Match;
import io.matchstream.events.SalaryFit;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.testkit.fixtures.Vacancies;
import java.util.ArrayList;
import java.util.List;

/** A handful of hand-made events for scenario tests; {@link #tick} moves event time on. */
final class TinyWorld {
  private static final String LATHE = "6-18-01-01";
  private final List<KafkaIo.Rec> pending = new ArrayList<>();
  private final String skill = Taxonomy.loadDefault().occupation(LATHE).skills().get(0).skillId();
  private int ticks;

  static String vacancyId(int i) {
    return "vac-tech" + String.format("%04d", i);
  }

  void openTechnicalPost(int i, long time) {
    post(VacancyEventType.OPENED, i, time, time);
  }

  void fill(int i, long time) {
    post(VacancyEventType.FILLED, i, time, 0);
  }

  /** Matches on every partition's keys at {@code time}, so every source split's watermark moves. */
  void tick(long time) {
    for (int k = 0; k < 8; k++) {
      String vac = "vac-tick" + String.format("%04d", ticks);
      String cand = "cand-tick" + String.format("%04d", ticks++);
      String id = Ids.matchId(vac, cand);
      Match m = new Match(id, id, time, SchemaVersion.CURRENT, vac, cand, "ningbo", LATHE, "emp-0001", 0.8, 0.8, 1, 1,
          1, 1, List.of(), List.of(), SalaryFit.WITHIN, LevelFit.MEETS, time, time);
      pending.add(new KafkaIo.Rec("matches", id, EventCodec.encode(m)));
    }
  }

  List<KafkaIo.Rec> drain() {
    List<KafkaIo.Rec> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  private void post(VacancyEventType t, int i, long time, long opened) {
    boolean full = t == VacancyEventType.OPENED;
    String id = vacancyId(i);
    Vacancies.Builder event = full
        ? Vacancies.event(t, id).essential(List.of(skill)).level(CertificateLevel.LEVEL_3)
            .education(Education.VOCATIONAL_SECONDARY).salary(7000, 9000)
        : Vacancies.lifecycle(t, id);
    VacancyEvent e = event.eventId(id + "-" + t.name().toLowerCase()).at(time).occupation(LATHE).employer("emp-0042")
        .posted(opened == 0 ? time - 5 * ShanghaiCalendar.DAY_MILLIS : opened)
        .candidate(t == VacancyEventType.FILLED ? "cand-filler" + String.format("%04d", i) : null).build();
    pending.add(new KafkaIo.Rec("vacancies", id, EventCodec.encode(e)));
  }
}
