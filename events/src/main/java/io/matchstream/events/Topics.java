package io.matchstream.events;

/**
 * The names of the topics of docs/design.md: every producer, job, gateway and tool takes its
 * defaults from here. How many partitions each has and which are compacted is the broker set-up's
 * ({@code embedded-kafka}'s {@code TopicSpecs}, deploy/kafka/create-topics.sh).
 */
public final class Topics {
  /** {@link VacancyEvent}s, keyed by vacancyId. */
  public static final String VACANCIES = "vacancies";
  /** {@link CandidateEvent}s, keyed by candidateId. */
  public static final String CANDIDATES = "candidates";
  /** {@link Match}es, keyed by matchId. */
  public static final String MATCHES = "matches";
  /** What became of each match ({@link MatchOutcome}: contacted … hired), keyed by matchId. */
  public static final String MATCH_OUTCOMES = "match-outcomes";
  /** {@link CityStats} per city and {@code national}: an upsert table. */
  public static final String CITY_STATS = "city-stats";
  /** The {@link ShortageRanking} per city and {@code national}: an upsert table like {@code city-stats}. */
  public static final String SHORTAGE_RANKING = "shortage-ranking";
  /** {@link Alert}s, keyed by alertId: an upsert table of open alerts. */
  public static final String ALERTS = "alerts";
  /** Rejected input records ({@link DeadLetter}) with their reason. */
  public static final String DEAD_LETTERS = "dead-letters";
  /** The match score's live settings, versioned ({@link ScoreSettings}), key {@code match}. */
  public static final String MATCH_SETTINGS = "match-settings";
  /** The notifier's delivery log, keyed by receiver and alert change. */
  public static final String NOTIFICATIONS = "notifications";
  /** Each city's (and the nation's) final figures per day, keyed {@code cityId/day}: past days. */
  public static final String CITY_DAYS = "city-days";
  /** Every alert change (FIRING, RESOLVED), keyed by its {@code eventId}: alerts of past days. */
  public static final String ALERT_LOG = "alert-log";

  private Topics() {}
}
