package io.matchstream.jobs.common;

import io.matchstream.config.CommandLines;
import io.matchstream.config.EnvironmentDefaults;
import io.matchstream.config.Keys;
import io.matchstream.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options every job shares, and how options are read: command-line {@code --key value} wins
 * over the environment ({@code MATCHSTREAM_} + key upper-cased, {@code .}/{@code -} → {@code _}),
 * which wins over the default (the convention of every command, {@code config/README.md}).
 * Durations are Flink's syntax ({@code 30 s}, {@code 10 min}, {@code PT30S}). An unknown
 * {@code --key} is an error naming it: a typo must not silently run with a default.
 */
public final class JobOptions {
  private JobOptions() {}

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      ConfigOptions.key("kafka.bootstrap-servers")
          .stringType()
          .defaultValue("localhost:9092")
          .withDescription("Kafka brokers, host:port[,host:port…].");

  public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
      ConfigOptions.key("delivery.guarantee")
          .enumType(DeliveryGuarantee.class)
          .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
          .withDescription(
              "exactly-once (transactional; readers use read_committed; output visible when a "
                  + "checkpoint completes) or at-least-once (lower latency; repeats carry the same id).");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      ConfigOptions.key("kafka.transactional-id-prefix")
          .stringType()
          .defaultValue("matchstream")
          .withDescription("Prefix of the sinks' transactional ids; unique per job deployment.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      ConfigOptions.key("kafka.transaction-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(10))
          .withDescription("Producer transaction timeout; must not exceed the broker's maximum (15 min by default).");

  public static final ConfigOption<String> GROUP_ID_PREFIX =
      ConfigOptions.key("kafka.group-id-prefix")
          .stringType()
          .defaultValue("matchstream")
          .withDescription("Prefix of the sources' consumer group ids (offsets are committed for monitoring only).");

  public static final ConfigOption<Boolean> BOUNDED =
      ConfigOptions.key("kafka.bounded")
          .booleanType()
          .defaultValue(false)
          .withDescription("Stop at the offsets that were latest at start (tests, benchmarks, replays).");

  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      ConfigOptions.key("checkpoint.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription("How often state is checkpointed; with exactly-once, how often output becomes visible.");

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
      ConfigOptions.key("source.max-out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withDescription(
              "How far behind the newest event time an event may arrive and still be in order; "
                  + "the simulator's Simulator.MAX_DISORDER (2 min). Also the match job's output latency.");

  public static final ConfigOption<Duration> IDLE_TIMEOUT =
      ConfigOptions.key("source.idle-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription("A partition silent this long stops holding the watermark back.");

  public static final ConfigOption<Duration> WATERMARK_MAX_LEAD =
      ConfigOptions.key("source.watermark-max-lead")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "The watermark never passes the wall clock plus this (less the out-of-orderness): an event "
                  + "ahead of the clock is accepted (up to source.max-future-skew) and waits for the clock "
                  + "instead of closing the day for everyone else. Raise it only where event time runs "
                  + "ahead of the wall clock on purpose (an accelerated simulation).");

  public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
      ConfigOptions.key("source.max-future-skew")
          .durationType()
          .defaultValue(Duration.ofDays(1))
          .withDescription("An event time further ahead of the wall clock than this is rejected (dead letter).");

  public static final ConfigOption<String> EARLIEST_EVENT_TIME =
      ConfigOptions.key("source.earliest-event-time")
          .stringType()
          .defaultValue("2000-01-01T00:00:00+08:00")
          .withDescription(
              "ISO-8601 with offset: an event naming an earlier time is rejected (dead letter) by every "
                  + "job alike, rather than matched by one and called late by another.");

  public static final ConfigOption<String> TOPIC_VACANCIES =
      ConfigOptions.key("topic.vacancies").stringType().defaultValue(Topics.VACANCIES)
          .withDescription("Input topic of vacancy events.");

  public static final ConfigOption<String> TOPIC_CANDIDATES =
      ConfigOptions.key("topic.candidates").stringType().defaultValue(Topics.CANDIDATES)
          .withDescription("Input topic of candidate events.");

  public static final ConfigOption<String> TOPIC_MATCHES =
      ConfigOptions.key("topic.matches").stringType().defaultValue(Topics.MATCHES)
          .withDescription("Output topic of matches, keyed by matchId.");

  public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
      ConfigOptions.key("topic.dead-letters").stringType().defaultValue(Topics.DEAD_LETTERS)
          .withDescription("Output topic of rejected input records.");

  public static List<ConfigOption<?>> all() {
    return List.of(TOPIC_VACANCIES, TOPIC_CANDIDATES, TOPIC_MATCHES, TOPIC_DEAD_LETTERS, BOOTSTRAP_SERVERS, DELIVERY_GUARANTEE, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT,
        GROUP_ID_PREFIX, BOUNDED, CHECKPOINT_INTERVAL, MAX_OUT_OF_ORDERNESS, IDLE_TIMEOUT, WATERMARK_MAX_LEAD,
        MAX_FUTURE_SKEW, EARLIEST_EVENT_TIME);
  }

  /**
   * The delivery guarantee: {@code exactly-once} or {@code at-least-once}. The connector's third
   * value, {@code none}, could lose output and is refused, naming the key.
   */
  public static DeliveryGuarantee deliveryGuarantee(Configuration conf) {
    DeliveryGuarantee g = conf.get(DELIVERY_GUARANTEE);
    if (g == DeliveryGuarantee.NONE) {
      throw new IllegalArgumentException(
          DELIVERY_GUARANTEE.key() + " must be exactly-once or at-least-once, not '" + g + "'");
    }
    return g;
  }

  /** The environment variable of an option key (the convention of every command, {@link Keys}). */
  public static String envName(String key) {
    return Keys.envName(key);
  }

  /**
   * Reads the known options from the command line and the environment into a Flink
   * configuration, with the command line of every command ({@link CommandLines}): each option is
   * {@code --key value} (or {@code --key=value}), else its environment variable, else the
   * option's default. {@code passthrough} names further options the caller reads itself (e.g.
   * {@code job}); they follow the same rules. Every value is then read as its option's type.
   *
   * @throws IllegalArgumentException naming the unknown option, the missing value, or the key
   *     whose value does not parse
   */
  public static Configuration parse(
      String[] args, Map<String, String> env, List<ConfigOption<?>> known, List<String> passthrough) {
    CommandSpec spec = CommandSpec.create().name("matchstream-jobs");
    List<String> keys = new ArrayList<>(passthrough);
    known.forEach(o -> keys.add(o.key()));
    for (String key : keys) {
      spec.addOption(OptionSpec.builder("--" + key).type(String.class).paramLabel("VALUE").build());
    }
    CommandLine cmd = CommandLines.create(spec, env);
    try {
      cmd.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      String first = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
      throw new IllegalArgumentException(
          (first.startsWith("--") ? "unknown option " + first : "expected --key value, got '" + first + "'")
              + "; known: " + String.join(", ", keys), e);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String v = o.getValue();
      if (v != null) {
        values.put(EnvironmentDefaults.key(o), v);
      }
    }
    Configuration conf = Configuration.fromMap(values);
    for (ConfigOption<?> o : known) {
      try {
        conf.get(o);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("option " + o.key() + ": " + e.getMessage(), e);
      }
    }
    return conf;
  }
}
