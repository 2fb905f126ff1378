package io.matchstream.events.codec;

import com.fasterxml.jackson.databind.ObjectReader;
import io.matchstream.events.Alert;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.CityStats;
import io.matchstream.events.EmploymentType;
import io.matchstream.events.Ids;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.ScoreSettings;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks the meaning of input events: known city, known occupation and skills, consistent salary
 * range, headcount, ids of the right form, times that are present, not before the earliest accepted
 * time and not far in the future. Each rejection has one specific, human-readable reason; the first
 * defect found is reported.
 *
 * <p>Together with {@link EventCodec} this is the boundary: whatever passes may be trusted by the
 * jobs; whatever fails goes to {@code dead-letters} with the reason. Every reader of a topic checks
 * its records here, the jobs their inputs (vacancies, candidates, matches, outcomes, settings) and
 * the gateway what it shows (matches, city figures, alerts, rankings): one rule per type.
 */
public final class EventValidator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How far ahead of the wall clock an event time may be, by default. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

  /**
   * The earliest time an event may name, by default: 2000-01-01 in China. Older data is not a
   * record of this pilot (it began decades later) but a default value, a unit error (seconds read
   * as milliseconds) or a clock reset; accepting it would let one job count what another calls late.
   */
  public static final Instant DEFAULT_EARLIEST = Instant.parse("1999-12-31T16:00:00Z");

  private static final int MAX_SALARY = 1_000_000;
  private static final Duration MAX_START_AHEAD = Duration.ofDays(366);

  private final Taxonomy taxonomy;
  private final CityRegistry cities;
  private final Clock clock;
  private final long maxFutureSkewMillis;
  private final long earliestMillis;
  private transient ObjectReader vacancyReader;
  private transient ObjectReader candidateReader;
  private transient ObjectReader outcomeReader;
  private transient ObjectReader settingsReader;
  private transient ObjectReader matchReader;

  /** With the {@link #DEFAULT_EARLIEST} time. */
  public EventValidator(Taxonomy taxonomy, CityRegistry cities, Clock clock, Duration maxFutureSkew) {
    this(taxonomy, cities, clock, maxFutureSkew, DEFAULT_EARLIEST);
  }

  /**
   * @param maxFutureSkew how far ahead of {@code clock} an event time may be
   * @param earliest the earliest time an event may name; after the epoch
   */
  public EventValidator(Taxonomy taxonomy, CityRegistry cities, Clock clock, Duration maxFutureSkew, Instant earliest) {
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("the future skew must not be negative, was " + maxFutureSkew);
    }
    if (earliest.toEpochMilli() <= 0) {
      throw new IllegalArgumentException("the earliest accepted time must be after 1970-01-01T00:00:00Z, was " + earliest);
    }
    this.taxonomy = taxonomy;
    this.cities = cities;
    this.clock = clock;
    this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    this.earliestMillis = earliest.toEpochMilli();
  }

  /** The earliest time an event may name, epoch milliseconds. */
  public long earliestMillis() {
    return earliestMillis;
  }

  /** The shipped taxonomy and cities, the system clock, and the default skew. */
  public static EventValidator withDefaults() {
    return new EventValidator(
        Taxonomy.loadDefault(), CityRegistry.loadDefault(), Clock.systemUTC(), DEFAULT_MAX_FUTURE_SKEW);
  }

  /** Decodes and validates a record from {@code vacancies}. Never throws. */
  public ParseResult<VacancyEvent> parseVacancy(byte[] bytes) {
    if (vacancyReader == null) {
      vacancyReader = reader(VacancyEvent.class);
    }
    ObjectReader reader = vacancyReader;
    return parse(bytes, b -> EventCodec.<VacancyEvent>read(reader, b), this::check);
  }

  /** Decodes and validates a record from {@code candidates}. Never throws. */
  public ParseResult<CandidateEvent> parseCandidate(byte[] bytes) {
    if (candidateReader == null) {
      candidateReader = reader(CandidateEvent.class);
    }
    ObjectReader reader = candidateReader;
    return parse(bytes, b -> EventCodec.<CandidateEvent>read(reader, b), this::check);
  }

  /**
   * Decodes and validates a record from {@code matches}: what the city-stats job counts and the
   * gateway shows. Never throws.
   */
  public ParseResult<Match> parseMatch(byte[] bytes) {
    if (matchReader == null) {
      matchReader = reader(Match.class);
    }
    ObjectReader reader = matchReader;
    return parse(bytes, b -> EventCodec.<Match>read(reader, b), this::check);
  }

  /** Decodes and validates a record from {@code city-stats} or {@code city-days}. Never throws. */
  public ParseResult<CityStats> parseCityStats(byte[] bytes) {
    return parse(bytes, EventCodec::decodeCityStats, this::check);
  }

  /** Decodes and validates a record from {@code alerts} or {@code alert-log}. Never throws. */
  public ParseResult<Alert> parseAlert(byte[] bytes) {
    return parse(bytes, EventCodec::decodeAlert, this::check);
  }

  /** Decodes and validates a record from {@code shortage-ranking}. Never throws. */
  public ParseResult<ShortageRanking> parseShortageRanking(byte[] bytes) {
    return parse(bytes, EventCodec::decodeShortageRanking, this::check);
  }

  /**
   * The reason a match is invalid, or null if it is valid. Its event time is the later of its
   * vacancy's and candidate's, which passed the same time rule, so the same rule applies.
   */
  public String check(Match m) {
    if (m.schemaVersion() == 0) return missing("schemaVersion");
    if (!SchemaVersion.isSupported(m.schemaVersion())) {
      return "unknown schemaVersion " + m.schemaVersion() + " (this reader knows " + SchemaVersion.CURRENT + ")";
    }
    if (m.matchId() == null) return missing("matchId");
    String r = time(m.eventTime(), "eventTime");
    if (r != null) return r;
    r = city(m.cityId(), "cityId");
    if (r != null) return r;
    // Optional (absent before settings versions): only a present, negative one is wrong.
    if (m.settingsVersion() != null && m.settingsVersion() < 0) {
      return "settingsVersion " + m.settingsVersion() + " is below 0";
    }
    return null;
  }

  /** The reason a city's (or the nation's) figures are invalid, or null if they are valid. */
  public String check(CityStats s) {
    if (s.day() == null) return missing("day");
    if (!CityStats.NATIONAL.equals(s.cityId())) return city(s.cityId(), "cityId");
    return null;
  }

  /** The reason an alert change is invalid, or null if it is valid. */
  public String check(Alert a) {
    if (a.alertId() == null) return missing("alertId");
    if (a.eventId() == null) return missing("eventId");
    if (a.state() == null) return missing("state");
    return city(a.cityId(), "cityId");
  }

  /** The reason a shortage ranking is invalid, or null if it is valid ({@link RankingValidator}). */
  public String check(ShortageRanking r) {
    return RankingValidator.problem(r, cities);
  }

  /**
   * Decodes and validates a record from {@code match-outcomes} (or a request body of the gateway).
   * Never throws. A rejection names the field it is about where there is one ({@link
   * ParseResult#field}).
   */
  public ParseResult<MatchOutcome> parseOutcome(byte[] bytes) {
    if (outcomeReader == null) {
      outcomeReader = reader(MatchOutcome.class);
    }
    ObjectReader reader = outcomeReader;
    try {
      MatchOutcome o = EventCodec.read(reader, bytes);
      Rejection r = outcome(o);
      return r == null ? ParseResult.ok(o) : ParseResult.rejected(r.reason, r.field);
    } catch (InvalidEventException e) {
      return ParseResult.rejected(e.reason(), e.field());
    } catch (RuntimeException e) {
      return ParseResult.rejected("invalid record: " + Reasons.clip(e.getMessage()));
    }
  }

  /**
   * Decodes and validates a record from {@code match-settings}. Never throws. A rejection names the
   * field it is about ({@link ParseResult#field}). Whether the version is above the one a job holds
   * is the job's check.
   */
  public ParseResult<ScoreSettings> parseSettings(byte[] bytes) {
    if (settingsReader == null) {
      settingsReader = reader(ScoreSettings.class);
    }
    ObjectReader reader = settingsReader;
    try {
      ScoreSettings s = EventCodec.read(reader, bytes);
      Rejection r = settings(s);
      return r == null ? ParseResult.ok(s) : ParseResult.rejected(r.reason, r.field);
    } catch (InvalidEventException e) {
      return ParseResult.rejected(e.reason(), e.field());
    } catch (RuntimeException e) {
      return ParseResult.rejected("invalid record: " + Reasons.clip(e.getMessage()));
    }
  }

  /** The reason a settings record is invalid, or null if it is valid. */
  public String check(ScoreSettings s) {
    Rejection r = settings(s);
    return r == null ? null : r.reason;
  }

  private Rejection settings(ScoreSettings s) {
    if (s.schemaVersion() == 0) return reject(missing("schemaVersion"), "schemaVersion");
    if (!SchemaVersion.isSupported(s.schemaVersion())) {
      return reject("unknown schemaVersion " + s.schemaVersion() + " (this reader knows " + SchemaVersion.CURRENT
          + ")", "schemaVersion");
    }
    if (s.version() == null) return reject(missing("version"), "version");
    if (s.version() < 1) return reject("version " + s.version() + " is below 1 (0 is the job's options)", "version");
    if (s.hasEffectiveFrom()) {
      long latest = clock.millis() + MAX_START_AHEAD.toMillis();
      if (s.effectiveFrom() > latest) {
        return reject("effectiveFrom " + IsoTime.format(s.effectiveFrom()) + " is more than "
            + MAX_START_AHEAD.toDays() + " days ahead", "effectiveFrom");
      }
    }
    if (s.threshold() == null) return reject(missing("threshold"), "threshold");
    if (!(s.threshold() >= 0 && s.threshold() <= 1)) {
      return reject("threshold " + s.threshold() + " is outside 0..1", "threshold");
    }
    if (s.topK() == null) return reject(missing("topK"), "topK");
    if (s.topK() < 1 || s.topK() > ScoreSettings.MAX_TOP_K) {
      return reject("topK " + s.topK() + " is outside 1.." + ScoreSettings.MAX_TOP_K, "topK");
    }
    String[] names = {"weightSkills", "weightLevel", "weightSalary", "weightEmployment", "weightLocation"};
    Double[] weights = {s.weightSkills(), s.weightLevel(), s.weightSalary(), s.weightEmployment(), s.weightLocation()};
    double sum = 0;
    for (int i = 0; i < names.length; i++) {
      if (weights[i] == null) return reject(missing(names[i]), names[i]);
      if (!(weights[i] >= 0 && weights[i] <= ScoreSettings.MAX_WEIGHT)) {
        return reject(names[i] + " " + weights[i] + " is outside 0.." + (int) ScoreSettings.MAX_WEIGHT, names[i]);
      }
      sum += weights[i];
    }
    if (sum <= 0) return reject("the weights are all 0: at least one must be above 0", "weightSkills");
    if (s.acceptedCityScore() == null) return reject(missing("acceptedCityScore"), "acceptedCityScore");
    if (!(s.acceptedCityScore() >= 0 && s.acceptedCityScore() <= 1)) {
      return reject("acceptedCityScore " + s.acceptedCityScore() + " is outside 0..1", "acceptedCityScore");
    }
    if (s.salaryTolerance() == null) return reject(missing("salaryTolerance"), "salaryTolerance");
    if (!(s.salaryTolerance() > 0 && s.salaryTolerance() <= 1)) {
      return reject("salaryTolerance " + s.salaryTolerance() + " is outside (0, 1]", "salaryTolerance");
    }
    return null;
  }

  /** Times are checked against the earliest where they are read: a present epoch is not "missing". */
  private ObjectReader reader(Class<?> type) {
    return EventCodec.readerFor(type).withAttribute(IsoTime.EARLIEST, earliestMillis);
  }

  /**
   * The reason an event time read elsewhere (e.g. a match's) is out of bounds, or null: the same
   * rules and words as for the events' own times.
   */
  public String checkEventTime(long millis) {
    return time(millis, "eventTime");
  }

  /** A decoder that may reject the record with a reason. */
  private interface Decoder<T> {
    T decode(byte[] bytes) throws InvalidEventException;
  }

  private static <T> ParseResult<T> parse(
      byte[] bytes, Decoder<T> decoder, java.util.function.Function<T, String> checker) {
    try {
      T e = decoder.decode(bytes);
      String reason = checker.apply(e);
      return reason == null ? ParseResult.ok(e) : ParseResult.rejected(reason);
    } catch (InvalidEventException e) {
      return ParseResult.rejected(e.reason(), e.field());
    } catch (RuntimeException e) {
      return ParseResult.rejected("invalid record: " + Reasons.clip(e.getMessage()));
    }
  }

  /** A reason and the field it is about. */
  private record Rejection(String reason, String field) {}

  private static Rejection reject(String reason, String field) {
    return new Rejection(reason, field);
  }

  /**
   * The reason an outcome is invalid, or null if it is valid. Whether its stage may follow the
   * match's last one is {@link io.matchstream.events.OutcomeTransitions}: that needs the match's
   * history, which a single record does not carry.
   */
  public String check(MatchOutcome o) {
    Rejection r = outcome(o);
    return r == null ? null : r.reason;
  }

  private Rejection outcome(MatchOutcome o) {
    if (o.schemaVersion() == 0) return reject(missing("schemaVersion"), "schemaVersion");
    if (!SchemaVersion.isSupported(o.schemaVersion())) {
      return reject("unknown schemaVersion " + o.schemaVersion() + " (this reader knows " + SchemaVersion.CURRENT
          + ")", "schemaVersion");
    }
    if (o.outcomeId() == null) return reject(missing("outcomeId"), "outcomeId");
    if (!Ids.isOutcomeId(o.outcomeId())) return reject(malformed("outcomeId", o.outcomeId()), "outcomeId");
    String r = time(o.eventTime(), "eventTime");
    if (r != null) return reject(r, "eventTime");
    if (o.matchId() == null) return reject(missing("matchId"), "matchId");
    if (!Ids.isMatchId(o.matchId())) return reject(malformed("matchId", o.matchId()), "matchId");
    r = city(o.cityId(), "cityId");
    if (r != null) return reject(r, "cityId");
    if (o.stage() == null) return reject(missing("stage"), "stage");
    if (o.actor() == null) return reject(missing("actor"), "actor");
    if (o.reasonCode() == null) return reject(missing("reasonCode"), "reasonCode");
    if (!o.actor().mayRecord(o.stage())) {
      return reject("actor " + o.actor() + " cannot record stage " + o.stage(), "actor");
    }
    if (!o.reasonCode().fits(o.stage())) {
      return reject("reasonCode " + o.reasonCode() + " does not fit stage " + o.stage()
          + (o.stage().isProgress() ? " (a progress stage takes ADVANCED)" : " (an ending needs a reason other than ADVANCED)"),
          "reasonCode");
    }
    return null;
  }

  /** The reason a vacancy event is invalid, or null if it is valid. */
  public String check(VacancyEvent e) {
    String r = header(e.eventId(), e.eventTime(), e.schemaVersion());
    if (r != null) return r;
    if (e.type() == null) return missing("type");
    if (e.vacancyId() == null) return missing("vacancyId");
    if (!Ids.isVacancyId(e.vacancyId())) return malformed("vacancyId", e.vacancyId());
    r = city(e.cityId(), "cityId");
    if (r != null) return r;
    r = occupation(e.occupationCode(), "occupationCode");
    if (r != null) return r;
    if (e.employerId() == null) return missing("employerId");
    if (!Ids.isEmployerId(e.employerId())) return malformed("employerId", e.employerId());
    r = time(e.postedTime(), "postedTime");
    if (r != null) return r;
    if (e.type() == VacancyEventType.FILLED) {
      if (e.candidateId() == null) return missing("candidateId");
      if (!Ids.isCandidateId(e.candidateId())) return malformed("candidateId", e.candidateId());
    }
    if (!e.carriesPost()) return null;
    r = skills(e.essentialSkills(), "essentialSkills", true);
    if (r != null) return r;
    r = skills(e.optionalSkills(), "optionalSkills", false);
    if (r != null) return r;
    if (e.certificateLevel() == null) return missing("certificateLevel");
    if (e.education() == null) return missing("education");
    if (e.salaryMin() == null) return missing("salaryMin");
    if (e.salaryMax() == null) return missing("salaryMax");
    r = salary(e.salaryMin(), "salaryMin");
    if (r != null) return r;
    r = salary(e.salaryMax(), "salaryMax");
    if (r != null) return r;
    if (e.salaryMin() > e.salaryMax()) {
      return "salaryMin " + e.salaryMin() + " is above salaryMax " + e.salaryMax();
    }
    if (e.employmentType() == null) return missing("employmentType");
    if (e.shiftPattern() == null) return missing("shiftPattern");
    if (e.headcount() == null) return missing("headcount");
    if (e.headcount() < 1) return "headcount " + e.headcount() + " is below 1";
    if (e.technical() == null) return missing("technical");
    return null;
  }

  /** The reason a candidate event is invalid, or null if it is valid. */
  public String check(CandidateEvent e) {
    String r = header(e.eventId(), e.eventTime(), e.schemaVersion());
    if (r != null) return r;
    if (e.type() == null) return missing("type");
    if (e.candidateId() == null) return missing("candidateId");
    if (!Ids.isCandidateId(e.candidateId())) return malformed("candidateId", e.candidateId());
    r = city(e.cityId(), "cityId");
    if (r != null) return r;
    if (e.acceptedCities() == null) return missing("acceptedCities");
    for (String c : e.acceptedCities()) {
      r = city(c, "acceptedCities");
      if (r != null) return r;
    }
    if (e.occupationCodes() == null || e.occupationCodes().isEmpty()) return missing("occupationCodes");
    for (String code : e.occupationCodes()) {
      r = occupation(code, "occupationCodes");
      if (r != null) return r;
    }
    if (e.type() == io.matchstream.events.CandidateEventType.PLACED) {
      if (e.vacancyId() == null) return missing("vacancyId");
      if (!Ids.isVacancyId(e.vacancyId())) return malformed("vacancyId", e.vacancyId());
    }
    if (!e.carriesProfile()) return null;
    r = skills(e.skills(), "skills", true);
    if (r != null) return r;
    if (e.certificateLevel() == null) return missing("certificateLevel");
    if (e.education() == null) return missing("education");
    if (e.expectedSalary() == null) return missing("expectedSalary");
    r = salary(e.expectedSalary(), "expectedSalary");
    if (r != null) return r;
    List<EmploymentType> types = e.employmentTypes();
    if (types == null || types.isEmpty()) return missing("employmentTypes");
    for (EmploymentType t : types) {
      if (t == null) return "null entry in 'employmentTypes'";
    }
    r = startDate(e.availableFrom());
    if (r != null) return r;
    return time(e.registeredTime(), "registeredTime");
  }

  private String header(String eventId, long eventTime, int schemaVersion) {
    if (schemaVersion == 0) return missing("schemaVersion");
    if (!SchemaVersion.isSupported(schemaVersion)) {
      return "unknown schemaVersion " + schemaVersion + " (this reader knows " + SchemaVersion.CURRENT + ")";
    }
    if (eventId == null) return missing("eventId");
    if (!Ids.EVENT_ID.matcher(eventId).matches()) return malformed("eventId", eventId);
    return time(eventTime, "eventTime");
  }

  private String time(long millis, String field) {
    if (millis == 0) return missing(field);
    if (millis < earliestMillis) return IsoTime.tooEarly(field, millis, earliestMillis);
    long limit = clock.millis() + maxFutureSkewMillis;
    if (millis > limit) {
      return field + " " + IsoTime.format(millis) + " is too far in the future (more than "
          + Duration.ofMillis(maxFutureSkewMillis) + " ahead of " + IsoTime.format(clock.millis()) + ")";
    }
    return null;
  }

  /** A start date is naturally in the future, but not beyond a year: that is a typo, not a plan. */
  private String startDate(long millis) {
    if (millis == 0) return missing("availableFrom");
    if (millis < earliestMillis) return IsoTime.tooEarly("availableFrom", millis, earliestMillis);
    if (millis > clock.millis() + MAX_START_AHEAD.toMillis()) {
      return "availableFrom " + IsoTime.format(millis) + " is more than a year ahead";
    }
    return null;
  }

  private String city(String id, String field) {
    if (id == null) return missing(field);
    if (!cities.contains(id)) return "unknown city '" + Reasons.clip(id) + "' in '" + field + "'";
    return null;
  }

  private String occupation(String code, String field) {
    if (code == null) return missing(field);
    if (!taxonomy.hasOccupation(code)) {
      return "unknown occupation code '" + Reasons.clip(code) + "' in '" + field + "'";
    }
    return null;
  }

  private String skills(List<String> ids, String field, boolean required) {
    if (ids == null) return required ? missing(field) : null;
    if (required && ids.isEmpty()) return "'" + field + "' is empty";
    for (String id : ids) {
      if (!taxonomy.hasSkill(id)) return "unknown skill id '" + Reasons.clip(id) + "' in '" + field + "'";
    }
    return null;
  }

  private static String salary(int value, String field) {
    if (value < 0 || value > MAX_SALARY) {
      return field + " " + value + " is outside 0.." + MAX_SALARY + " CNY a month";
    }
    return null;
  }

  private static String missing(String field) {
    return "missing field '" + field + "'";
  }

  private static String malformed(String field, String value) {
    return "malformed " + field + " '" + Reasons.clip(value) + "'";
  }
}
