package io.matchstream.gateway;

import io.matchstream.config.Durations;
import io.matchstream.config.Keys;
import io.matchstream.gateway.history.HistoryConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gateway's options. Each key is read from the deployment config first (which
 * {@code GatewayMain serve} fills from its {@code --key value} options), then from the
 * environment ({@code MATCHSTREAM_} + the key upper-cased, {@code .} and {@code -} turned into
 * {@code _}), then the default: the convention of every command ({@code config/README.md}).
 * Invalid values fail at start with a message naming the key.
 */
public record GatewayConfig(
    String host,
    int port,
    String bootstrapServers,
    String isolationLevel,
    String jwtSecret,
    boolean devMode,
    List<String> allowedOrigins,
    int maxFrameBytes,
    int messagesPerSecond,
    int messageBurst,
    int connectionsPerSubject,
    int sendQueueFrames,
    int historyDeltas,
    int historyBytes,
    int matchesPerCity,
    int matchesLookback,
    String dashboardsDir,
    Duration jwtMaxTtl,
    int handshakeTimeoutSeconds,
    int idleTimeoutSeconds,
    int httpInstances,
    int metricsPort,
    String metricsToken,
    int tickerMatchesPerSecond,
    int outcomeIdempotencyKeys,
    Duration outcomeIdempotencyTtl,
    int outcomeBatchRecords,
    int outcomeBatchBytes,
    int outcomeRequestsInFlight,
    int readBackRecords,
    int readBackBytes,
    Duration readBackTimeout,
    int readBacks) {

  /** The longest token lifetime accepted unless configured: a working day and a night shift. */
  public static final Duration DEFAULT_JWT_MAX_TTL = Duration.ofHours(24);

  /** The metrics stay on the main port ({@code metrics.port} unset). */
  public static final int METRICS_ON_MAIN_PORT = -1;

  public static GatewayConfig from(JsonObject config) {
    return from(config, System.getenv());
  }

  public static GatewayConfig from(JsonObject config, Map<String, String> env) {
    return read(new Reader(config == null ? new JsonObject() : config, env));
  }

  /** One key the gateway reads, with its default as text ({@code null}: none). */
  public record Key(String key, String defaultValue) {}

  /**
   * Every key the gateway reads ({@link GatewayConfig} and {@link HistoryConfig}), in reading
   * order, with its default: what the command line offers and the README documents.
   */
  public static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    Reader r = new Reader(new JsonObject(), Map.of(), keys);
    read(r);
    HistoryConfig.read(r);
    return List.copyOf(keys);
  }

  private static GatewayConfig read(Reader r) {
    return new GatewayConfig(
        r.string("http.host", "127.0.0.1"),
        r.integer("http.port", 8080, 0, 65535),
        r.string("kafka.bootstrap-servers", null),
        r.oneOf("kafka.isolation-level", "read_committed", "read_committed", "read_uncommitted"),
        r.string("jwt.secret", null),
        r.bool("dev-mode", false),
        r.list("allowed-origins"),
        r.integer("limits.frame-bytes", 8 * 1024, 256, 1 << 20),
        r.integer("limits.messages-per-second", 20, 1, 10_000),
        r.integer("limits.message-burst", 40, 1, 10_000),
        r.integer("limits.connections-per-subject", 8, 1, 100_000),
        r.integer("limits.send-queue", 256, 8, 100_000),
        r.integer("limits.history", 1_000, 1, 100_000),
        r.integer("limits.history-bytes", 1 << 20, 1024, 1 << 28),
        r.integer("limits.matches-per-city", 100, 1, 10_000),
        r.integer("feed.matches-lookback", 5_000, 0, 10_000_000),
        r.string("dashboards.dir", null),
        r.duration("jwt.max-ttl", DEFAULT_JWT_MAX_TTL),
        r.integer("limits.handshake-seconds", 10, 1, 3_600),
        r.integer("limits.idle-seconds", 60, 1, 86_400),
        r.integer("http.instances", Runtime.getRuntime().availableProcessors(), 1, 1_024),
        r.integer("metrics.port", METRICS_ON_MAIN_PORT, METRICS_ON_MAIN_PORT, 65535),
        r.string("metrics.token", null),
        r.integer("ticker.matches-per-second", 5, 1, 1_000),
        r.integer("outcomes.idempotency-keys", 50_000, 1, 10_000_000),
        r.duration("outcomes.idempotency-ttl", Duration.ofHours(24)),
        r.integer("outcomes.batch-records", 500, 1, 10_000),
        r.integer("outcomes.batch-bytes", 256 * 1024, 1024, 16 << 20),
        r.integer("outcomes.in-flight", 32, 1, 10_000),
        r.integer("resume.read-back-records", 100_000, 0, 10_000_000),
        r.integer("resume.read-back-bytes", 64 << 20, 0, 1 << 30),
        r.duration("resume.read-back-timeout", Duration.ofSeconds(5)),
        r.integer("resume.read-backs", 4, 1, 64));
  }

  /** The ceiling for tokens: {@code jwt.max-ttl} from the environment, else the default. */
  public static Duration maxTtlFromEnvironment() {
    return from(new JsonObject()).jwtMaxTtl();
  }

  /** The environment variable for a key: {@code http.port} → {@code MATCHSTREAM_HTTP_PORT}. */
  public static String envName(String key) {
    return Keys.envName(key);
  }

  /**
   * Reads keys from a deployment config, else the environment (a blank variable is unset), else
   * the default; a bad value is an {@link IllegalArgumentException} naming the key. Durations
   * have the syntax of every command ({@link Durations}: {@code 12 h}, {@code PT12H}).
   */
  public static final class Reader {
    private final JsonObject config;
    private final Map<String, String> env;
    private final List<Key> seen;

    public Reader(JsonObject config, Map<String, String> env) {
      this(config, env, null);
    }

    private Reader(JsonObject config, Map<String, String> env, List<Key> seen) {
      this.config = config;
      this.env = env;
      this.seen = seen;
    }

    private Object raw(String key, Object dflt) {
      if (seen != null) seen.add(new Key(key, dflt == null ? null : dflt.toString()));
      Object v = config.getValue(key);
      if (v != null) return v;
      String e = env.get(envName(key));
      return e == null || e.isBlank() ? null : e;
    }

    public String string(String key, String dflt) {
      Object v = raw(key, dflt);
      return v == null ? dflt : v.toString();
    }

    public int integer(String key, int dflt, int min, int max) {
      Object v = raw(key, dflt);
      if (v == null) return dflt;
      try {
        int i = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
        if (i < min || i > max) throw new NumberFormatException();
        return i;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be an integer from " + min + " to " + max);
      }
    }

    public Duration duration(String key, Duration dflt) {
      Object v = raw(key, dflt);
      if (v == null) return dflt;
      try {
        return Durations.parsePositive(v.toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + " must be a positive duration such as 12 h or PT12H: "
            + e.getMessage());
      }
    }

    public boolean bool(String key, boolean dflt) {
      Object v = raw(key, dflt);
      if (v == null) return dflt;
      if (v instanceof Boolean b) return b;
      String s = v.toString().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true")) return true;
      if (s.equals("false")) return false;
      throw new IllegalArgumentException(key + " must be true or false");
    }

    public String oneOf(String key, String dflt, String... allowed) {
      String v = string(key, dflt);
      for (String a : allowed) {
        if (a.equals(v)) return v;
      }
      throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed));
    }

    public List<String> list(String key) {
      Object v = raw(key, null);
      List<String> out = new ArrayList<>();
      if (v instanceof JsonArray a) {
        a.forEach(o -> out.add(o.toString().trim()));
      } else if (v instanceof List<?> l) {
        l.forEach(o -> out.add(o.toString().trim()));
      } else if (v != null) {
        for (String s : v.toString().split(",")) {
          if (!s.isBlank()) out.add(s.trim());
        }
      }
      return List.copyOf(out);
    }
  }
}
