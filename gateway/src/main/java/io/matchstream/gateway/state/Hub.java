package io.matchstream.gateway.state;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.InvalidEventException;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.GatewayMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The gateway's state and its channels: takes records from the topics, drops repeats, numbers the
 * deltas per channel, keeps a bounded history of them for resume, and hands each delta, encoded
 * once, to the {@link #onDelta sink} (the event bus, which carries it to every event loop's
 * subscribers). The hub holds no subscribers and writes to no socket: its lock only orders
 * numbering against snapshots, so a snapshot at position n and the deltas after n never overlap
 * or leave a gap.
 */
public final class Hub {
  public static final String MATCHES = "matches";
  public static final String CITY_STATS = "city-stats";
  public static final String ALERTS = "alerts";

  private final Object lock = new Object();
  private final String epoch = "g-" + UUID.randomUUID().toString().substring(0, 13);
  private final CityRegistry cities;
  private final Figures figures;
  private final Map<String, Channel> channels = new HashMap<>();
  private final int historyDeltas;
  private final long historyBytes;
  private final GatewayMetrics metrics;
  private volatile Consumer<Frame> sink = f -> {};

  /** Matches held for the ticker's snapshot. */
  static final int TICKER_SNAPSHOT = 50;

  private final int tickerPerSecond;
  private final ArrayDeque<String> tickerRecent = new ArrayDeque<>();
  private long tickerSecond = -1;
  private int tickerInSecond;

  public Hub(CityRegistry cities, int matchesPerCity, int historyDeltas, long historyBytes, GatewayMetrics metrics) {
    this(cities, matchesPerCity, historyDeltas, historyBytes, 5, metrics);
  }

  /** @param tickerPerSecond at most this many matches a second go to {@code national:ticker} */
  public Hub(CityRegistry cities, int matchesPerCity, int historyDeltas, long historyBytes, int tickerPerSecond,
      GatewayMetrics metrics) {
    this.tickerPerSecond = tickerPerSecond;
    this.cities = cities;
    this.figures = new Figures(matchesPerCity);
    this.historyDeltas = historyDeltas;
    this.historyBytes = historyBytes;
    this.metrics = metrics;
  }

  /**
   * Where deltas go, in the order they are numbered. Called with the hub's lock held, so it must
   * only hand the frame on (an event-bus publish), never write to a socket.
   */
  public void onDelta(Consumer<Frame> sink) {
    this.sink = sink;
  }

  /** This instance's numbering of the channels; a restart starts a new one. */
  public String epoch() {
    return epoch;
  }

  public CityRegistry cities() {
    return cities;
  }

  /**
   * Takes one record value from a topic. Returns null if it was applied or was a repeat, else the
   * reason it was rejected. Never throws on bad input.
   */
  public String ingest(String topic, byte[] value) {
    try {
      String reason =
          switch (topic) {
            case MATCHES -> apply(EventCodec.decodeMatch(value));
            case CITY_STATS -> apply(EventCodec.decodeCityStats(value));
            case ALERTS -> apply(EventCodec.decodeAlert(value));
            default -> "not a topic the gateway reads: " + topic;
          };
      if (reason != null) metrics.rejected(topic);
      return reason;
    } catch (InvalidEventException e) {
      metrics.rejected(topic);
      return e.reason();
    } catch (RuntimeException e) {
      metrics.rejected(topic);
      return "invalid record: " + e.getClass().getSimpleName();
    }
  }

  private String apply(Match m) {
    if (m.matchId() == null) return "missing field 'matchId'";
    if (!cities.contains(m.cityId())) return "unknown city '" + m.cityId() + "'";
    String data = EventCodec.encodeToString(m);
    synchronized (lock) {
      if (!figures.accept(m)) return repeat();
      publish(ChannelName.cityMatches(m.cityId()), data);
      if (admitToTicker(System.currentTimeMillis() / 1000)) {
        tickerRecent.addLast(data);
        if (tickerRecent.size() > TICKER_SNAPSHOT) tickerRecent.removeFirst();
        publish(ChannelName.NATIONAL_TICKER, data);
      }
    }
    return null;
  }

  private String apply(CityStats s) {
    if (s.day() == null) return "missing field 'day'";
    boolean national = CityStats.NATIONAL.equals(s.cityId());
    if (!national && !cities.contains(s.cityId())) return "unknown city '" + s.cityId() + "'";
    String data = EventCodec.encodeToString(s);
    synchronized (lock) {
      if (!figures.accept(s)) return repeat();
      publish(national ? ChannelName.NATIONAL_STATS : ChannelName.cityStats(s.cityId()), data);
    }
    return null;
  }

  private String apply(Alert a) {
    if (a.alertId() == null || a.eventId() == null) return "missing field 'alertId' or 'eventId'";
    if (a.state() == null) return "missing field 'state'";
    if (!cities.contains(a.cityId())) return "unknown city '" + a.cityId() + "'";
    String data = EventCodec.encodeToString(a);
    synchronized (lock) {
      if (!figures.accept(a)) return repeat();
      publish(ChannelName.cityAlerts(a.cityId()), data);
      publish(ChannelName.ALL_ALERTS, data);
    }
    return null;
  }

