package io.matchstream.notifier.config;

import io.matchstream.config.Durations;
import io.matchstream.config.Keys;
import io.matchstream.events.AlertType;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The notifier's options. Each key is read from the given options first (command line, or the
 * all-in-one's), then the environment ({@code MATCHSTREAM_} + the key upper-cased, {@code .} and
 * {@code -} turned into {@code _}), then the default. Secrets ({@code receiver.<name>.token},
 * {@code receiver.<name>.secret}) come from the environment only. Anything wrong fails at start
 * with a {@link ConfigException} naming the key.
 *
 * @param bootstrapServers Kafka brokers
 * @param alertsTopic where alert changes are read
 * @param notificationsTopic the compacted delivery log
 * @param deadLettersTopic where unreadable alert records go
 * @param metricsHost listen address of {@code /metrics}
 * @param metricsPort its port; 0 for a free one, -1 for none
 * @param externalUrl the dashboards, linked from every message ({@code externalURL})
 * @param groupBy the labels alerts are grouped by
 * @param groupWait how long a new group waits for more alerts before its first message
 * @param groupInterval how long a group waits before a message about new changes
 * @param repeatInterval how long before a message repeats still-firing alerts
 * @param initialBackoff first wait after a failed delivery
 * @param maxBackoff longest wait between attempts
 * @param giveUpAfter how long a delivery is retried before it counts as undelivered
 * @param httpTimeout the longest one HTTP request may take
 * @param receivers where messages go
 */
