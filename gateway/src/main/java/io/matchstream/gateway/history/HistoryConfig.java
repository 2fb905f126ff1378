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
    JsonObject c = config == null ? new JsonObject() : config;
    return new HistoryConfig(
        integer(c, env, "history.days", 400, 1, 10_000),
        integer(c, env, "history.alert-changes", 200_000, 0, 10_000_000),
        integer(c, env, "history.max-range-days", 366, 1, 10_000));
  }

  private static int integer(JsonObject c, Map<String, String> env, String key, int dflt, int min, int max) {
    Object v = c.getValue(key);
    if (v == null) {
      String e = env.get(GatewayConfig.envName(key));
      v = e == null || e.isBlank() ? null : e;
    }
    if (v == null) return dflt;
    try {
      int i = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
      if (i < min || i > max) throw new NumberFormatException();
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer from " + min + " to " + max);
    }
  }
}
