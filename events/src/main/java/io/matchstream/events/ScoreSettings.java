package io.matchstream.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.matchstream.events.codec.IsoTime;

/**
 * A version of the match score's live settings, on the compacted control topic {@code
 * match-settings} under the key {@link #KEY}: the newest version wins and is what a fresh start of
 * the match job reads. The match job starts with its options' settings as version 0 and replaces
 * them, without a restart, by each record whose version is above the one it holds; a record that is
 * invalid or not above it is dead-lettered and changes nothing.
 *
 * <p>Only what may change without touching the pools' state is here: the weights, the threshold,
 * top-k, the accepted-city score and the salary tolerance. The essential-skill factor (folded into
 * each held post's total skill weight) and the age limits (which the routing state follows) stay
 * options. Every field but {@link #effectiveFrom} is required: a record is a whole version, never a
 * patch.
 *
 * @param version the settings version, at least 1, above every version before it; each match
 *     carries the version that scored it ({@link Match#settingsVersion})
 * @param schemaVersion version of this contract, {@link SchemaVersion#CURRENT}
 * @param effectiveFrom event time from which arrivals are scored with this version, epoch
 *     milliseconds (ISO-8601 with offset on the wire); absent (0): from the first arrival the job
 *     applies after receiving it
 * @param threshold lowest score matched, in [0,1]
 * @param topK most matches per arrival per pool, 1..{@link #MAX_TOP_K}
 * @param weightSkills weight of the skill coverage, in [0, {@link #MAX_WEIGHT}]
 * @param weightLevel weight of the certificate-level fit
 * @param weightSalary weight of the salary fit
 * @param weightEmployment weight of the employment-type fit
 * @param weightLocation weight of the location fit; the five weights must not all be 0
 * @param acceptedCityScore location score in a city the candidate accepts but does not live in, in [0,1]
 * @param salaryTolerance how far above a post's maximum an expectation may be, a fraction in (0,1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "schemaVersion", "effectiveFrom", "threshold", "topK", "weightSkills",
    "weightLevel", "weightSalary", "weightEmployment", "weightLocation", "acceptedCityScore", "salaryTolerance"})
public record ScoreSettings(
    Long version,
    int schemaVersion,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonSerialize(using = IsoTime.Serializer.class) @JsonDeserialize(using = IsoTime.Deserializer.class)
        long effectiveFrom,
    Double threshold,
    Integer topK,
    Double weightSkills,
    Double weightLevel,
    Double weightSalary,
    Double weightEmployment,
    Double weightLocation,
    Double acceptedCityScore,
    Double salaryTolerance) {

  /** The record key on {@code match-settings}: one key, so compaction keeps the newest version. */
  public static final String KEY = "match";

  /** The most matches per arrival a version may ask for: bounds the work one record can cause. */
  public static final int MAX_TOP_K = 50;

  /** The largest weight: weights are relative, this only keeps their sum finite. */
  public static final double MAX_WEIGHT = 1000;

  /** Whether the record names the event time it takes effect from. */
  public boolean hasEffectiveFrom() {
    return effectiveFrom != 0;
  }
}
