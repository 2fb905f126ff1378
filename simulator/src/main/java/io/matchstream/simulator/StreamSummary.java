package io.matchstream.simulator;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CandidateEventType;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a stream as a consumer sees it (decoded from the wire): the calibration figures of the
 * README, stocks at the end of each Shanghai day, fill times, disorder. Poison records are counted
 * and skipped. Used by the calibration tests and by {@code --summary}.
 */
public final class StreamSummary {
  private static final long DAY = ShanghaiCalendar.DAY_MILLIS;
  private static final long HOUR = 3_600_000L;

  /** One end-of-day reading. */
  public record DayEnd(long dayStart, int openVacancies, int availableCandidates, int openShortage,
      int availableShortage, long openings, long registrations, long placements, long ningboOpenings,
      long ningboRegistrations) {
    public double ratio() {
      return (double) openVacancies / availableCandidates;
    }

    public double shortageRatio() {
      return (double) openShortage / availableShortage;
    }
  }

  private final Map<String, VacancyEvent> open = new HashMap<>();
  private final Map<String, String> available = new HashMap<>();
  private final Map<String, Long> lastEventTime = new HashMap<>();
  private final List<DayEnd> days = new ArrayList<>();
  public final List<Double> lineFillDays = new ArrayList<>();
  public final List<Double> technicalFillDays = new ArrayList<>();
  public long events;
  public long poison;
  public long openings;
  public long dispatchOpenings;
  public long technicalOpenings;
  public long registrations;
  public long placements;
  public long fills;
  public long lateEvents;
  public long maxLagMillis;
  public long entityOrderViolations;
  private long maxEventTime = Long.MIN_VALUE;
  private long currentDay = Long.MIN_VALUE;
  private long dayOpenings;
  private long dayRegistrations;
  private long dayPlacements;
  private long dayNingboOpenings;
  private long dayNingboRegistrations;
  private long lastEmit;

  /** Adds one record. */
  public void accept(SimEvent e) {
    long day = shanghaiDayStart(e.emitTime());
    if (currentDay != Long.MIN_VALUE && day != currentDay) {
      closeDay();
    }
    currentDay = day;
    lastEmit = e.emitTime();
    events++;
    if (e.isPoison()) {
      poison++;
      return;
    }
    maxLagMillis = Math.max(maxLagMillis, e.emitTime() - e.eventTime());
    if (e.eventTime() < maxEventTime) {
      lateEvents++;
    }
    maxEventTime = Math.max(maxEventTime, e.eventTime());
    Long previous = lastEventTime.put(e.key(), e.eventTime());
    if (previous != null && previous >= e.eventTime()) {
      entityOrderViolations++;
    }
    try {
      if (Topics.VACANCIES.equals(e.topic())) {
        vacancy(EventCodec.decodeVacancy(e.value()));
      } else {
        candidate(EventCodec.decodeCandidate(e.value()));
      }
    } catch (InvalidEventException ex) {
      throw new IllegalStateException("a valid event did not decode: " + ex.reason(), ex);
    }
  }

  private void vacancy(VacancyEvent v) {
    switch (v.type()) {
      case OPENED -> {
        open.put(v.vacancyId(), v);
        openings++;
        dayOpenings++;
        if ("ningbo".equals(v.cityId())) dayNingboOpenings++;
        if (v.employmentType() == EmploymentType.DISPATCH) dispatchOpenings++;
        if (Boolean.TRUE.equals(v.technical())) technicalOpenings++;
      }
      case UPDATED -> open.put(v.vacancyId(), v);
      case FILLED -> {
        open.remove(v.vacancyId());
        fills++;
        double days = (v.eventTime() - v.postedTime()) / (double) DAY;
        (Boolean.TRUE.equals(v.technical()) ? technicalFillDays : lineFillDays).add(days);
      }
      case WITHDRAWN -> open.remove(v.vacancyId());
      default -> throw new IllegalStateException(String.valueOf(v.type()));
    }
  }

