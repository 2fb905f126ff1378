package io.matchstream.jobs.stats.io;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.SchemaVersion;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.CandidateEvent;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.StatsInput;
import io.matchstream.jobs.stats.records.VacancyChange;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Turns one Kafka record of {@code vacancies}, {@code candidates} or {@code matches} into a {@link
 * StatsInput}: the event, or a dead letter with the reason. Never throws, so a malformed record
 * can never stop the job.
 */
public final class StatsInputParser implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The job name written into dead letters. */
  public static final String JOB = "city-stats";

  private final EventValidator validator;
  private final CityRegistry cities;
  private final String vacanciesTopic;
  private final String candidatesTopic;
  private final String matchesTopic;

  public StatsInputParser(
      EventValidator validator, CityRegistry cities, String vacanciesTopic, String candidatesTopic,
      String matchesTopic) {
    this.validator = validator;
    this.cities = cities;
    this.vacanciesTopic = vacanciesTopic;
    this.candidatesTopic = candidatesTopic;
    this.matchesTopic = matchesTopic;
  }

  public StatsInput parse(String topic, int partition, long offset, byte[] value, long nowMillis) {
    StatsInput in = new StatsInput();
    in.sourceTopic = topic;
    in.partition = partition;
    in.offset = offset;
    in.raw = value;
    String reason;
    if (vacanciesTopic.equals(topic)) {
      ParseResult<VacancyEvent> r = validator.parseVacancy(value);
      reason = r.reason();
      if (r.isValid()) {
        in.vacancy = VacancyChange.of(r.value());
        in.eventTime = in.vacancy.eventTime;
      }
    } else if (candidatesTopic.equals(topic)) {
      ParseResult<CandidateEvent> r = validator.parseCandidate(value);
      reason = r.reason();
      if (r.isValid()) {
        in.candidate = CandidateChange.of(r.value());
        in.eventTime = in.candidate.eventTime;
      }
    } else if (matchesTopic.equals(topic)) {
      reason = readMatch(value, in);
    } else {
      reason = "unexpected topic '" + topic + "'";
    }
    if (reason != null) {
      in.rejected = deadLetter(in, reason, nowMillis);
      in.raw = null;
    }
    return in;
  }

  /** A dead letter for a record that was read but must not count, e.g. one that came too late. */
  public static DeadLetter deadLetter(StatsInput in, String reason, long nowMillis) {
    byte[] raw = in.raw == null ? new byte[0] : in.raw;
    int size = raw.length;
    if (size > EventCodec.MAX_RECORD_BYTES) {
      raw = Arrays.copyOf(raw, EventCodec.MAX_RECORD_BYTES);
    }
    return new DeadLetter(
        DeadLetter.idOf(in.sourceTopic, in.partition, in.offset), nowMillis, SchemaVersion.CURRENT,
        in.sourceTopic, in.partition, in.offset, reason, JOB, raw, size);
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
    if (m.eventTime() == 0) return "missing field 'eventTime'";
    if (!SchemaVersion.isSupported(m.schemaVersion())) return "unknown schemaVersion " + m.schemaVersion();
    if (m.cityId() == null) return "missing field 'cityId'";
    if (!cities.contains(m.cityId())) return "unknown city in 'cityId'";
    in.matchId = m.matchId();
    in.matchCityId = m.cityId();
    in.eventTime = m.eventTime();
    return null;
  }
}
