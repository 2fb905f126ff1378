package io.matchstream.gateway.state;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.GatewayMetrics;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The gateway's state and its channels: takes records from the topics, drops repeats, turns each
 * kept record into deltas of its channels, keeps a bounded history of them for resume, and hands
 * each delta, encoded once, to the {@link #onDelta sink} (the event bus, which carries it to every
 * event loop's subscribers). The hub holds no subscribers and writes to no socket: its lock only
 * orders numbering against snapshots, so a snapshot at a position and the deltas after it never
 * overlap or leave a gap.
 *
 * <p>Positions come from the source log (docs/protocol.md, "Positions"): a delta is placed by the
 * partition and offset of the record it came from, and a channel's position is the vector of
 * per-partition offsets of its source topic up to which every record has been applied. Every
 * gateway reading the same topics understands every other one's positions, so a client can resume
 * on any of them: from this instance's history when it still holds the range, else read back from
 * Kafka through the {@link LogSource}, else with a snapshot flagged {@code resync}.
 */
public final class Hub {
  /** The ticker's own log: its sample is this instance's, so are its positions. */
  static final String TICKER = "national:ticker";

  private final Object lock = new Object();
  private final String instance = "g-" + UUID.randomUUID().toString().substring(0, 13);
  private final CityRegistry cities;
  private final EventValidator validator;
  private final Figures figures;
  private final Rankings rankings = new Rankings();
  private final Map<String, Channel> channels = new HashMap<>();
  private final Map<String, Log> logs = new HashMap<>();
  private final int historyDeltas;
  private final long historyBytes;
  private final GatewayMetrics metrics;
  private volatile Consumer<Frame> sink = f -> {};
  private volatile LogSource source;
  private volatile long aheadAllowance = 100_000;

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
    this.validator = new EventValidator(
        Taxonomy.loadDefault(), cities, Clock.systemUTC(), EventValidator.DEFAULT_MAX_FUTURE_SKEW);
    this.figures = new Figures(matchesPerCity);
    this.historyDeltas = historyDeltas;
    this.historyBytes = historyBytes;
    this.metrics = metrics;
    for (String topic : List.of(Topics.MATCHES, Topics.CITY_STATS, Topics.ALERTS, Topics.SHORTAGE_RANKING, TICKER)) {
      logs.put(topic, Log.local(topic, instance));
    }
  }

  /**
   * Where deltas go, in the order they are numbered. Called with the hub's lock held, so it must
   * only hand the frame on (an event-bus publish), never write to a socket.
   */
  public void onDelta(Consumer<Frame> sink) {
    this.sink = sink;
  }

  /**
   * Where resumes older than the history are read back from, and how far ahead of this instance a
   * resume position may be (a position ahead by more is not one the log could have produced).
   */
  public void readBackFrom(LogSource source, long aheadAllowance) {
    this.source = source;
    this.aheadAllowance = aheadAllowance;
  }

  /** This process: a restart is a new instance. The positions do not depend on it (except the ticker's). */
  public String instance() {
    return instance;
  }

  /** The epoch of a channel's positions: the identity of its source log. */
  public String epoch(ChannelName channel) {
    synchronized (lock) {
      return logs.get(logOf(channel)).epoch;
    }
  }

  public CityRegistry cities() {
    return cities;
  }

  /**
   * The Kafka feed is about to read {@code topic} from {@code start} (one offset per partition):
   * from now on positions on it are Kafka positions under {@code epoch}, which every gateway reading
   * the same log derives alike. Anything applied before (nothing, when the feed starts first) is
   * forgotten by the channels' histories.
   */
  public void attach(String topic, String epoch, long[] start) {
    synchronized (lock) {
      Log log = new Log(topic, epoch, true, start.clone());
      logs.put(topic, log);
      for (Channel ch : channels.values()) {
        if (logOf(ch.name).equals(topic)) ch.reset(log);
      }
    }
  }

  /**
   * Takes one record value from a topic without Kafka (tests, embedders without a broker): the
   * hub numbers it in its own one-partition log. Returns null if it was applied or was a repeat,
   * else the reason it was rejected. Never throws on bad input.
   */
  public String ingest(String topic, byte[] value) {
    int partition = 0;
    long offset;
    synchronized (lock) {
      Log log = logs.get(topic);
      if (log == null || TICKER.equals(topic)) {
        metrics.rejected(topic);
        return "not a topic the gateway reads: " + topic;
      }
      if (log.kafka) return "the gateway reads " + topic + " from Kafka";
      offset = log.applied[0];
    }
    return ingest(topic, partition, offset, value);
  }

  /**
   * Takes the record at {@code partition}/{@code offset} of a topic. Returns null if it was applied
   * or was a repeat, else the reason it was rejected; either way the position moves past it.
   */
  public String ingest(String topic, int partition, long offset, byte[] value) {
    Decoded d = decode(topic, value);
    String reason = d.reason;
    synchronized (lock) {
      Log log = logs.get(topic);
      if (log == null || TICKER.equals(topic)) {
        reason = "not a topic the gateway reads: " + topic;
      } else if (partition < 0 || partition >= log.applied.length) {
        reason = "partition " + partition + " of " + topic + " is not one the gateway reads";
      } else {
        if (offset + 1 > log.applied[partition]) log.applied[partition] = offset + 1;
        if (reason == null) apply(d, log, partition, offset);
      }
    }
    if (reason != null) metrics.rejected(topic);
    return reason;
  }

  /** A record decoded and checked outside the lock: the event and its JSON, or why not. */
  private record Decoded(Object event, String data, String reason) {
    static Decoded rejected(String reason) {
      return new Decoded(null, null, reason);
    }
  }

  /** Decoded and checked by the contract's {@link EventValidator}, as the jobs check what they read. */
  private Decoded decode(String topic, byte[] value) {
    ParseResult<?> r =
        switch (topic) {
          case Topics.MATCHES -> validator.parseMatch(value);
          case Topics.CITY_STATS -> validator.parseCityStats(value);
          case Topics.ALERTS -> validator.parseAlert(value);
          case Topics.SHORTAGE_RANKING -> validator.parseShortageRanking(value);
          default -> null;
        };
    if (r == null) return Decoded.rejected("not a topic the gateway reads: " + topic);
    if (!r.isValid()) return Decoded.rejected(r.reason());
    return new Decoded(r.value(), EventCodec.encodeToString(r.value()), null);
  }

  /** The channels a checked event is a delta of. */
  private static List<String> channelsOf(Object event) {
    if (event instanceof Match m) return List.of(ChannelName.cityMatches(m.cityId()));
    if (event instanceof CityStats s) {
      return List.of(CityStats.NATIONAL.equals(s.cityId()) ? ChannelName.NATIONAL_STATS : ChannelName.cityStats(s.cityId()));
    }
    if (event instanceof ShortageRanking r) return List.of(Rankings.channelOf(r));
    Alert a = (Alert) event;
    return List.of(ChannelName.cityAlerts(a.cityId()), ChannelName.ALL_ALERTS);
  }

  /** With the lock held. */
  private void apply(Decoded d, Log log, int partition, long offset) {
    long readAt = log.kafka ? RecentIds.at(partition, offset) : RecentIds.NOWHERE;
    boolean kept =
        d.event instanceof Match m ? figures.accept(m, readAt)
            : d.event instanceof CityStats s ? figures.accept(s)
            : d.event instanceof ShortageRanking r ? rankings.accept(r)
            : figures.accept((Alert) d.event, readAt);
    if (!kept) {
      metrics.repeated();
      return;
    }
    String position = Position.format(log.applied);
    for (String channel : channelsOf(d.event)) {
      publish(channel, log, partition, offset, position, d.data);
    }
    if (d.event instanceof Match && admitToTicker(System.currentTimeMillis() / 1000)) {
      tickerRecent.addLast(d.data);
      if (tickerRecent.size() > TICKER_SNAPSHOT) tickerRecent.removeFirst();
      Log ticker = logs.get(TICKER);
      long at = ticker.applied[0]++;
      publish(ChannelName.NATIONAL_TICKER, ticker, 0, at, Position.format(ticker.applied), d.data);
    }
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

  private void publish(String channelName, Log log, int partition, long offset, String position, String data) {
    Channel ch = channel(channelName);
    ch.version++;
    Frame frame = Frame.delta(ch.name.name(), partition, offset,
        deltaText(ch.name.name(), log.epoch, position, data), ch.name.conflates(), false);
    ch.remember(frame, historyDeltas, historyBytes);
    sink.accept(frame);
  }

  private static String deltaText(String channel, String epoch, String position, String data) {
    return "{\"type\":\"delta\",\"channel\":\"" + channel + "\",\"epoch\":\"" + epoch
        + "\",\"seq\":\"" + position + "\",\"data\":" + data + "}";
  }

  /**
   * What a new subscription starts with: the frames to send first (a snapshot, or the replay of
   * exactly the missed deltas), the position after which live deltas follow them (one offset per
   * partition: a live delta reaches the subscriber only if its offset is at or past its
   * partition's), and, when the missed deltas are no longer in memory, the range to read back.
   */
  public record Start(List<Frame> frames, long[] from, boolean resumed, ReadBack readBack) {}

  /** A resume to be served from the log: {@code [from[p], to[p])} of {@code topic}. */
  public record ReadBack(ChannelName channel, String topic, String epoch, long[] from, long[] to) {}

  /**
   * Starts a subscription: replays exactly the missed deltas when {@code resumeEpoch}/{@code
   * resumePosition} can be resumed from the history, asks for a read-back when only the log still
   * has them, else a snapshot ({@code resync} when a resume was asked for and could not be
   * honoured). Access must have been checked by the caller; the position's syntax too.
   */
  public Start start(ChannelName name, String resumeEpoch, String resumePosition) {
    synchronized (lock) {
      Channel ch = channel(name.name());
      Log log = logs.get(logOf(name));
      if (resumePosition == null) return snapshot(ch, log, false);
      long[] v = Position.parse(resumePosition);
      if (!log.epoch.equals(resumeEpoch)) return resync(ch, log, "epoch");
      if (v == null || v.length != log.applied.length) return resync(ch, log, "position");
      long[] h = log.applied;
      long[] from = new long[h.length];
      boolean missed = false;
      boolean inMemory = true;
      for (int p = 0; p < h.length; p++) {
        // Ahead of what this instance has applied: another instance got further; those deltas
        // are skipped when they arrive here. Far ahead is not a position the log produced.
        if (v[p] > h[p] && v[p] - h[p] > aheadAllowance) return resync(ch, log, "ahead");
        from[p] = Math.max(v[p], h[p]);
        if (v[p] < h[p]) {
          missed = true;
          if (v[p] < ch.complete[p]) inMemory = false;
        }
      }
      if (!missed) {
        metrics.resumed();
        return new Start(List.of(), from, true, null);
      }
      if (inMemory) {
        List<Frame> replay = new ArrayList<>();
        for (Frame d : ch.history) {
          if (d.offset() >= v[d.partition()]) replay.add(d.asReplay());
        }
        metrics.resumed();
        return new Start(replay, from, true, null);
      }
      if (log.kafka && source != null && name.kind() != ChannelName.Kind.TICKER) {
        return new Start(List.of(), from, true, new ReadBack(name, log.topic, log.epoch, v, h.clone()));
      }
      return resync(ch, log, "history");
    }
  }

  /** A fresh snapshot flagged {@code resync}, for a resume that could not be honoured. */
  public Start resync(ChannelName name, String reason) {
    synchronized (lock) {
      return resync(channel(name.name()), logs.get(logOf(name)), reason);
    }
  }

  private Start resync(Channel ch, Log log, String reason) {
    metrics.resynced(reason);
    return snapshot(ch, log, true);
  }

  private Start snapshot(Channel ch, Log log, boolean resync) {
    if (ch.snapshotVersion != ch.version || ch.snapshotData == null) {
      ch.snapshotData = snapshotData(ch.name);
      ch.snapshotVersion = ch.version;
    }
    String text = "{\"type\":\"snapshot\",\"channel\":\"" + ch.name.name() + "\",\"epoch\":\"" + log.epoch
        + "\",\"seq\":\"" + Position.format(log.applied) + "\",\"resync\":" + resync + ",\"data\":"
        + ch.snapshotData + "}";
    return new Start(List.of(Frame.snapshot(ch.name.name(), text)), log.applied.clone(), false, null);
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
      case RANKING -> {
        ShortageRanking r = rankings.latest(name.cityId() == null ? ShortageRanking.NATIONAL : name.cityId());
        yield r == null ? "null" : EventCodec.encodeToString(r);
      }
    };
  }

  /**
   * Reads a resume's missed range back from the log and turns it into the channel's deltas, as
   * they were sent live: repeats within the range dropped, figures (which replace each other)
   * reduced to the newest. Fails with {@link LogSource.Refused} when the log cannot serve it.
   */
  public Future<List<Frame>> readBack(ReadBack rb) {
    LogSource s = source;
    if (s == null) return Future.failedFuture(new LogSource.Refused("history", "no log to read back from"));
    return s.read(rb.topic(), rb.from(), rb.to(), records -> {
      List<Frame> out = replayOf(rb, records);
      metrics.readBack(records.size());
      return out;
    });
  }

  private List<Frame> replayOf(ReadBack rb, List<LogSource.LogRecord> records) {
    List<LogSource.LogRecord> ordered = new ArrayList<>(records);
    ordered.sort(Comparator.comparingInt(LogSource.LogRecord::partition)
        .thenComparingLong(LogSource.LogRecord::offset));
    String channel = rb.channel().name();
    long[] at = rb.from().clone();
    List<Frame> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Object newest = null;
    int donePartition = -1;
    for (LogSource.LogRecord r : ordered) {
      if (r.partition() < 0 || r.partition() >= at.length || r.offset() < rb.from()[r.partition()]
          || r.offset() >= rb.to()[r.partition()]) {
        continue;
      }
      while (donePartition + 1 < r.partition()) {
        donePartition++;
        at[donePartition] = Math.max(rb.from()[donePartition], rb.to()[donePartition]);
      }
      at[r.partition()] = r.offset() + 1;
      Decoded d = r.memo(rec -> decode(rb.topic(), rec.value()));
      if (d.reason != null || !channelsOf(d.event).contains(channel)) continue;
      if (d.event instanceof CityStats || d.event instanceof ShortageRanking) {
        if (newest == null || Rankings.isNewer(d.event, newest)) newest = d.event;
        continue;
      }
      String id = d.event instanceof Match m ? m.matchId() : ((Alert) d.event).eventId();
      // A repeat within the range, or of a record before it that this instance read: never a delta.
      if (!seen.add(id) || repeatOfEarlier(d.event, r.partition(), r.offset())) continue;
      out.add(Frame.delta(channel, r.partition(), r.offset(),
          deltaText(channel, rb.epoch(), Position.format(at), d.data), false, true));
    }
    if (newest != null) {
      long[] end = new long[at.length];
      for (int p = 0; p < end.length; p++) end[p] = Math.max(rb.from()[p], rb.to()[p]);
      // Figures replace each other: the newest of the range is all the client needs.
      int last = end.length - 1;
      out.add(Frame.delta(channel, last, end[last] - 1,
          deltaText(channel, rb.epoch(), Position.format(end), EventCodec.encodeToString(newest)), true, true));
    }
    return out;
  }

  private boolean repeatOfEarlier(Object event, int partition, long offset) {
    synchronized (lock) {
      return figures.repeatOfEarlier(event, partition, offset);
    }
  }

  private Channel channel(String name) {
    return channels.computeIfAbsent(name, n -> {
      ChannelName parsed = ChannelName.parse(n, cities);
      return new Channel(parsed, logs.get(logOf(parsed)));
    });
  }

  private static String logOf(ChannelName name) {
    return switch (name.kind()) {
      case MATCHES -> Topics.MATCHES;
      case STATS -> Topics.CITY_STATS;
      case ALERTS -> Topics.ALERTS;
      case TICKER -> TICKER;
      case RANKING -> Topics.SHORTAGE_RANKING;
    };
  }

  // ---- queries for REST ----

  public CityStats stats(String cityId) {
    synchronized (lock) {
      return figures.stats(cityId);
    }
  }

  /** The newest shortage ranking of a city or {@code national}; null with none yet. */
  public ShortageRanking ranking(String cityIdOrNational) {
    synchronized (lock) {
      return rankings.latest(cityIdOrNational);
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

  /** The current position of a channel's source log, as a client holds it. */
  public String position(ChannelName channel) {
    synchronized (lock) {
      return Position.format(logs.get(logOf(channel)).applied);
    }
  }

  /**
   * A source log: its epoch and, per partition, the offset it started reading from and the offset
   * after the last record applied.
   */
  private static final class Log {
    final String topic;
    final String epoch;
    final boolean kafka;
    final long[] start;
    final long[] applied;

    Log(String topic, String epoch, boolean kafka, long[] start) {
      this.topic = topic;
      this.epoch = epoch;
      this.kafka = kafka;
      this.start = start;
      this.applied = start.clone();
    }

    /** Numbered by this instance alone: one partition, a restart is a new epoch. */
    static Log local(String topic, String instance) {
      return new Log(topic, instance + "-" + (TICKER.equals(topic) ? "ticker" : topic), false, new long[] {0});
    }
  }

  private static final class Channel {
    final ChannelName name;
    final ArrayDeque<Frame> history = new ArrayDeque<>();
    long historyBytes;
    /** Per partition: the history holds every delta of this channel from this offset on. */
    long[] complete;
    long version;
    long snapshotVersion = -1;
    String snapshotData;

    Channel(ChannelName name, Log log) {
      this.name = name;
      this.complete = log.start.clone();
    }

    void reset(Log log) {
      history.clear();
      historyBytes = 0;
      complete = log.start.clone();
      version++;
    }

    void remember(Frame delta, int maxDeltas, long maxBytes) {
      history.addLast(delta);
      historyBytes += delta.text().length();
      while (history.size() > maxDeltas || (historyBytes > maxBytes && history.size() > 1)) {
        Frame gone = history.removeFirst();
        historyBytes -= gone.text().length();
        complete[gone.partition()] = Math.max(complete[gone.partition()], gone.offset() + 1);
      }
    }
  }
}
