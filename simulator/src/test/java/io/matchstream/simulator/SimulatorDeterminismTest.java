package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorDeterminismTest {
  private static SimulatorConfig.Builder aDayInTwoCities() {
    return SimulatorConfig.builder().cities("ningbo", "xining").duration(Duration.ofDays(1)).volumeScale(0.2);
  }

  @Test
  void sameSeedGivesByteIdenticalEvents() {
    List<SimEvent> first = Simulator.stream(aDayInTwoCities().seed(7).build()).toList();
    Iterator<SimEvent> second = Simulator.events(aDayInTwoCities().seed(7).build());
    assertThat(first).hasSizeGreaterThan(1000);
    for (SimEvent a : first) {
      assertThat(second.hasNext()).isTrue();
      SimEvent b = second.next();
      assertThat(b.topic()).isEqualTo(a.topic());
      assertThat(b.key()).isEqualTo(a.key());
      assertThat(b.eventTime()).isEqualTo(a.eventTime());
      assertThat(b.emitTime()).isEqualTo(a.emitTime());
      assertThat(b.value()).isEqualTo(a.value());
    }
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void differentSeedGivesDifferentEvents() {
    List<String> a = Simulator.stream(aDayInTwoCities().seed(7).maxEvents(200).build()).map(SimEvent::valueAsString).toList();
    List<String> b = Simulator.stream(aDayInTwoCities().seed(8).maxEvents(200).build()).map(SimEvent::valueAsString).toList();
    assertThat(a).hasSize(200);
    assertThat(b).hasSize(200).doesNotContainAnyElementsOf(a);
  }

  @Test
  void emitsInEmissionTimeOrderAndStopsAtTheDuration() {
    SimulatorConfig config = aDayInTwoCities().build();
    long previous = Long.MIN_VALUE;
    for (Iterator<SimEvent> it = Simulator.events(config); it.hasNext(); ) {
      SimEvent e = it.next();
      assertThat(e.emitTime()).isGreaterThanOrEqualTo(previous).isLessThan(config.end().toEpochMilli());
      previous = e.emitTime();
    }
    assertThat(previous).isGreaterThan(config.end().minus(Duration.ofHours(1)).toEpochMilli());
  }

  @Test
  void maxEventsCapsTheStream() {
    assertThat(Simulator.stream(aDayInTwoCities().maxEvents(123).build()).count()).isEqualTo(123);
  }
}
