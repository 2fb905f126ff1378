package io.matchstream.jobs.match;

import io.matchstream.events.ScoreSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings versions a match operator holds and which one scores an arrival: plain Java, derived
 * from the operator's broadcast state (rebuilt from it after a restore).
 *
 * <p>Version 0 is the job's options. A version {@code v} with effective-from time {@code t} scores
 * every arrival applied at an event time at or after {@code t}, unless a higher version also
 * applies; a version without a time applies from the first arrival applied after it was received.
 * Versions that can no longer score anything (a higher version applies from an earlier or equal
 * time) are dropped, and at most {@link #MAX_KEPT} are kept, so the state stays small however many
 * versions are written.
 */
final class LiveSettings {
  /** Versions kept at most: the newest ones; one pending change per day needs far fewer. */
  static final int MAX_KEPT = 32;

  /** A version as the pools use it. */
  record Version(long version, long effectiveFrom, ScoreSettings record, MatchScorer scorer) {}

  private final Version options;
  private final TreeMap<Long, Version> versions = new TreeMap<>();

  LiveSettings(MatchScorer optionsScorer) {
    this.options = new Version(0, Long.MIN_VALUE, null, optionsScorer);
  }

  /** The highest version held: the options' 0 until a record is accepted. */
  long current() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** Why the record cannot be accepted (its version is not above the current one), or null. */
  String refusal(ScoreSettings s) {
    long current = current();
    return s.version() <= current
        ? "version " + s.version() + " is not above the current version " + current
            + ": a settings version is never replaced by an older or equal one"
        : null;
  }

  /** Accepts a valid record whose version is above {@link #current()}. */
  void add(ScoreSettings s) {
    long from = s.hasEffectiveFrom() ? s.effectiveFrom() : Long.MIN_VALUE;
    versions.values().removeIf(v -> v.effectiveFrom() >= from);
    MatchScorer scorer = options.scorer().withSettings(options.scorer().settings().withLive(s));
    versions.put(s.version(), new Version(s.version(), from, s, scorer));
    while (versions.size() > MAX_KEPT) {
      versions.pollFirstEntry();
    }
  }

  /** The version that scores an arrival applied at event time {@code ts}. */
  Version at(long ts) {
    for (Version v : versions.descendingMap().values()) {
      if (v.effectiveFrom() <= ts) {
        return v;
      }
    }
    return options;
  }

  /** The records held, for the broadcast state. */
  Collection<ScoreSettings> records() {
    List<ScoreSettings> out = new ArrayList<>();
    versions.values().forEach(v -> out.add(v.record()));
    return out;
  }

  /** Rebuilt from the broadcast state's records (in version order, so pruning is the same). */
  static LiveSettings of(MatchScorer optionsScorer, Iterable<Map.Entry<Long, ScoreSettings>> held) {
    LiveSettings live = new LiveSettings(optionsScorer);
    TreeMap<Long, ScoreSettings> sorted = new TreeMap<>();
    held.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.values().forEach(live::add);
    return live;
  }
}
