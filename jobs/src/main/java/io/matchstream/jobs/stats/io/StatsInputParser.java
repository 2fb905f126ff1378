package io.matchstream.jobs.stats.io;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.MatchOutcome;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.ValidatingDeserializationSchema;
import io.matchstream.jobs.common.ValidatingDeserializationSchema.Kind;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.records.StatsInput;
import io.matchstream.jobs.stats.records.VacancyChange;
import java.io.Serializable;

/**
 * Turns one Kafka record of {@code vacancies}, {@code candidates}, {@code matches} or {@code
 * match-outcomes} into a {@link StatsInput}: the event, or a dead letter with the reason. Vacancies
 * and candidates are validated by the shared {@link ValidatingDeserializationSchema}, as in the match
 * job, within the same {@link InputLimits}; outcomes by the same validator's {@code parseOutcome};
 * matches (which only this job reads) here, their event time by the same rule. Never
 * throws, so a malformed record can never stop the job.
 *
 * <p>Unlike the shared {@link Inbound}, a {@link StatsInput} keeps the raw bytes and provenance of a
 * valid record as far as the late check, so a record whose day has closed is dead-lettered unchanged.
 */
public final class StatsInputParser implements Serializable {
  private static final long serialVersionUID = 2L;
  /** The job name written into dead letters. */
  public static final String JOB = "city-stats";
  /** The topic of match outcomes unless configured otherwise. */
  public static final String DEFAULT_OUTCOMES_TOPIC = "match-outcomes";

  private final ValidatingDeserializationSchema vacancies;
  private final ValidatingDeserializationSchema candidates;
  private final CityRegistry cities;
  private final String vacanciesTopic;
  private final String candidatesTopic;
  private final String matchesTopic;
  private final String outcomesTopic;

  /** With the default {@link InputLimits} and outcome topic. */
  public StatsInputParser(CityRegistry cities, String vacanciesTopic, String candidatesTopic, String matchesTopic) {
    this(cities, vacanciesTopic, candidatesTopic, matchesTopic, InputLimits.defaults());
  }

  /** With the default outcome topic, {@code match-outcomes}. */
  public StatsInputParser(CityRegistry cities, String vacanciesTopic, String candidatesTopic, String matchesTopic,
      InputLimits limits) {
    this(cities, vacanciesTopic, candidatesTopic, matchesTopic, DEFAULT_OUTCOMES_TOPIC, limits);
  }

  public StatsInputParser(CityRegistry cities, String vacanciesTopic, String candidatesTopic, String matchesTopic,
      String outcomesTopic, InputLimits limits) {
    this.vacancies = new ValidatingDeserializationSchema(Kind.VACANCY, JOB, limits);
    this.candidates = new ValidatingDeserializationSchema(Kind.CANDIDATE, JOB, limits);
    this.cities = cities;
    this.vacanciesTopic = vacanciesTopic;
    this.candidatesTopic = candidatesTopic;
    this.matchesTopic = matchesTopic;
    this.outcomesTopic = outcomesTopic;
  }

  public StatsInput parse(String topic, int partition, long offset, byte[] value) {
    StatsInput in = new StatsInput();
    in.sourceTopic = topic;
    in.partition = partition;
    in.offset = offset;
    in.raw = value;
    if (vacanciesTopic.equals(topic)) {
      Inbound r = vacancies.parse(value, topic, partition, offset);
      in.rejected = r.deadLetter();
      if (r.vacancy() != null) {
        in.vacancy = VacancyChange.of(r.vacancy());
        in.eventTime = in.vacancy.eventTime;
      }
    } else if (candidatesTopic.equals(topic)) {
      Inbound r = candidates.parse(value, topic, partition, offset);
      in.rejected = r.deadLetter();
      if (r.candidate() != null) {
        in.candidate = CandidateChange.of(r.candidate());
        in.eventTime = in.candidate.eventTime;
      }
    } else if (outcomesTopic.equals(topic)) {
      ParseResult<MatchOutcome> r = vacancies.validator().parseOutcome(value);
      if (r.isValid()) {
        in.outcome = OutcomeChange.of(r.value());
        in.outcome.sourceTopic = topic;
        in.outcome.partition = partition;
        in.outcome.offset = offset;
        in.outcome.raw = value; // until decided: a refused outcome is dead-lettered unchanged
        in.eventTime = in.outcome.eventTime;
      } else {
        in.rejected = ValidatingDeserializationSchema.deadLetter(
            value, topic, partition, offset, MatchOutcome.class, r.reason(), JOB);
      }
    } else {
      boolean matches = matchesTopic.equals(topic);
      String reason = matches ? readMatch(value, in) : "unexpected topic '" + topic + "'";
      if (reason != null) {
        in.rejected = ValidatingDeserializationSchema.deadLetter(
            value, topic, partition, offset, matches ? Match.class : null, reason, JOB);
      }
    }
    if (in.rejected != null) {
      in.raw = null; // the dead letter keeps what it needs
    }
    return in;
  }

  /** A dead letter for a record that was read but must not count, e.g. one that came too late. */
  public static DeadLetter deadLetter(StatsInput in, String reason) {
    return ValidatingDeserializationSchema.deadLetter(
        in.raw, in.sourceTopic, in.partition, in.offset, contractOf(in), reason, JOB);
  }

  /** The contract type of the record, known from what it was read as. */
  private static Class<?> contractOf(StatsInput in) {
    if (in.vacancy != null) return VacancyEvent.class;
    if (in.candidate != null) return CandidateEvent.class;
    if (in.matchId != null) return Match.class;
    if (in.outcome != null) return MatchOutcome.class;
    return null;
  }

  private String readMatch(byte[] value, StatsInput in) {
    Match m;
    try {
      m = EventCodec.decodeMatch(value);
    } catch (InvalidEventException e) {
      return e.reason();
    } catch (RuntimeException e) {
      return "invalid record: " + e.getClass().getSimpleName();
    }
    if (m.matchId() == null) return "missing field 'matchId'";
    String time = vacancies.validator().checkEventTime(m.eventTime());
    if (time != null) return time;
    if (!SchemaVersion.isSupported(m.schemaVersion())) return "unknown schemaVersion " + m.schemaVersion();
    if (m.cityId() == null) return "missing field 'cityId'";
    if (!cities.contains(m.cityId())) return "unknown city in 'cityId'";
    // Optional (absent before settings versions): only a present, negative one is wrong.
    if (m.settingsVersion() != null && m.settingsVersion() < 0) return "settingsVersion " + m.settingsVersion() + " is below 0";
    in.matchId = m.matchId();
    in.matchCityId = m.cityId();
    in.matchOccupationCode = m.occupationCode();
    in.eventTime = m.eventTime();
    return null;
  }
}