  private void candidate(CandidateEvent c) {
    if (c.type() == CandidateEventType.REGISTERED) {
      available.put(c.candidateId(), c.occupationCodes().get(0));
      registrations++;
      dayRegistrations++;
      if ("ningbo".equals(c.cityId())) dayNingboRegistrations++;
    } else if (c.type().closes()) {
      available.remove(c.candidateId());
      if (c.type() == CandidateEventType.PLACED) {
        placements++;
        dayPlacements++;
      }
    }
  }

  private void closeDay() {
    int openShortage = (int) open.values().stream().filter(v -> Calibration.isShortage(v.occupationCode())).count();
    int availableShortage = (int) available.values().stream().filter(Calibration::isShortage).count();
    days.add(new DayEnd(currentDay, open.size(), available.size(), openShortage, availableShortage, dayOpenings,
        dayRegistrations, dayPlacements, dayNingboOpenings, dayNingboRegistrations));
    dayOpenings = dayRegistrations = dayPlacements = dayNingboOpenings = dayNingboRegistrations = 0;
  }

  /** Ends the stream: the current day counts as ended (call once, after the last record). */
  public StreamSummary finish() {
    if (currentDay != Long.MIN_VALUE) {
      closeDay();
      currentDay = Long.MIN_VALUE;
    }
    return this;
  }

  /** The end-of-day readings so far (a day ends with the first record of the next, or {@link #finish}). */
  public List<DayEnd> days() {
    return List.copyOf(days);
  }

  /** Technical posts still open that were posted more than {@code days} before the last emission. */
  public long technicalOpenLongerThan(int days) {
    return open.values().stream()
        .filter(v -> Boolean.TRUE.equals(v.technical()) && lastEmit - v.postedTime() > days * DAY)
        .count();
  }

  public double dispatchShare() {
    return (double) dispatchOpenings / openings;
  }

  public double technicalShare() {
    return (double) technicalOpenings / openings;
  }

  /** Share of the values within [min, max]. */
  public static double shareWithin(List<Double> values, double min, double max) {
    return values.isEmpty() ? 0 : values.stream().filter(d -> d >= min && d <= max).count() / (double) values.size();
  }

  public static double median(List<Double> values) {
    return values.isEmpty() ? Double.NaN : values.stream().sorted().toList().get(values.size() / 2);
  }

  /** The calibration table the README shows. */
  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "records %d (poison %d), late events %d, max lag %d s, entity order violations %d%n",
        events, poison, lateEvents, maxLagMillis / 1000, entityOrderViolations);
    out.printf(Locale.ROOT, "openings %d, dispatch %.1f%%, technical %.1f%%; registrations %d; placements %d%n",
        openings, 100 * dispatchShare(), 100 * technicalShare(), registrations, placements);
    out.printf(Locale.ROOT, "line fills %d: median %.1f d, within 7-14 d %.0f%%; technical fills %d: median %.1f d;"
            + " technical open > 30 d now: %d%n",
        lineFillDays.size(), median(lineFillDays), 100 * shareWithin(lineFillDays, 7, 14.0),
        technicalFillDays.size(), median(technicalFillDays), technicalOpenLongerThan(30));
    out.println("day (Shanghai)  open-vac  avail-cand  ratio  shortage-ratio  openings  registrations  placements"
        + "  ningbo-open  ningbo-reg");
    for (DayEnd d : days) {
      out.printf(Locale.ROOT, "%-14s  %8d  %10d  %5.2f  %14.2f  %8d  %13d  %10d  %11d  %10d%n",
          io.matchstream.events.codec.IsoTime.format(d.dayStart()).substring(0, 10), d.openVacancies(),
          d.availableCandidates(), d.ratio(), d.shortageRatio(), d.openings(), d.registrations(), d.placements(),
          d.ningboOpenings(), d.ningboRegistrations());
    }
    if (out.checkError()) {
      throw new UncheckedIOException(new java.io.IOException("cannot write the summary"));
    }
  }

  private static long shanghaiDayStart(long millis) {
    return Math.floorDiv(millis + 8 * HOUR, DAY) * DAY - 8 * HOUR;
  }
}
