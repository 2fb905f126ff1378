package io.matchstream.gateway.state;

import io.matchstream.events.CityStats;
import io.matchstream.events.ShortageRanking;
import java.util.HashMap;
import java.util.Map;

/**
 * The newest shortage ranking per city and {@code national} (at most one per pilot city plus one:
 * the hub checks the key before). Not thread-safe: {@link Hub} guards it.
 */
final class Rankings {
  private final Map<String, ShortageRanking> latest = new HashMap<>();

  /** Keeps the ranking unless it is a repeat or older than what is held; true if kept. */
  boolean accept(ShortageRanking r) {
    ShortageRanking held = latest.get(r.cityId());
    if (held != null && !isNewer(r, held)) return false;
    latest.put(r.cityId(), r);
    return true;
  }

  ShortageRanking latest(String key) {
    return latest.get(key);
  }

  static String channelOf(ShortageRanking r) {
    return ShortageRanking.NATIONAL.equals(r.cityId()) ? ChannelName.NATIONAL_RANKING : ChannelName.cityRanking(r.cityId());
  }

  /**
   * Of two upserts of one key (figures or rankings): a later day, or the same day at a higher
   * revision, replaces the other.
   */
  static boolean isNewer(Object a, Object b) {
    int byDay = day(a).compareTo(day(b));
    return byDay > 0 || (byDay == 0 && revision(a) > revision(b));
  }

  private static String day(Object o) {
    return o instanceof CityStats s ? s.day() : ((ShortageRanking) o).day();
  }

  private static long revision(Object o) {
    return o instanceof CityStats s ? s.revision() : ((ShortageRanking) o).revision();
  }
}
