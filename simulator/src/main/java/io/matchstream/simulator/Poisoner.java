package io.matchstream.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matchstream.events.Topics;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.IsoTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Makes malformed records from a recent valid post or profile. It has its own random source, so
 * mixing poison in never changes the valid events around it.
 */
final class Poisoner {
  private static final PoisonKind[] KINDS = PoisonKind.values();
  private static final long TEN_YEARS = Duration.ofDays(3650).toMillis();

  private final Rng rng;
  private long count;

  Poisoner(long seed) {
    // a distinct stream: the seed's poison choices are unrelated to its valid events
    this.rng = new Rng(seed ^ 0x5DEECE66DL * 31 + 0x9E3779B97F4A7C15L);
  }

  /** Whether to mix one poison record in after a valid event. */
  boolean strike(double rate) {
    return rng.chance(rate);
  }

  /**
   * A malformed record for {@code topic}, made from {@code template} (a full post or profile of
   * that topic), emitted at {@code now}.
   */
  SimEvent make(String topic, Object template, long now) {
    PoisonKind kind;
    do {
      kind = KINDS[rng.nextInt(KINDS.length)];
    } while (!kind.appliesTo(topic));
    boolean vacancy = Topics.VACANCIES.equals(topic);
    String idField = vacancy ? "vacancyId" : "candidateId";
    String key = (vacancy ? "vac-" : "cand-") + rng.base36(12);
    ObjectNode json = EventCodec.mapper().valueToTree(template);
    json.put("eventId", "poison-" + (++count));
    json.put("eventTime", IsoTime.format(now));
    json.put(idField, key);
    byte[] value;
    switch (kind) {
      case NOT_JSON -> value = ("vacancy;" + rng.base36(16) + ";csv export").getBytes(StandardCharsets.UTF_8);
      case TRUNCATED_JSON -> {
        byte[] whole = EventCodec.encode(json);
        value = Arrays.copyOf(whole, (int) (whole.length * rng.uniform(0.3, 0.9)));
      }
      case UNKNOWN_CITY -> value = EventCodec.encode(json.put("cityId", "atlantis"));
      case UNKNOWN_OCCUPATION -> {
        if (vacancy) {
          json.put("occupationCode", "9-99-99-99");
        } else {
          json.putArray("occupationCodes").add("9-99-99-99");
        }
        value = EventCodec.encode(json);
      }
      case UNKNOWN_SKILL -> {
        json.withArray(vacancy ? "essentialSkills" : "skills").add("sk-zz" + rng.base36(8));
        value = EventCodec.encode(json);
      }
      case SALARY_MIN_ABOVE_MAX -> {
        int max = json.path("salaryMax").asInt(8000);
        value = EventCodec.encode(json.put("salaryMin", max + 1000));
      }
      case HEADCOUNT_ZERO -> value = EventCodec.encode(json.put("headcount", 0));
      case NEGATIVE_SALARY -> value = EventCodec.encode(json.put("expectedSalary", -1));
      case MALFORMED_ID -> {
        key = (vacancy ? "VAC_" : "CAND_") + rng.base36(6).toUpperCase() + "!";
        value = EventCodec.encode(json.put(idField, key));
      }
      case UNKNOWN_SCHEMA_VERSION -> value = EventCodec.encode(json.put("schemaVersion", 99));
      case FAR_FUTURE_TIME -> value = EventCodec.encode(json.put("eventTime", IsoTime.format(now + TEN_YEARS)));
      case OVERSIZED -> {
        json.put("note", "x".repeat(EventCodec.MAX_RECORD_BYTES + 1024));
        value = EventCodec.encode(json);
      }
      default -> throw new IllegalStateException("unhandled poison kind " + kind);
    }
    return new SimEvent(topic, key, value, now, now, kind);
  }
}
