package io.matchstream.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Pseudonymous id formats and the deterministic ids of outputs. Outputs are idempotent because
 * their ids are functions of their inputs: a consumer that sees a record twice overwrites it.
 */
public final class Ids {
  /** {@code vac-} and 6–32 of [0-9a-z]. */
  public static final Pattern VACANCY_ID = Pattern.compile("vac-[0-9a-z]{6,32}");
  /** {@code cand-} and 6–32 of [0-9a-z]. */
  public static final Pattern CANDIDATE_ID = Pattern.compile("cand-[0-9a-z]{6,32}");
  /** {@code emp-} and 4–32 of [0-9a-z]. */
  public static final Pattern EMPLOYER_ID = Pattern.compile("emp-[0-9a-z]{4,32}");
  /** {@code m-} and 20 hex digits, as {@link #matchId} makes them. */
  public static final Pattern MATCH_ID = Pattern.compile("m-[0-9a-f]{20}");
  /** {@code o-} and 6–40 of [0-9a-z-] (a UUID fits). */
  public static final Pattern OUTCOME_ID = Pattern.compile("o-[0-9a-z-]{6,40}");
  /** Any event id: 1–64 of [0-9A-Za-z._:/-]. */
  public static final Pattern EVENT_ID = Pattern.compile("[0-9A-Za-z._:/-]{1,64}");

  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  /** {@code m-} and 20 hex digits of SHA-256(vacancyId|candidateId). */
  public static String matchId(String vacancyId, String candidateId) {
    return "m-" + digest(vacancyId + "|" + candidateId);
  }

  /**
   * {@code o-} and 20 hex digits of SHA-256(matchId|stage): the outcome id for a writer without ids
   * of its own. A match reaches each stage at most once in most lives, so a repeat of the same step
   * gets the same id and is dropped by readers; a writer that records a stage twice on purpose (a
   * second interview) gives each its own id.
   */
  public static String outcomeId(String matchId, OutcomeStage stage) {
    return "o-" + digest(matchId + "|" + stage.name());
  }

  /**
   * {@code a-} and 20 hex digits of SHA-256(type|subject). The subject is the vacancyId for
   * UNFILLED_TECHNICAL_POST and {@link #shortageSubject} for SHORTAGE.
   */
  public static String alertId(String subject, AlertType type) {
    return "a-" + digest(type.name() + "|" + subject);
  }

  /** The subject of a SHORTAGE alert: {@code cityId:occupationCode}. */
  public static String shortageSubject(String cityId, String occupationCode) {
    return cityId + ":" + occupationCode;
  }

  /**
   * One event id per alert state change: the state and the event time of the change. A SHORTAGE
   * may fire, resolve and fire again; each episode's changes get their own ids, while a replay of
   * the same change (a restart, an at-least-once repeat) gets the same id.
   */
  public static String alertEventId(String alertId, AlertState state, long changeTime) {
    return alertId + ":" + state.name() + ":" + changeTime;
  }

  public static boolean isVacancyId(String id) {
    return id != null && VACANCY_ID.matcher(id).matches();
  }

  public static boolean isCandidateId(String id) {
    return id != null && CANDIDATE_ID.matcher(id).matches();
  }

  public static boolean isMatchId(String id) {
    return id != null && MATCH_ID.matcher(id).matches();
  }

  public static boolean isOutcomeId(String id) {
    return id != null && OUTCOME_ID.matcher(id).matches();
  }

  public static boolean isEmployerId(String id) {
    return id != null && EMPLOYER_ID.matcher(id).matches();
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(d, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
