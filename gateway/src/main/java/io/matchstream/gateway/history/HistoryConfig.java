package io.matchstream.gateway.history;

import io.matchstream.gateway.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The history keys (gateway README, "Configuration"): from the deployment config, else the
 * environment ({@code MATCHSTREAM_HISTORY_DAYS} …), else the default. A bad value fails at start
 * naming the key.
 *
 * @param days days kept per city and for the nation (older ones are dropped first)
 * @param alertChanges alert changes kept in all (whole days are dropped, oldest first, past it)
 * @param maxRangeDays the longest range one request may ask for, in days, both ends included
 */
public record HistoryConfig(int days, int alertChanges, int maxRangeDays) {

  public static HistoryConfig from(JsonObject config) {
    return from(config, System.getenv());
  }

  public static HistoryConfig from(JsonObject config, Map<String, String> env) {
    return read(new GatewayConfig.Reader(config == null ? new JsonObject() : config, env));
  }

  /** Reads the history keys with the gateway's reader (so {@link GatewayConfig#keys()} lists them). */
  public static HistoryConfig read(GatewayConfig.Reader r) {
    return new HistoryConfig(
        r.integer("history.days", 400, 1, 10_000),
        r.integer("history.alert-changes", 200_000, 0, 10_000_000),
        r.integer("history.max-range-days", 366, 1, 10_000));
  }
}
