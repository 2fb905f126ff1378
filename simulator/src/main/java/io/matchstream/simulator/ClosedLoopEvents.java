package io.matchstream.simulator;

import io.matchstream.events.Match;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The simulator's events with the closed loop: before each event, every match the source has ready
 * is {@linkplain Simulator#offer offered} at the simulator's {@linkplain Simulator#now() current
 * instant}. What a writer sends ({@link KafkaEventWriter}) then includes the outcomes and the hires
 * through matches. Runs on the writer's thread; only the source may be fed from another.
 */
public final class ClosedLoopEvents implements Iterator<SimEvent> {
  /** Matches ready to offer; {@link #poll()} never blocks. */
  public interface MatchSource {
    /** The next match ready, or null if none is. */
    Match poll();
  }

  private final Simulator simulator;
  private final MatchSource source;

  /** @param simulator a simulator whose config has {@link SimulatorConfig#closedLoop} set */
  public ClosedLoopEvents(Simulator simulator, MatchSource source) {
    this.simulator = simulator;
    this.source = source;
  }

  @Override
  public boolean hasNext() {
    for (Match m = source.poll(); m != null; m = source.poll()) {
      simulator.offer(m, simulator.now());
    }
    return simulator.hasNext();
  }

  @Override
  public SimEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return simulator.next();
  }

  public Simulator simulator() {
    return simulator;
  }
}
