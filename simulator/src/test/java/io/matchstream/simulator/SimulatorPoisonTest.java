package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.events.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorPoisonTest {
  private static final SimulatorConfig CLEAN =
      SimulatorConfig.builder().cities("ningbo", "beijing").duration(Duration.ofDays(2)).volumeScale(0.15).build();
  private static List<SimEvent> clean;
  private static List<SimEvent> poisoned;

  @BeforeAll
  static void run() {
    clean = Simulator.stream(CLEAN).toList();
    poisoned = Simulator.stream(CLEAN.toBuilder().poisonRate(0.05).build()).toList();
  }

  /** Accepts the simulated days (clock at the end of the run), rejects anything a year later. */
  private static EventValidator validatorAtEndOfRun() {
    Clock clock = Clock.fixed(CLEAN.end(), ZoneOffset.UTC);
    return new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(), clock, Duration.ofDays(1));
  }

  @Test
  void poisonIsAboutFivePercentOfValidEvents() {
    long poison = poisoned.stream().filter(SimEvent::isPoison).count();
    assertThat((double) poison / clean.size()).isBetween(0.04, 0.06);
  }

  @Test
  void everyPoisonRecordIsRejectedWithItsExpectedReason() {
    EventValidator validator = validatorAtEndOfRun();
    Set<PoisonKind> seen = EnumSet.noneOf(PoisonKind.class);
    for (SimEvent e : poisoned) {
      if (!e.isPoison()) continue;
      ParseResult<?> r = Topics.VACANCIES.equals(e.topic())
          ? validator.parseVacancy(e.value()) : validator.parseCandidate(e.value());
      assertThat(r.isValid()).as("%s on %s", e.poison(), e.topic()).isFalse();
      assertThat(r.reason()).as("%s on %s", e.poison(), e.topic()).contains(e.poison().expectedReason(e.topic()));
      seen.add(e.poison());
    }
    assertThat(seen).containsExactlyInAnyOrder(PoisonKind.values());
  }

  @Test
  void theValidStreamIsTheSameWithOrWithoutPoison() {
    List<SimEvent> valid = poisoned.stream().filter(e -> !e.isPoison()).toList();
    assertThat(valid).hasSameSizeAs(clean);
    for (int i = 0; i < clean.size(); i++) {
      assertThat(valid.get(i).value()).isEqualTo(clean.get(i).value());
      assertThat(valid.get(i).eventTime()).isEqualTo(clean.get(i).eventTime());
      assertThat(valid.get(i).key()).isEqualTo(clean.get(i).key());
    }
  }

  @Test
  void oversizedPoisonIsOverTheRecordLimit() {
    assertThat(poisoned).filteredOn(e -> e.poison() == PoisonKind.OVERSIZED)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.value().length).isGreaterThan(64 * 1024));
  }
}
