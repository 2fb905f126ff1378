package io.matchstream.simulator;

import io.matchstream.events.cities.CityRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate. Immutable; build with {@link #builder()}. The defaults make a run reproducible:
 * the same seed and start give byte-identical events.
 *
 * @param seed seed of every random choice
 * @param start simulated start instant of the live stream; the initial stock is emitted in the
 *     {@link Simulator#INITIAL_STOCK_WINDOW} before it (on the previous day from a midnight)
 * @param duration simulated time to run, or null for unlimited
 * @param maxEvents stop after this many records (valid and poison), or 0 for unlimited
 * @param cities ids of the cities to simulate, in registry order
 * @param cityRegistry where city sizes and regions come from
 * @param poisonRate probability, after each valid event, of mixing in one malformed record (0..1)
 * @param volumeScale multiplies every arrival rate and the initial stock (&gt; 0)
 * @param closedLoop whether the simulator plays matches it is {@linkplain Simulator#offer offered}
 *     (it then keeps an index of its open posts and available candidates by id); off, {@code
 *     offer} is refused and the stream is the open loop's
 */
public record SimulatorConfig(
    long seed,
    Instant start,
    Duration duration,
    long maxEvents,
    List<String> cities,
    CityRegistry cityRegistry,
    double poisonRate,
    double volumeScale,
    boolean closedLoop) {

  /** 2026-03-02T00:00+08:00: a fixed Shanghai midnight, so default runs are reproducible. */
  public static final Instant DEFAULT_START = OffsetDateTime.parse("2026-03-02T00:00:00+08:00").toInstant();

  public static final long DEFAULT_SEED = 42;

  public SimulatorConfig {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(cityRegistry, "cityRegistry");
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("duration must be positive, not " + duration);
    }
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents must be 0 (unlimited) or positive, not " + maxEvents);
    }
    if (!(poisonRate >= 0 && poisonRate <= 1)) {
      throw new IllegalArgumentException("poison rate must be between 0 and 1, not " + poisonRate);
    }
    if (!(volumeScale > 0 && volumeScale <= 1000)) {
      throw new IllegalArgumentException("volume scale must be above 0 and at most 1000, not " + volumeScale);
    }
    if (cities == null || cities.isEmpty()) {
      cities = List.copyOf(cityRegistry.ids());
    } else {
      for (String c : cities) {
        if (!cityRegistry.contains(c)) {
          throw new IllegalArgumentException(
              "unknown city '" + c + "'; known cities: " + String.join(",", cityRegistry.ids()));
        }
      }
      // registry order, no repeats: the same set of cities always gives the same stream
      cities = cityRegistry.ids().stream().filter(cities::contains).toList();
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The simulated end, or null when unlimited. */
  public Instant end() {
    return duration == null ? null : start.plus(duration);
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    return new Builder()
        .seed(seed)
        .start(start)
        .duration(duration)
        .maxEvents(maxEvents)
        .cities(cities)
        .cityRegistry(cityRegistry)
        .poisonRate(poisonRate)
        .volumeScale(volumeScale)
        .closedLoop(closedLoop);
  }

  /** Builds a {@link SimulatorConfig}; every setter is optional. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private Instant start = DEFAULT_START;
    private Duration duration;
    private long maxEvents;
    private List<String> cities;
    private CityRegistry cityRegistry;
    private double poisonRate;
    private double volumeScale = 1.0;
    private boolean closedLoop;

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    /** Simulated duration; null for unlimited. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** Stop after this many records; 0 for unlimited. */
    public Builder maxEvents(long maxEvents) {
      this.maxEvents = maxEvents;
      return this;
    }

    /** City ids; null or empty for every city of the registry. */
    public Builder cities(List<String> cities) {
      this.cities = cities == null ? null : List.copyOf(cities);
      return this;
    }

    public Builder cities(String... cities) {
      return cities(List.of(cities));
    }

    public Builder cityRegistry(CityRegistry cityRegistry) {
      this.cityRegistry = cityRegistry;
      return this;
    }

    public Builder poisonRate(double poisonRate) {
      this.poisonRate = poisonRate;
      return this;
    }

    public Builder volumeScale(double volumeScale) {
      this.volumeScale = volumeScale;
      return this;
    }

    /** Whether matches may be {@linkplain Simulator#offer offered} (default false: the open loop). */
    public Builder closedLoop(boolean closedLoop) {
      this.closedLoop = closedLoop;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the option, for an out-of-range value or unknown city
     */
    public SimulatorConfig build() {
      return new SimulatorConfig(
          seed,
          start,
          duration,
          maxEvents,
          cities,
          cityRegistry != null ? cityRegistry : CityRegistry.loadDefault(),
          poisonRate,
          volumeScale,
          closedLoop);
    }
  }
}