public record NotifierConfig(
    String bootstrapServers,
    String alertsTopic,
    String notificationsTopic,
    String deadLettersTopic,
    String metricsHost,
    int metricsPort,
    String externalUrl,
    List<String> groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration giveUpAfter,
    Duration httpTimeout,
    List<ReceiverConfig> receivers) {

  /** The labels an alert carries, and so the only ones it can be grouped by. */
  public static final Set<String> LABELS =
      Set.of("alertname", "alertId", "city", "occupation", "vacancy", "employer", "severity");

  private static final List<String> GLOBAL_KEYS = List.of(
      "kafka.bootstrap-servers", "topic.alerts", "topic.notifications", "topic.dead-letters",
      "metrics.host", "metrics.port", "external-url", "group.by", "group.wait", "group.interval",
      "repeat.interval", "retry.initial-backoff", "retry.max-backoff", "retry.give-up-after",
      "http.timeout", "receivers");
  private static final List<String> RECEIVER_KEYS =
      List.of("type", "url", "cities", "alert-types", "rate-limit", "rate-window");
  private static final List<String> SECRET_KEYS = List.of("token", "secret");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  /** Options from the environment alone. */
  public static NotifierConfig fromEnvironment() {
    return from(Map.of(), System.getenv(), CityRegistry.loadDefault());
  }

  public static NotifierConfig from(Map<String, String> options, Map<String, String> env) {
    return from(options, env, CityRegistry.loadDefault());
  }

  public static NotifierConfig from(Map<String, String> options, Map<String, String> env, CityRegistry cities) {
    Reader r = new Reader(options, env);
    List<String> names = r.list("receivers");
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException("receivers", "'" + name + "' is not a receiver name (a-z, 0-9 and '-', up to 41)");
      }
      if (!seen.add(name)) {
        throw new ConfigException("receivers", "'" + name + "' is listed twice");
      }
    }
    checkKeys(options, seen);

    List<String> groupBy = r.list("group.by");
    if (groupBy.isEmpty()) {
      groupBy = List.of("alertname", "city");
    }
    for (String label : groupBy) {
      if (!LABELS.contains(label)) {
        throw new ConfigException("group.by", "unknown label '" + label + "'; labels are " + new java.util.TreeSet<>(LABELS));
      }
    }
    Duration initialBackoff = r.duration("retry.initial-backoff", Duration.ofSeconds(1));
    Duration maxBackoff = r.duration("retry.max-backoff", Duration.ofMinutes(1));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigException("retry.max-backoff", "must not be shorter than retry.initial-backoff");
    }
    List<ReceiverConfig> receivers = new ArrayList<>();
    for (String name : names) {
      receivers.add(receiver(r, name, cities));
    }
    return new NotifierConfig(
        r.string("kafka.bootstrap-servers", "localhost:9092"),
        r.string("topic.alerts", Topics.ALERTS),
        r.string("topic.notifications", Topics.NOTIFICATIONS),
        r.string("topic.dead-letters", Topics.DEAD_LETTERS),
        r.string("metrics.host", "127.0.0.1"),
        r.integer("metrics.port", 8082, -1, 65535),
        r.url("external-url", "http://localhost:8080/").toString(),
        List.copyOf(groupBy),
        r.duration("group.wait", Duration.ofSeconds(30)),
        r.duration("group.interval", Duration.ofMinutes(5)),
        r.duration("repeat.interval", Duration.ofHours(4)),
        initialBackoff,
        maxBackoff,
        r.duration("retry.give-up-after", Duration.ofHours(6)),
        r.duration("http.timeout", Duration.ofSeconds(10)),
        List.copyOf(receivers));
  }

  /** The environment variable of a key: {@code group.wait} → {@code MATCHSTREAM_GROUP_WAIT}. */
  public static String envName(String key) {
    return Keys.envName(key);
  }

  /** The keys that are not a receiver's, in the README's order. */
  public static List<String> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** The keys of each receiver ({@code receiver.<name>.<key>}), secrets ({@link #secretKeys()}) aside. */
  public static List<String> receiverKeys() {
    return RECEIVER_KEYS;
  }

  /** A receiver's keys read from the environment only. */
  public static List<String> secretKeys() {
    return SECRET_KEYS;
  }

  /** A copy with another Kafka address (the all-in-one knows it only at start). */
  public NotifierConfig withBootstrapServers(String servers) {
    return new NotifierConfig(servers, alertsTopic, notificationsTopic, deadLettersTopic, metricsHost,
        metricsPort, externalUrl, groupBy, groupWait, groupInterval, repeatInterval, initialBackoff,
        maxBackoff, giveUpAfter, httpTimeout, receivers);
  }

  private static ReceiverConfig receiver(Reader r, String name, CityRegistry registry) {
    String p = "receiver." + name + ".";
    String typeText = r.string(p + "type", null);
    if (typeText == null) {
      throw new ConfigException(p + "type", "is required: webhook, wecom, dingtalk or feishu");
    }
    ReceiverType type;
    try {
      type = ReceiverType.valueOf(typeText.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(p + "type", "'" + typeText + "' is not one of webhook, wecom, dingtalk, feishu");
    }
    URI url = r.url(p + "url", type.defaultUrl());
    if (url == null) {
      throw new ConfigException(p + "url", "is required for a " + type.key() + " receiver");
    }
    if (url.getRawQuery() != null || url.getRawUserInfo() != null) {
      throw new ConfigException(p + "url",
          "must not carry a query or credentials: secrets go in " + envName(p + "token"));
    }
    List<String> cityList = r.list(p + "cities");
    if (cityList.isEmpty()) {
      throw new ConfigException(p + "cities", "is required: city ids, or * for every city (the ministry)");
    }
    Set<String> cities = new LinkedHashSet<>();
    if (!cityList.equals(List.of("*"))) {
      for (String city : cityList) {
        if (!registry.contains(city)) {
          throw new ConfigException(p + "cities", "unknown city '" + city + "'");
        }
        cities.add(city);
      }
    }
    Set<AlertType> types = new LinkedHashSet<>();
    for (String t : r.list(p + "alert-types")) {
      try {
        types.add(AlertType.valueOf(t.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(p + "alert-types", "unknown alert type '" + t + "'");
      }
    }
    String token = r.secret(p + "token");
    String secret = r.secret(p + "secret");
    if (type.isRobot() && token == null) {
      throw new ConfigException(p + "token", "is required for a " + type.key() + " robot: set " + envName(p + "token"));
    }
    if (type == ReceiverType.WECOM && secret != null) {
      throw new ConfigException(p + "secret", "WeCom robots are not signed; remove " + envName(p + "secret"));
    }
    return new ReceiverConfig(name, type, url, Set.copyOf(cities), Set.copyOf(types),
        r.integer(p + "rate-limit", type.defaultRateLimit(), 0, 100_000),
        r.duration(p + "rate-window", Duration.ofMinutes(1)),
        token, secret);
  }

  private static void checkKeys(Map<String, String> options, Set<String> receivers) {
    for (String key : options.keySet()) {
      if (GLOBAL_KEYS.contains(key)) {
        continue;
      }
      String[] parts = key.split("\\.", 3);
      if (parts.length == 3 && parts[0].equals("receiver")) {
        if (SECRET_KEYS.contains(parts[2])) {
          throw new ConfigException(key, "is a secret and comes from the environment only: set " + envName(key));
        }
        if (!receivers.contains(parts[1])) {
          throw new ConfigException(key, "names receiver '" + parts[1] + "', which is not in receivers");
        }
        if (RECEIVER_KEYS.contains(parts[2])) {
          continue;
        }
      }
      throw new ConfigException(key, "is not an option of the notifier");
    }
  }

  private record Reader(Map<String, String> options, Map<String, String> env) {
    String raw(String key) {
      String v = options.get(key);
      if (v == null) {
        v = env.get(envName(key));
      }
      return v == null || v.isBlank() ? null : v.trim();
    }

    String secret(String key) {
      String v = env.get(envName(key));
      return v == null || v.isBlank() ? null : v.trim();
    }

    String string(String key, String dflt) {
      String v = raw(key);
      return v == null ? dflt : v;
    }

    int integer(String key, int dflt, int min, int max) {
      String v = raw(key);
      if (v == null) {
        return dflt;
      }
      try {
        int i = Integer.parseInt(v);
        if (i >= min && i <= max) {
          return i;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new ConfigException(key, "must be an integer from " + min + " to " + max + ", not '" + v + "'");
    }

    Duration duration(String key, Duration dflt) {
      String v = raw(key);
      if (v == null) {
        return dflt;
      }
      try {
        Duration d = Durations.parse(v);
        if (!d.isNegative() && !d.isZero()) {
          return d;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw new ConfigException(key, "must be a positive duration such as '30 s', '5 min', '4 h', not '" + v + "'");
    }

    URI url(String key, String dflt) {
      String v = string(key, dflt);
      if (v == null) {
        return null;
      }
      try {
        URI uri = new URI(v);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new ConfigException(key, "must be an http or https URL");
    }

    List<String> list(String key) {
      String v = raw(key);
      List<String> out = new ArrayList<>();
      if (v != null) {
        for (String s : v.split(",")) {
          if (!s.isBlank()) {
            out.add(s.trim());
          }
        }
      }
      return out;
    }
  }
}