  /**
   * The ticker's sample: the first {@code tickerPerSecond} matches of each wall-clock second, so a
   * screen showing every city gets a steady trickle however many cities are busy.
   */
  private boolean admitToTicker(long second) {
    if (second != tickerSecond) {
      tickerSecond = second;
      tickerInSecond = 0;
    }
    return tickerInSecond++ < tickerPerSecond;
  }

  private String repeat() {
    metrics.repeated();
    return null;
  }

  private void publish(String channelName, String data) {
    Channel ch = channel(channelName);
    ch.seq++;
    String text =
        "{\"type\":\"delta\",\"channel\":\"" + ch.name.name() + "\",\"epoch\":\"" + epoch
            + "\",\"seq\":" + ch.seq + ",\"data\":" + data + "}";
    Frame frame = new Frame(ch.name.name(), ch.seq,
        Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), ch.name.conflates(), false);
    ch.remember(frame, historyDeltas, historyBytes);
    sink.accept(frame);
  }

  /**
   * What a new subscription starts with: the frames to send first (a snapshot, or the replay of
   * exactly the missed deltas), and the position after which live deltas follow them.
   */
  public record Start(List<Frame> frames, long afterSeq, boolean resumed) {}

  /**
   * Starts a subscription: replays exactly the missed deltas when {@code resumeEpoch}/{@code
   * resumeSeq} can be resumed from the history, else a snapshot ({@code resync} when a resume was
   * asked for and could not be honoured). Access must have been checked by the caller.
   */
  public Start start(ChannelName name, String resumeEpoch, Long resumeSeq) {
    synchronized (lock) {
      Channel ch = channel(name.name());
      boolean asked = resumeSeq != null;
      if (asked && epoch.equals(resumeEpoch) && ch.canResumeAfter(resumeSeq)) {
        List<Frame> replay = new ArrayList<>();
        for (Frame d : ch.history) {
          if (d.seq() > resumeSeq) replay.add(d.asReplay());
        }
        metrics.resumed();
        return new Start(replay, ch.seq, true);
      }
      return new Start(List.of(Frame.snapshot(name.name(), snapshotText(ch, asked))), ch.seq, false);
    }
  }

  private String snapshotText(Channel ch, boolean resync) {
    if (ch.snapshotSeq != ch.seq || ch.snapshotData == null) {
      ch.snapshotData = snapshotData(ch.name);
      ch.snapshotSeq = ch.seq;
    }
    return "{\"type\":\"snapshot\",\"channel\":\"" + ch.name.name() + "\",\"epoch\":\"" + epoch
        + "\",\"seq\":" + ch.seq + ",\"resync\":" + resync + ",\"data\":" + ch.snapshotData + "}";
  }

  private String snapshotData(ChannelName name) {
    return switch (name.kind()) {
      case STATS -> {
        CityStats s = figures.stats(name.cityId() == null ? CityStats.NATIONAL : name.cityId());
        yield s == null ? "null" : EventCodec.encodeToString(s);
      }
      case MATCHES -> EventCodec.encodeToString(figures.matches(name.cityId()));
      case ALERTS -> EventCodec.encodeToString(figures.firing(name.cityId()));
      case TICKER -> "[" + String.join(",", tickerRecent) + "]";
    };
  }

  private Channel channel(String name) {
    return channels.computeIfAbsent(name, n -> new Channel(ChannelName.parse(n, cities)));
  }

  // ---- queries for REST ----

  public CityStats stats(String cityId) {
    synchronized (lock) {
      return figures.stats(cityId);
    }
  }

  /** The last matches of a city, newest first, at most {@code limit}. */
  public List<Match> recentMatches(String cityId, int limit) {
    List<Match> all;
    synchronized (lock) {
      all = figures.matches(cityId);
    }
    Collections.reverse(all);
    return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
  }

  /** Alerts in a state, of one city or all (null), newest first. */
  public List<Alert> alerts(AlertState state, String cityIdOrNull) {
    List<Alert> out;
    synchronized (lock) {
      out = state == AlertState.FIRING ? figures.firing(cityIdOrNull) : figures.resolved(cityIdOrNull);
    }
    Collections.reverse(out);
    return out;
  }

  /** The current sequence number of a channel (0 before its first delta). */
  public long seq(String channelName) {
    synchronized (lock) {
      Channel ch = channels.get(channelName);
      return ch == null ? 0 : ch.seq;
    }
  }

  private static final class Channel {
    final ChannelName name;
    final ArrayDeque<Frame> history = new ArrayDeque<>();
    long historyBytes;
    long seq;
    long snapshotSeq = -1;
    String snapshotData;

    Channel(ChannelName name) {
      this.name = name;
    }

    void remember(Frame delta, int maxDeltas, long maxBytes) {
      history.addLast(delta);
      historyBytes += delta.text().length();
      while (history.size() > maxDeltas || (historyBytes > maxBytes && history.size() > 1)) {
        historyBytes -= history.removeFirst().text().length();
      }
    }

    /** Every delta after {@code after} is still held (or there are none after it). */
    boolean canResumeAfter(long after) {
      if (after < 0 || after > seq) return false;
      if (after == seq) return true;
      return !history.isEmpty() && history.peekFirst().seq() <= after + 1;
    }
  }
}
