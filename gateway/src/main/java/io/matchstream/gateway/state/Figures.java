package io.matchstream.gateway.state;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current state the snapshots and REST answers are made of, in bounded memory: the latest
 * figures per city and national, the last N matches per city, firing alerts and the last resolved
 * ones. Decides what is a repeat. Not thread-safe: {@link Hub} guards it.
 */
final class Figures {
  /** Firing alerts beyond this drop the oldest: a flood of alerts must not grow memory. */
  static final int MAX_FIRING = 20_000;

  static final int MAX_RESOLVED = 1_000;

  private final int matchesPerCity;
  private final Map<String, CityStats> latestStats = new HashMap<>();
  private final Map<String, ArrayDeque<Match>> matches = new HashMap<>();
  private final RecentIds recentMatchIds;
  private final RecentIds recentAlertEventIds = new RecentIds(50_000);
  private final LinkedHashMap<String, Alert> firing = new LinkedHashMap<>();
  private final ArrayDeque<Alert> resolved = new ArrayDeque<>();

  Figures(int matchesPerCity) {
    this.matchesPerCity = matchesPerCity;
    this.recentMatchIds = new RecentIds(Math.max(100_000, matchesPerCity * 50));
  }

  /** Keeps the figures unless they are a repeat or older than what is held; true if kept. */
  boolean accept(CityStats s) {
    CityStats held = latestStats.get(s.cityId());
    if (held != null) {
      int byDay = s.day().compareTo(held.day());
      if (byDay < 0 || (byDay == 0 && s.revision() <= held.revision())) return false;
    }
    latestStats.put(s.cityId(), s);
    return true;
  }

  /** Keeps a match unless it is a repeat; true if kept. */
  boolean accept(Match m) {
    return accept(m, RecentIds.NOWHERE);
  }

  /** As {@link #accept(Match)}, remembering where it was read ({@link RecentIds#at}). */
  boolean accept(Match m, long at) {
    if (!recentMatchIds.add(m.matchId(), at)) return false;
    ArrayDeque<Match> ring = matches.computeIfAbsent(m.cityId(), c -> new ArrayDeque<>());
    ring.addLast(m);
    if (ring.size() > matchesPerCity) ring.removeFirst();
    return true;
  }

  /** Applies an alert state change unless it is a repeat; true if applied. */
  boolean accept(Alert a) {
    return accept(a, RecentIds.NOWHERE);
  }

  /** As {@link #accept(Alert)}, remembering where it was read ({@link RecentIds#at}). */
  boolean accept(Alert a, long at) {
    if (!recentAlertEventIds.add(a.eventId(), at)) return false;
    if (a.state() == AlertState.FIRING) {
      firing.remove(a.alertId());
      firing.put(a.alertId(), a);
      if (firing.size() > MAX_FIRING) {
        Iterator<String> oldest = firing.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
    } else {
      firing.remove(a.alertId());
      resolved.addLast(a);
      if (resolved.size() > MAX_RESOLVED) resolved.removeFirst();
    }
    return true;
  }

  /**
   * True when the record of {@code event} at {@code partition}/{@code offset} repeats one this
   * instance first read earlier in the same partition (repeats share their key, so their
   * partition).
   */
  boolean repeatOfEarlier(Object event, int partition, long offset) {
    long first =
        event instanceof Match m ? recentMatchIds.firstSeen(m.matchId())
            : event instanceof Alert a ? recentAlertEventIds.firstSeen(a.eventId())
            : RecentIds.NOWHERE;
    return first != RecentIds.NOWHERE && first >>> 48 == partition && (first & ((1L << 48) - 1)) < offset;
  }

  CityStats stats(String cityId) {
    return latestStats.get(cityId);
  }

  /** The last matches of a city, oldest first. */
  List<Match> matches(String cityId) {
    ArrayDeque<Match> ring = matches.get(cityId);
    return ring == null ? List.of() : new ArrayList<>(ring);
  }

  /** Firing alerts, of one city or all (null), oldest first. */
  List<Alert> firing(String cityIdOrNull) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : firing.values()) {
      if (cityIdOrNull == null || cityIdOrNull.equals(a.cityId())) out.add(a);
    }
    return out;
  }

  /** The last resolved alerts, of one city or all (null), oldest first. */
  List<Alert> resolved(String cityIdOrNull) {
    List<Alert> out = new ArrayList<>();
    for (Alert a : resolved) {
      if (cityIdOrNull == null || cityIdOrNull.equals(a.cityId())) out.add(a);
    }
    return out;
  }
}
