package io.matchstream.simulator;

import io.matchstream.events.CandidateEventType;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.City;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.simulator.Entities.Candidate;
import io.matchstream.simulator.Entities.Pool;
import io.matchstream.simulator.Entities.Vacancy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A deterministic discrete-event simulation of the pilot's vacancy and candidate lifecycles. Pure:
 * no wall clock, no I/O; the same config gives byte-identical events, in emission order.
 *
 * <p>Each city opens posts and registers candidates at its size's share of the {@link Calibration}
 * rates, with a working-day rhythm. A post's life (fill time, or withdrawal) is drawn when it
 * opens; when its fill time comes it hires available candidates of its city and occupation (its
 * FILLED and their PLACED at the same instant), or tries again a day or two later. Candidates not
 * hired withdraw when their patience runs out. An initial stock, sized for steady state, is
 * emitted in the {@link #INITIAL_STOCK_WINDOW} <em>before</em> the start, with posting and
 * registration times further in the past: from a midnight start, the stock opens on the previous
 * day, so whatever it sets off (matches, openings) is counted there and the first simulated day
 * looks like every later one.
 */
public final class Simulator implements Iterator<SimEvent> {
  public static final String VACANCIES = "vacancies";
  public static final String CANDIDATES = "candidates";

  /** An event's time lags its emission by at most this: watermarks allow for it. */
  public static final Duration MAX_DISORDER = Duration.ofMinutes(2);

  /** Successive events of one entity are at least this far apart, more than {@link #MAX_DISORDER}. */
  public static final Duration MIN_ENTITY_GAP = Duration.ofMinutes(5);

  /**
   * The initial stock is emitted (and its events are timed) within this long before the start:
   * it is the board as it stood when the run begins, not one day's arrivals.
   */
  public static final Duration INITIAL_STOCK_WINDOW = Duration.ofMinutes(10);

  /** Share of live events that arrive late (by up to {@link #MAX_DISORDER}). */
  static final double LATE_SHARE = 0.3;

  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final long GAP = MIN_ENTITY_GAP.toMillis();
  private static final long DISORDER = MAX_DISORDER.toMillis();
  /** Relative arrival intensity per Shanghai hour: a working day with a lunch dip. */
  private static final double[] HOURLY = {
    0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.6, 1.8, 1.8, 1.8, 1.8, 1.0, 1.8, 1.8, 1.8, 1.8, 1.8, 0.9, 0.9,
    0.9, 0.4, 0.4, 0.4
  };
  private static final double HOURLY_MEAN = sum(HOURLY) / 24;
  private static final double HOURLY_PEAK = 1.8;

  private enum Kind { VACANCY_ARRIVAL, CANDIDATE_ARRIVAL, OPEN, REGISTER, VACANCY_UPDATE, CLOSE, CANDIDATE_UPDATE, WITHDRAW }

  private record Action(long time, long seq, Kind kind, int city, Object subject) {}

  private final SimulatorConfig config;
  private final Taxonomy taxonomy = Taxonomy.loadDefault();
  private final RatePlan plan = new RatePlan(taxonomy);
  private final Profiles profiles = new Profiles(taxonomy);
  private final Rng rng;
  private final Poisoner poisoner;
  private final List<City> cities = new ArrayList<>();
  private final List<String[]> employers = new ArrayList<>();
  private final List<List<String>> sameRegion = new ArrayList<>();
  private final List<List<String>> otherRegions = new ArrayList<>();
  private final double[] vacancyCumulative;
  private final double[] candidateCumulative;
  private final Pool[] pools;
  private final PriorityQueue<Action> queue =
      new PriorityQueue<>(Comparator.comparingLong(Action::time).thenComparingLong(Action::seq));
  private final ArrayDeque<SimEvent> out = new ArrayDeque<>();
  private final long end;
  private long seq;
  private long emitted;
  /** Queued actions of candidates hired since the last purge: they would only be skipped. */
  private long staleActions;
  private Object lastPost;
  private Object lastProfile;

  private Simulator(SimulatorConfig config) {
    this.config = config;
    this.rng = new Rng(config.seed());
    this.poisoner = new Poisoner(config.seed());
    this.end = config.end() == null ? Long.MAX_VALUE : config.end().toEpochMilli();
    int n = plan.occupations.size();
    vacancyCumulative = cumulative(plan.vacancyRate);
    candidateCumulative = cumulative(plan.candidateRate);
    for (String id : config.cities()) {
      cities.add(config.cityRegistry().get(id));
    }
    pools = new Pool[cities.size() * n];
    for (int i = 0; i < pools.length; i++) {
      pools[i] = new Pool();
    }
    long start = config.start().toEpochMilli();
    for (int c = 0; c < cities.size(); c++) {
      City city = cities.get(c);
      String[] emp = new String[20 + (int) Math.round(180 * city.sizeWeight() * config.volumeScale())];
      for (int i = 0; i < emp.length; i++) {
        emp[i] = "emp-" + rng.base36(8);
      }
      employers.add(emp);
      sameRegion.add(cities.stream().filter(o -> o != city && o.region().equals(city.region())).map(City::id).toList());
      otherRegions.add(cities.stream().filter(o -> !o.region().equals(city.region())).map(City::id).toList());
      seedStock(c, start);
      schedule(start + nextArrivalDelay(start, c, plan.totalVacancyRate), Kind.VACANCY_ARRIVAL, c, null);
      schedule(start + nextArrivalDelay(start, c, plan.totalCandidateRate), Kind.CANDIDATE_ARRIVAL, c, null);
    }
  }

  /** The events of a run, in emission order. */
  public static Iterator<SimEvent> events(SimulatorConfig config) {
    return new Simulator(config);
  }

  /** The events of a run as an ordered stream (lazy; unbounded when the config is). */
  public static Stream<SimEvent> stream(SimulatorConfig config) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(events(config), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public boolean hasNext() {
    if (config.maxEvents() > 0 && emitted >= config.maxEvents()) {
      return false;
    }
    while (out.isEmpty() && !queue.isEmpty() && queue.peek().time() < end) {
      step(queue.poll());
    }
    return !out.isEmpty();
  }

  @Override
  public SimEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    emitted++;
    return out.poll();
  }

  private void step(Action a) {
    long now = a.time();
    switch (a.kind()) {
      case VACANCY_ARRIVAL -> {
        openNew(a.city(), now);
        schedule(now + nextArrivalDelay(now, a.city(), plan.totalVacancyRate), Kind.VACANCY_ARRIVAL, a.city(), null);
      }
      case CANDIDATE_ARRIVAL -> {
        registerNew(a.city(), now);
        schedule(now + nextArrivalDelay(now, a.city(), plan.totalCandidateRate), Kind.CANDIDATE_ARRIVAL, a.city(), null);
      }
      case OPEN -> open((Vacancy) a.subject(), now, 0);
      case REGISTER -> register((Candidate) a.subject(), a.city(), now, 0);
      case VACANCY_UPDATE -> updateVacancy((Vacancy) a.subject(), now);
      case CLOSE -> close((Vacancy) a.subject(), now);
      case CANDIDATE_UPDATE -> updateCandidate((Candidate) a.subject(), now);
      case WITHDRAW -> withdrawCandidate((Candidate) a.subject(), now);
      default -> throw new IllegalStateException("unknown action " + a.kind());
    }
  }

  // ---- initial stock -------------------------------------------------------------------------

  /** Steady-state stock: open posts with length-biased lives, candidates with memoryless stays. */
  private void seedStock(int c, long start) {
    double size = cities.get(c).sizeWeight() * config.volumeScale();
    long window = INITIAL_STOCK_WINDOW.toMillis();
    for (int o = 0; o < plan.occupations.size(); o++) {
      Occupation occ = plan.occupations.get(o);
      for (int i = randomRound(plan.openVacancies[o] * size); i > 0; i--) {
        long life = (long) (lengthBiasedLifeDays(occ.technical()) * DAY);
        long posted = start - (long) (rng.nextDouble() * life);
        Vacancy v = newVacancy(c, o, start, posted);
        long residual = posted + life - start;
        // a post found open has not been withdrawn yet: withdrawal falls within what is left
        v.closeAt = start + (v.willWithdraw ? (long) (residual * rng.uniform(0.3, 1.0)) : residual);
        schedule(stockTime(start, window), Kind.OPEN, c, v);
      }
      for (int i = randomRound(plan.availableCandidates[o] * size); i > 0; i--) {
        long age = (long) (Math.min(rng.exponential(plan.candidateStayDays[o]), 180) * DAY);
        Candidate cand = newCandidate(c, o, start, start - age);
        schedule(stockTime(start, window), Kind.REGISTER, c, cand);
      }
    }
  }

  /** A random instant in the window before the start (never the start itself: that is the live day's). */
  private long stockTime(long start, long window) {
    return start - window + (long) (rng.nextDouble() * window);
  }

  /** Life of a post found open at a random instant: longer lives are proportionally likelier. */
  private double lengthBiasedLifeDays(boolean technical) {
    if (technical) {
      double sigma = Calibration.TECHNICAL_FILL_SIGMA;
      return Calibration.TECHNICAL_FILL_MEDIAN_DAYS * Math.exp(sigma * sigma + sigma * rng.gaussian());
    }
    double a = Calibration.LINE_FILL_MIN.toHours() / 24.0;
    double b = Calibration.LINE_FILL_MAX.toHours() / 24.0;
    return Math.sqrt(a * a + rng.nextDouble() * (b * b - a * a));
  }

  // ---- vacancies -----------------------------------------------------------------------------

  private void openNew(int c, long now) {
    long lag = lag();
    int o = rng.fromCumulative(vacancyCumulative);
    Vacancy v = newVacancy(c, o, now - lag, now - lag);
    long life = (long) (lifeDays(plan.occupations.get(o).technical()) * DAY);
    v.closeAt = v.postedTime + (v.willWithdraw ? (long) (life * rng.uniform(0.3, 1.0)) : life);
    open(v, now, lag);
  }

  private Vacancy newVacancy(int c, int o, long time, long posted) {
    String[] emp = employers.get(c);
    // a few big employers post most: index skewed towards the front
    String employer = emp[(int) (emp.length * Math.pow(rng.nextDouble(), 2))];
    Occupation occ = plan.occupations.get(o);
    Vacancy v = new Vacancy(profiles.vacancy(rng, "vac-" + rng.base36(12), cities.get(c), occ, employer, time, posted), o);
    v.willWithdraw = rng.chance(Calibration.VACANCY_WITHDRAW_SHARE);
    return v;
  }

  private double lifeDays(boolean technical) {
    if (technical) {
      return Calibration.TECHNICAL_FILL_MEDIAN_DAYS * Math.exp(Calibration.TECHNICAL_FILL_SIGMA * rng.gaussian());
    }
    return rng.uniform(Calibration.LINE_FILL_MIN.toHours(), Calibration.LINE_FILL_MAX.toHours()) / 24.0;
  }

  private void open(Vacancy v, long now, long lag) {
    emitVacancy(v, VacancyEventType.OPENED, now, lag, null);
    v.closeAt = Math.max(v.closeAt, now + GAP + (long) (rng.nextDouble() * HOUR));
    schedule(v.closeAt, Kind.CLOSE, -1, v);
    if (v.closeAt - now > 4 * GAP && rng.chance(Calibration.VACANCY_UPDATE_SHARE)) {
      schedule(now + GAP + (long) ((v.closeAt - now - 2 * GAP) * rng.nextDouble()), Kind.VACANCY_UPDATE, -1, v);
    }
  }

  /** Employers raise the pay of posts that sit open. */
  private void updateVacancy(Vacancy v, long now) {
    if (!v.open || now - v.lastEmit < GAP || v.closeAt - now < GAP) {
      return;
    }
    double raise = rng.uniform(1.03, 1.08);
    v.salaryMin = round100(v.salaryMin * raise);
    v.salaryMax = round100(v.salaryMax * raise);
    emitVacancy(v, VacancyEventType.UPDATED, now, lag(), null);
  }

  private void close(Vacancy v, long now) {
    if (now - v.lastEmit < GAP) {
      schedule(v.lastEmit + GAP, Kind.CLOSE, -1, v);
      return;
    }
    boolean tooOld = now - v.postedTime > Calibration.VACANCY_MAX_AGE.toMillis();
    if (v.willWithdraw || tooOld) {
      v.open = false;
      emitVacancy(v, VacancyEventType.WITHDRAWN, now, lag(), null);
      return;
    }
    List<Candidate> hired = hire(v, now);
    if (hired.isEmpty()) {
      schedule(now + (long) (rng.uniform(1, 3) * DAY), Kind.CLOSE, -1, v);
      return;
    }
    long lag = lag();
    v.open = false;
    for (Candidate c : hired) {
      emitCandidate(c, CandidateEventType.PLACED, now, lag, v.id);
    }
    emitVacancy(v, VacancyEventType.FILLED, now, lag, hired.get(hired.size() - 1).id);
  }

  /** Up to headcount available candidates of the post's city and occupation, picked at random. */
  private List<Candidate> hire(Vacancy v, long now) {
    Pool pool = pools[cityIndex(v.cityId) * plan.occupations.size() + v.occupation];
    List<Candidate> hired = new ArrayList<>();
    int wanted = v.headcount;
    for (int probe = 0; probe < 4 * wanted && hired.size() < wanted && pool.size() > 0; probe++) {
      Candidate c = pool.get(rng.nextInt(pool.size()));
      if (c.availableFrom <= now && now - c.lastEmit >= GAP) {
        pool.remove(c);
        c.available = false;
        staleActions++; // the patience withdrawal queued at registration, up to months ahead
        hired.add(c);
      }
    }
    return hired;
  }

  // ---- candidates ----------------------------------------------------------------------------

  private void registerNew(int c, long now) {
    long lag = lag();
    Candidate cand = newCandidate(c, rng.fromCumulative(candidateCumulative), now - lag, now - lag);
    register(cand, c, now, lag);
  }

  private Candidate newCandidate(int c, int o, long time, long registered) {
    Occupation occ = plan.occupations.get(o);
    return new Candidate(
        profiles.candidate(rng, "cand-" + rng.base36(12), cities.get(c), acceptedCities(c), occ, time, registered),
        c * plan.occupations.size() + o);
  }

  /** Most stay home; some would move within their region; a few further. */
  private List<String> acceptedCities(int c) {
    double u = rng.nextDouble();
    List<String> near = sameRegion.get(c);
    List<String> far = otherRegions.get(c);
    List<String> accepted = new ArrayList<>(3);
    if (u < 0.32 && !near.isEmpty()) {
      for (int k = 1 + rng.nextInt(3); k > 0; k--) {
        String city = near.get(rng.nextInt(near.size()));
        if (!accepted.contains(city)) accepted.add(city);
      }
    } else if (u < 0.40 && !far.isEmpty()) {
      accepted.add(far.get(rng.nextInt(far.size())));
    }
    return List.copyOf(accepted);
  }

  private void register(Candidate cand, int c, long now, long lag) {
    emitCandidate(cand, CandidateEventType.REGISTERED, now, lag, null);
    pools[cand.pool].add(cand);
    long patience = Math.max(GAP, (long) (rng.exponential(Calibration.CANDIDATE_PATIENCE_DAYS) * DAY));
    schedule(now + patience, Kind.WITHDRAW, c, cand);
    if (rng.chance(Calibration.CANDIDATE_UPDATE_SHARE)) {
      schedule(now + GAP + (long) (rng.uniform(1, 240) * HOUR), Kind.CANDIDATE_UPDATE, c, cand);
    }
  }

  /** Candidates ask for a little more, and add a skill they had left out. */
  private void updateCandidate(Candidate cand, long now) {
    if (!cand.available || now - cand.lastEmit < GAP) {
      return;
    }
    List<String> skills = new ArrayList<>(cand.skills());
    List<String> essential = plan.occupations.get(cand.pool % plan.occupations.size()).essentialSkillIds();
    String extra = essential.get(rng.nextInt(essential.size()));
    if (!skills.contains(extra)) {
      skills.add(extra);
    }
    cand.expectedSalary = round100(cand.expectedSalary * rng.uniform(1.0, 1.06));
    cand.setSkills(skills);
    emitCandidate(cand, CandidateEventType.UPDATED, now, lag(), null);
  }

  private void withdrawCandidate(Candidate cand, long now) {
    if (!cand.available) {
      return;
    }
    if (now - cand.lastEmit < GAP) {
      schedule(cand.lastEmit + GAP, Kind.WITHDRAW, -1, cand);
      return;
    }
    pools[cand.pool].remove(cand);
    cand.available = false;
    emitCandidate(cand, CandidateEventType.WITHDRAWN, now, lag(), null);
  }

  // ---- emission ------------------------------------------------------------------------------

  private void emitVacancy(Vacancy v, VacancyEventType type, long now, long lag, String candidateId) {
    String id = v.id;
    Object event = v.as(type, id + ":" + (++v.events), now - lag, candidateId);
    v.lastEmit = now;
    if (type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED) {
      lastPost = event;
    }
    emit(VACANCIES, id, event, now, now - lag, lastPost);
  }

  private void emitCandidate(Candidate c, CandidateEventType type, long now, long lag, String vacancyId) {
    String id = c.id;
    Object event = c.as(type, id + ":" + (++c.events), now - lag, vacancyId);
    c.lastEmit = now;
    if (type == CandidateEventType.REGISTERED || type == CandidateEventType.UPDATED) {
      lastProfile = event;
    }
    emit(CANDIDATES, id, event, now, now - lag, lastProfile);
  }

  private void emit(String topic, String key, Object event, long now, long eventTime, Object template) {
    out.add(new SimEvent(topic, key, EventCodec.encode(event), eventTime, now));
    if (config.poisonRate() > 0 && template != null && poisoner.strike(config.poisonRate())) {
      out.add(poisoner.make(topic, template, now));
    }
  }

  /** No lag for most events; up to {@link #MAX_DISORDER} for the late ones. */
  private long lag() {
    return rng.chance(LATE_SHARE) ? 1 + (long) (rng.nextDouble() * (DISORDER - 1)) : 0;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private void schedule(long time, Kind kind, int city, Object subject) {
    queue.add(new Action(time, seq++, kind, city, subject));
    if (staleActions > 20_000 && staleActions > queue.size() / 10) {
      purge();
    }
  }

  /**
   * Drops queued actions that would be skipped when due: a hired candidate's withdrawal (queued at
   * registration, a mean of 90 days ahead) would otherwise keep the candidate in memory for months,
   * so the queue grew by every day's hires. Skipped actions draw no random numbers and the queue's
   * order is total (time, then sequence), so the events are the same with or without the purge.
   */
  private void purge() {
    queue.removeIf(Simulator::stale);
    staleActions = 0;
  }

  private static boolean stale(Action a) {
    return switch (a.kind()) {
      case WITHDRAW, CANDIDATE_UPDATE -> !((Candidate) a.subject()).available;
      case VACANCY_UPDATE -> !((Vacancy) a.subject()).open;
      default -> false;
    };
  }

  /** Time to the next arrival of a non-homogeneous Poisson process (thinning on the hour profile). */
  private long nextArrivalDelay(long from, int c, double perDay) {
    double peakPerMs = perDay * cities.get(c).sizeWeight() * config.volumeScale() / DAY * HOURLY_PEAK / HOURLY_MEAN;
    long t = from;
    do {
      t += 1 + (long) rng.exponential(1 / peakPerMs);
    } while (!rng.chance(HOURLY[shanghaiHour(t)] / HOURLY_PEAK));
    return t - from;
  }

  private int cityIndex(String id) {
    for (int i = 0; i < cities.size(); i++) {
      if (cities.get(i).id().equals(id)) return i;
    }
    throw new IllegalStateException("city " + id + " is not simulated");
  }

  private int randomRound(double x) {
    int floor = (int) Math.floor(x);
    return floor + (rng.chance(x - floor) ? 1 : 0);
  }

  private static int shanghaiHour(long millis) {
    return (int) (((millis + 8 * HOUR) / HOUR) % 24);
  }

  private static int round100(double v) {
    return (int) Math.round(v / 100) * 100;
  }

  private static double[] cumulative(double[] w) {
    double[] c = new double[w.length];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i];
      c[i] = s;
    }
    return c;
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double x : w) s += x;
    return s;
  }
}
