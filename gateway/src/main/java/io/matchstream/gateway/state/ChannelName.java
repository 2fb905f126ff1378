package io.matchstream.gateway.state;

import io.matchstream.events.cities.CityRegistry;

/**
 * A parsed channel of docs/protocol.md: {@code national:stats}, {@code national:ticker}, {@code national:ranking},
 * {@code alerts}, or {@code city:<cityId>:stats|matches|alerts|ranking} for a known city. Anything else does not parse.
 *
 * @param name the channel string
 * @param kind what flows on it
 * @param cityId the city, or null for the national channels
 */
public record ChannelName(String name, Kind kind, String cityId) {
  public static final String NATIONAL_STATS = "national:stats";
  public static final String ALL_ALERTS = "alerts";
  /** A sample of every city's matches, at most {@code ticker.matches-per-second}: for big screens. */
  public static final String NATIONAL_TICKER = "national:ticker";
  /** The national shortage ranking (top 100); {@code city:<cityId>:ranking} is a city's top 20. */
  public static final String NATIONAL_RANKING = "national:ranking";

  public enum Kind {
    STATS,
    MATCHES,
    ALERTS,
    TICKER,
    RANKING
  }

  /** The channel, or null if {@code name} is not a channel of the protocol for a known city. */
  public static ChannelName parse(String name, CityRegistry cities) {
    if (name == null || name.length() > 64) return null;
    if (name.equals(NATIONAL_STATS)) return new ChannelName(name, Kind.STATS, null);
    if (name.equals(ALL_ALERTS)) return new ChannelName(name, Kind.ALERTS, null);
    if (name.equals(NATIONAL_TICKER)) return new ChannelName(name, Kind.TICKER, null);
    if (name.equals(NATIONAL_RANKING)) return new ChannelName(name, Kind.RANKING, null);
    String[] parts = name.split(":", -1);
    if (parts.length != 3 || !parts[0].equals("city") || !cities.contains(parts[1])) return null;
    Kind kind =
        switch (parts[2]) {
          case "stats" -> Kind.STATS;
          case "matches" -> Kind.MATCHES;
          case "alerts" -> Kind.ALERTS;
          case "ranking" -> Kind.RANKING;
          default -> null;
        };
    return kind == null ? null : new ChannelName(name, kind, parts[1]);
  }

  public static String cityStats(String cityId) {
    return "city:" + cityId + ":stats";
  }

  public static String cityMatches(String cityId) {
    return "city:" + cityId + ":matches";
  }

  public static String cityAlerts(String cityId) {
    return "city:" + cityId + ":alerts";
  }

  public static String cityRanking(String cityId) {
    return "city:" + cityId + ":ranking";
  }

  /** Figures (and rankings) replace each other, so a queued one may be replaced by a newer one. */
  public boolean conflates() {
    return kind == Kind.STATS || kind == Kind.RANKING;
  }
}
