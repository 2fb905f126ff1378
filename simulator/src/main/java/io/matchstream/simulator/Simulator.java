package io.matchstream.simulator;

import io.matchstream.events.CandidateEventType;
import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.OutcomeActor;
import io.matchstream.events.OutcomeReason;
import io.matchstream.events.OutcomeStage;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 *
 * <p><b>Closed loop</b> ({@link SimulatorConfig#closedLoop}): the caller {@linkplain #offer offers}
 * the matches the match job found, each at a simulated instant, and the simulator plays both sides
 * ({@link OutcomeModel}): a match may be followed up and lead to CONTACTED, INTERVIEW, OFFER and
 * HIRED, or end DECLINED or NO_SHOW, as {@link MatchOutcome}s on {@code match-outcomes}; a hire
 * places the candidate and, once the post's headcount is used, fills the post, at the same instant
 * as its outcome. The fill process above stays for the hires that come about otherwise; a post or
 * candidate hired through a match is no longer open to it, and the other way round. The same seed
 * and the same matches offered at the same points of the stream give byte-identical events.
 */
public final class Simulator implements Iterator<SimEvent> {
  /** At most this many matches are in play at once; further offers are refused ({@link Offer#FULL}). */
  public static final int MAX_PENDING_MATCHES = 400_000;

  /** What became of an {@linkplain #offer offered} match. */
  public enum Offer {
    /** Taken up: it will get outcomes (unless a side leaves before the first). */
    PLAYED,
    /** Nobody followed it up: no outcome (drawn from the hidden fit). */
    NOT_TAKEN_UP,
    /** A match of the stock's day that the parks' backlog never reached. */
    BACKLOG,
    /** Already in play (a repeated record). */
    REPEATED,
    /** Its post is no longer open or its candidate no longer available, or neither is this run's. */
    GONE,
    /** Missing ids, another city than the post's, or a time more than a day ahead. */
    REJECTED,
    /** {@link #MAX_PENDING_MATCHES} are in play. */
    FULL,
    /** After the end of a run with a duration. */
    ENDED
  }

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

  private static final long DAY = ShanghaiCalendar.DAY_MILLIS;
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

  private enum Kind {
    VACANCY_ARRIVAL, CANDIDATE_ARRIVAL, OPEN, REGISTER, VACANCY_UPDATE, CLOSE, CANDIDATE_UPDATE, WITHDRAW, MATCH_STEP
  }

  /** A match in play: the next step is queued as a MATCH_STEP. */
  private static final class Pending {
    final String matchId;
    final Vacancy vacancy;
    final Candidate candidate;
    final long base;
    final long matchTime;
    final float fit;
    final OutcomeReason candidateConcern;
    final OutcomeReason employerConcern;
    final boolean candidateWorse;
    /** The last outcome's stage, or null before the first. */
    OutcomeStage stage;

    Pending(String matchId, Vacancy vacancy, Candidate candidate, long base, long matchTime, OutcomeModel.Fit fit) {
      this.matchId = matchId;
      this.vacancy = vacancy;
      this.candidate = candidate;
      this.base = base;
      this.matchTime = matchTime;
      this.fit = (float) fit.value();
      this.candidateConcern = fit.candidateConcern();
      this.employerConcern = fit.employerConcern();
      this.candidateWorse = fit.candidateSide() < fit.employerSide();
    }
  }


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
  /** The time of the latest action taken: offers are played from here on. */
  private long clock;
  /** Closed loop only (else null): open posts, available candidates, matches in play, by id. */
  private final Map<String, Vacancy> openById;
  private final Map<String, Candidate> availableById;
  private final Map<String, Pending> pending;
  private long offered;
  private long played;
  /**
   * Closed loop: per pool (city × occupation), the fill times of posts filled through matches
   * before their time: the next post of the pool due to fill by the other channels takes that
   * time instead (see {@link #takeFillTime}). Null entries until used.
   */
  private final PriorityQueue<Long>[] brought;

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
    @SuppressWarnings("unchecked")
    PriorityQueue<Long>[] b = config.closedLoop() ? new PriorityQueue[pools.length] : null;
    brought = b;
    openById = config.closedLoop() ? new HashMap<>() : null;
    availableById = config.closedLoop() ? new HashMap<>() : null;
    pending = config.closedLoop() ? new HashMap<>() : null;
    long start = config.start().toEpochMilli();
    clock = start - INITIAL_STOCK_WINDOW.toMillis();
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

  /** A run to iterate and, with {@link SimulatorConfig#closedLoop}, to {@linkplain #offer offer} matches to. */
  public static Simulator create(SimulatorConfig config) {
    return new Simulator(config);
  }

  /**
   * The simulated instant reached, epoch ms: the time of the latest step taken (the events made
   * by it may still be waiting in {@link #next()}). Offers are played from here on.
   */
  public long now() {
    return clock;
  }

  /**
   * Offers a match found by the match job, at simulated instant {@code at} (epoch ms; raised to
   * {@link #now()} and to the match's event time, so every outcome is at or after the match).
   * Whether it is taken up, and how it goes, is drawn from (seed, matchId) alone; the steps come
   * out of {@link #next()} in time order with everything else. Not thread-safe: call it from the
   * thread that iterates. Output is reproducible given the same offers at the same points of the
   * iteration.
   *
   * @throws IllegalStateException if the config's closed loop is off
   */
  public Offer offer(Match match, long at) {
    if (pending == null) {
      throw new IllegalStateException("the closed loop is off: build the config with closedLoop(true)");
    }
    offered++;
    if (match == null || match.matchId() == null || match.vacancyId() == null || match.candidateId() == null
        || match.eventTime() > clock + DAY) {
      return Offer.REJECTED;
    }
    long t = Math.max(Math.max(at, clock), match.eventTime());
    if (t >= end) {
      return Offer.ENDED;
    }
    if (pending.containsKey(match.matchId())) {
      return Offer.REPEATED;
    }
    Vacancy v = openById.get(match.vacancyId());
    Candidate c = availableById.get(match.candidateId());
    if (v == null || c == null) {
      return Offer.GONE;
    }
    if (!v.cityId.equals(match.cityId())) {
      return Offer.REJECTED;
    }
    long base = OutcomeModel.base(config.seed(), match.matchId());
    if (match.eventTime() < config.start().toEpochMilli() && OutcomeModel.u(base, 0) >= OutcomeModel.BACKLOG_SHARE) {
      return Offer.BACKLOG;
    }
    OutcomeModel.Fit fit = OutcomeModel.fit(match, v, c, base);
    if (OutcomeModel.u(base, 1) >= OutcomeModel.pContact(fit.value())) {
      return Offer.NOT_TAKEN_UP;
    }
    if (pending.size() >= MAX_PENDING_MATCHES) {
      return Offer.FULL;
    }
    Pending p = new Pending(match.matchId(), v, c, base, t, fit);
    pending.put(p.matchId, p);
    played++;
    schedule(t + OutcomeModel.contactDelay(base), Kind.MATCH_STEP, -1, p);
    return Offer.PLAYED;
  }

  /** Matches offered so far (whatever became of them). */
  public long offeredMatches() {
    return offered;
  }

  /** Matches taken up so far ({@link Offer#PLAYED}). */
  public long playedMatches() {
    return played;
  }

  /** Matches in play now: bounded by {@link #MAX_PENDING_MATCHES}. */
  public int pendingMatches() {
    return pending == null ? 0 : pending.size();
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
    clock = now;
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
      case MATCH_STEP -> playMatch((Pending) a.subject(), now);
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
    if (openById != null) {
      openById.put(v.id, v);
    }
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
    if (!v.open) {
      return; // filled through matches
    }
    if (now - v.lastEmit < GAP) {
      schedule(v.lastEmit + GAP, Kind.CLOSE, -1, v);
      return;
    }
    boolean tooOld = now - v.postedTime > Calibration.VACANCY_MAX_AGE.toMillis();
    if (v.willWithdraw || tooOld) {
      closeVacancy(v, true);
      emitVacancy(v, VacancyEventType.WITHDRAWN, now, lag(), null);
      return;
    }
    if (takeFillTime(v, now)) {
      return;
    }
    List<Candidate> hired = hire(v, now);
    if (hired.isEmpty()) {
      schedule(now + (long) (rng.uniform(1, 3) * DAY), Kind.CLOSE, -1, v);
      return;
    }
    long lag = lag();
    closeVacancy(v, false);
    for (Candidate c : hired) {
      emitCandidate(c, CandidateEventType.PLACED, now, lag, v.id);
    }
    emitVacancy(v, VacancyEventType.FILLED, now, lag, hired.get(hired.size() - 1).id);
  }

  /** Up to headcount available candidates of the post's city and occupation, picked at random. */
  private List<Candidate> hire(Vacancy v, long now) {
    Pool pool = pools[cityIndex(v.cityId) * plan.occupations.size() + v.occupation];
    List<Candidate> hired = new ArrayList<>();
    int wanted = v.headcount - v.hired;
    for (int probe = 0; probe < 4 * wanted && hired.size() < wanted && pool.size() > 0; probe++) {
      Candidate c = pool.get(rng.nextInt(pool.size()));
      if (c.availableFrom <= now && now - c.lastEmit >= GAP) {
        pool.remove(c);
        unavailable(c, true);
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
    if (availableById != null) {
      availableById.put(cand.id, cand);
    }
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
    unavailable(cand, false);
    emitCandidate(cand, CandidateEventType.WITHDRAWN, now, lag(), null);
  }

  /**
   * Closed loop: a post filled through a match before its fill time took the place of a fill the
   * other channels would have made; they make the next one of the same city and trade later, at
   * the matched post's own fill time. So the other channels' fills a day stay what they were, and
   * total hires stay near the open loop's: matches change which posts fill first and by whom. A post
   * is put back at most once.
   */
  private boolean takeFillTime(Vacancy v, long now) {
    if (brought == null || v.putBack) {
      return false;
    }
    PriorityQueue<Long> times = brought[cityIndex(v.cityId) * plan.occupations.size() + v.occupation];
    while (times != null && !times.isEmpty() && times.peek() <= now) {
      times.poll(); // that fill time has passed: the matched post simply did not fill then
    }
    if (times == null || times.isEmpty()) {
      return false;
    }
    v.putBack = true;
    schedule(times.poll(), Kind.CLOSE, -1, v);
    return true;
  }

  private void closeVacancy(Vacancy v, boolean withdrawn) {
    v.open = false;
    v.withdrawn = withdrawn;
    if (openById != null) {
      openById.remove(v.id);
    }
  }

  private void unavailable(Candidate c, boolean placed) {
    c.available = false;
    c.placed = placed;
    if (availableById != null) {
      availableById.remove(c.id);
    }
  }

  // ---- the closed loop -----------------------------------------------------------------------

  /** The next step of a match in play: see {@link OutcomeModel} for the chances and delays. */
  private void playMatch(Pending p, long now) {
    Vacancy v = p.vacancy;
    Candidate c = p.candidate;
    if (now - p.matchTime > OutcomeModel.MAX_LIFE) {
      pending.remove(p.matchId);
      return;
    }
    if (!v.open || !c.available) {
      if (p.stage == null) {
        pending.remove(p.matchId); // gone before anyone followed it up: no outcome
      } else if (!v.open) {
        end(p, OutcomeStage.DECLINED, OutcomeActor.EMPLOYER,
            v.withdrawn ? OutcomeReason.POST_WITHDRAWN : OutcomeReason.POST_FILLED, now);
      } else {
        end(p, OutcomeStage.DECLINED, OutcomeActor.CANDIDATE,
            c.placed ? OutcomeReason.TOOK_OTHER_JOB : OutcomeReason.UNREACHABLE, now);
      }
      return;
    }
    double f = p.fit;
    long base = p.base;
    if (p.stage == null) {
      double who = OutcomeModel.u(base, 10);
      OutcomeActor actor = who < 0.5 ? OutcomeActor.PARK_OPERATOR : who < 0.85 ? OutcomeActor.EMPLOYER : OutcomeActor.CANDIDATE;
      advance(p, OutcomeStage.CONTACTED, actor, now, now + OutcomeModel.interviewDelay(base));
    } else if (p.stage == OutcomeStage.CONTACTED) {
      if (OutcomeModel.u(base, 11) < OutcomeModel.pInterview(f)) {
        advance(p, OutcomeStage.INTERVIEW, OutcomeActor.EMPLOYER, now, now + OutcomeModel.offerDelay(base));
      } else if (OutcomeModel.u(base, 12) < OutcomeModel.P_UNREACHABLE) {
        end(p, OutcomeStage.DECLINED, OutcomeActor.CANDIDATE, OutcomeReason.UNREACHABLE, now);
      } else if (p.candidateWorse) {
        end(p, OutcomeStage.DECLINED, OutcomeActor.CANDIDATE, p.candidateConcern, now);
      } else {
        end(p, OutcomeStage.DECLINED, OutcomeActor.EMPLOYER, p.employerConcern, now);
      }
    } else if (p.stage == OutcomeStage.INTERVIEW) {
      if (OutcomeModel.u(base, 13) < OutcomeModel.P_NO_SHOW_INTERVIEW) {
        end(p, OutcomeStage.NO_SHOW, OutcomeActor.CANDIDATE, OutcomeReason.NOT_GIVEN, now);
      } else if (OutcomeModel.u(base, 14) < OutcomeModel.pOffer(f)) {
        advance(p, OutcomeStage.OFFER, OutcomeActor.EMPLOYER, now, now + OutcomeModel.startDelay(base));
      } else {
        end(p, OutcomeStage.DECLINED, OutcomeActor.EMPLOYER, p.employerConcern, now);
      }
    } else if (OutcomeModel.u(base, 15) < OutcomeModel.pAccept(f)) {
      // the first day: both sides' events keep their gap, and the candidate must be free to start
      long due = Math.max(Math.max(v.lastEmit, c.lastEmit) + GAP, c.availableFrom);
      if (now < due) {
        schedule(due, Kind.MATCH_STEP, -1, p);
        return;
      }
      hireThroughMatch(p, now);
    } else if (OutcomeModel.u(base, 16) < OutcomeModel.P_NO_SHOW_AFTER_OFFER) {
      end(p, OutcomeStage.NO_SHOW, OutcomeActor.CANDIDATE, OutcomeReason.NOT_GIVEN, now);
    } else {
      end(p, OutcomeStage.DECLINED, OutcomeActor.CANDIDATE,
          p.candidateConcern == OutcomeReason.WORKING_CONDITIONS && OutcomeModel.u(base, 17) < 0.3
              ? OutcomeReason.START_DATE : p.candidateConcern, now);
    }
  }

  /** HIRED, then the candidate's PLACED and, once the headcount is used, the post's FILLED, at one instant. */
  private void hireThroughMatch(Pending p, long now) {
    Vacancy v = p.vacancy;
    Candidate c = p.candidate;
    end(p, OutcomeStage.HIRED, OutcomeActor.EMPLOYER, OutcomeReason.ADVANCED, now);
    pools[c.pool].remove(c);
    unavailable(c, true);
    staleActions++;
    emitCandidate(c, CandidateEventType.PLACED, now, 0, v.id);
    v.hired++;
    if (v.hired >= v.headcount) {
      closeVacancy(v, false);
      staleActions++; // its fill time, queued at opening
      if (!v.willWithdraw && v.closeAt > now) {
        int pool = cityIndex(v.cityId) * plan.occupations.size() + v.occupation;
        if (brought[pool] == null) {
          brought[pool] = new PriorityQueue<>();
        }
        brought[pool].add(v.closeAt);
      }
      emitVacancy(v, VacancyEventType.FILLED, now, 0, c.id);
    }
  }

  private void advance(Pending p, OutcomeStage stage, OutcomeActor actor, long now, long next) {
    emitOutcome(p, stage, actor, OutcomeReason.ADVANCED, now);
    schedule(next, Kind.MATCH_STEP, -1, p);
  }

  private void end(Pending p, OutcomeStage stage, OutcomeActor actor, OutcomeReason reason, long now) {
    emitOutcome(p, stage, actor, reason, now);
    pending.remove(p.matchId);
  }

  private void emitOutcome(Pending p, OutcomeStage stage, OutcomeActor actor, OutcomeReason reason, long now) {
    p.stage = stage;
    MatchOutcome o = new MatchOutcome(Ids.outcomeId(p.matchId, stage), p.matchId, now, SchemaVersion.CURRENT,
        p.vacancy.cityId, stage, actor, reason);
    out.add(new SimEvent(Topics.MATCH_OUTCOMES, p.matchId, EventCodec.encode(o), now, now));
  }

  // ---- emission ------------------------------------------------------------------------------

  private void emitVacancy(Vacancy v, VacancyEventType type, long now, long lag, String candidateId) {
    String id = v.id;
    Object event = v.as(type, id + ":" + (++v.events), now - lag, candidateId);
    v.lastEmit = now;
    if (type == VacancyEventType.OPENED || type == VacancyEventType.UPDATED) {
      lastPost = event;
    }
    emit(Topics.VACANCIES, id, event, now, now - lag, lastPost);
  }

  private void emitCandidate(Candidate c, CandidateEventType type, long now, long lag, String vacancyId) {
    String id = c.id;
    Object event = c.as(type, id + ":" + (++c.events), now - lag, vacancyId);
    c.lastEmit = now;
    if (type == CandidateEventType.REGISTERED || type == CandidateEventType.UPDATED) {
      lastProfile = event;
    }
    emit(Topics.CANDIDATES, id, event, now, now - lag, lastProfile);
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
      case CLOSE -> !((Vacancy) a.subject()).open;
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
