package io.matchstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matchstream.events.Topics;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.VacancyEventType;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.events.codec.ParseResult;
import io.matchstream.events.taxonomy.Taxonomy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated week of all 39 cities, measured as a consumer sees it. Volume is scaled to 0.3 to keep
 * the run short on a shared machine; shares and ratios do not depend on volume.
 */
class SimulatorCalibrationTest {
  static final double SCALE = 0.3;
  static final SimulatorConfig WEEK =
      SimulatorConfig.builder().duration(Duration.ofDays(7)).volumeScale(SCALE).build();
  static final long LIVE_FROM = WEEK.start().toEpochMilli();

  static StreamSummary summary = new StreamSummary();
  static List<String> invalid = new ArrayList<>();
  static Map<String, Integer> liveOpeningsByCity = new HashMap<>();

  @BeforeAll
  static void simulateAWeek() {
    // a clock at the end of the week: every simulated time is in its past
    EventValidator validator = new EventValidator(Taxonomy.loadDefault(), CityRegistry.loadDefault(),
        Clock.fixed(WEEK.end(), ZoneOffset.UTC), Duration.ofDays(1));
    for (Iterator<SimEvent> it = Simulator.events(WEEK); it.hasNext(); ) {
      SimEvent e = it.next();
      summary.accept(e);
      if (Topics.VACANCIES.equals(e.topic())) {
        ParseResult<VacancyEvent> r = validator.parseVacancy(e.value());
        if (!r.isValid()) invalid.add(r.reason() + ": " + e.valueAsString());
        else if (r.value().type() == VacancyEventType.OPENED && e.emitTime() >= LIVE_FROM) {
          liveOpeningsByCity.merge(r.value().cityId(), 1, Integer::sum);
        }
      } else {
        ParseResult<?> r = validator.parseCandidate(e.value());
        if (!r.isValid()) invalid.add(r.reason() + ": " + e.valueAsString());
      }
    }
    summary.finish();
    summary.print(System.out);
  }

  @Test
  void everyEventPassesTheValidator() {
    assertThat(invalid).isEmpty();
    assertThat(summary.events).isGreaterThan(100_000);
  }

  @Test
  void aboutThirtyOnePercentOfVacanciesAreDispatch() {
    assertThat(summary.dispatchShare()).isCloseTo(0.31, within(0.03));
  }

  @Test
  void vacancyToJobseekerRatioStaysNearOnePointThreeEveryDay() {
    // the stock's day (its events are timed in the minutes before the start), then seven live days
    assertThat(summary.days()).hasSize(8).allSatisfy(d -> assertThat(d.ratio()).isBetween(1.1, 1.5));
  }

  @Test
  void shortageOccupationsHaveMoreThanTwoVacanciesPerJobseeker() {
    assertThat(summary.days()).allSatisfy(d -> assertThat(d.shortageRatio()).isBetween(2.0, 3.0));
  }

  @Test
  void technicalPostsAreARealShareOfVacancies() {
    assertThat(summary.technicalShare()).isBetween(0.15, 0.7);
  }

  @Test
  void linePostsFillInOneToTwoWeeks() {
    assertThat(summary.lineFillDays).hasSizeGreaterThan(1000);
    assertThat(StreamSummary.shareWithin(summary.lineFillDays, 7, 14)).isGreaterThan(0.9);
    assertThat(StreamSummary.median(summary.lineFillDays)).isBetween(9.0, 12.0);
  }

  @Test
  void aNingboSizedCityHasEnoughArrivalsForThreeThousandMatchesADay() {
    // day one included: the initial stock opened the day before, so day one is an ordinary day
    List<StreamSummary.DayEnd> liveDays = summary.days().subList(1, 8);
    double openings = liveDays.stream().mapToLong(StreamSummary.DayEnd::ningboOpenings).average().orElseThrow() / SCALE;
    double registrations =
        liveDays.stream().mapToLong(StreamSummary.DayEnd::ningboRegistrations).average().orElseThrow() / SCALE;
    assertThat(openings).isBetween(450.0, 550.0);
    assertThat(registrations).isBetween(600.0, 900.0);
    // the best k=3 counterparts per arrival on both sides can reach ~3,000 matches a day
    assertThat(3 * (openings + registrations)).isGreaterThan(3000);
  }

  @Test
  void theInitialStockOpensOnTheDayBeforeTheStartSoDayOneIsAnOrdinaryDay() {
    StreamSummary.DayEnd stockDay = summary.days().get(0);
    assertThat(stockDay.dayStart()).isEqualTo(WEEK.start().minus(Duration.ofDays(1)).toEpochMilli());
    double laterDays = summary.days().subList(2, 8).stream()
        .mapToLong(d -> d.ningboOpenings() + d.ningboRegistrations()).average().orElseThrow();
    StreamSummary.DayEnd dayOne = summary.days().get(1);
    assertThat((double) stockDay.ningboOpenings() + stockDay.ningboRegistrations()).isGreaterThan(5 * laterDays);
    assertThat((double) dayOne.ningboOpenings() + dayOne.ningboRegistrations())
        .isCloseTo(laterDays, within(0.2 * laterDays));
  }

  @Test
  void cityRatesFollowSizeWeight() {
    CityRegistry registry = CityRegistry.loadDefault();
    double perWeight = liveOpeningsByCity.values().stream().mapToInt(Integer::intValue).sum()
        / registry.all().stream().mapToDouble(City::sizeWeight).sum();
    for (City c : registry.all()) {
      assertThat(liveOpeningsByCity.get(c.id()) / c.sizeWeight()).as(c.id()).isCloseTo(perWeight, within(perWeight * 0.25));
    }
  }

  @Test
  void eventsArriveOutOfOrderWithinTheDocumentedBound() {
    assertThat(summary.lateEvents).isGreaterThan(summary.events / 20);
    assertThat(summary.maxLagMillis).isPositive().isLessThanOrEqualTo(Simulator.MAX_DISORDER.toMillis());
  }

  @Test
  void eachEntitysLifecycleStaysInOrder() {
    assertThat(summary.entityOrderViolations).isZero();
    assertThat(summary.placements).isGreaterThan(10_000);
  }
}
