package io.matchstream.dashboards;

import static io.matchstream.dashboards.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CityStats;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The ops room's trend draws past days from the gateway's history (final figures on
 * {@code city-days}), not only from the live record's trend: real headless chromium, real gateway,
 * real broker.
 */
class OpsRoomHistoryTest {
  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static final int PAST_DAYS = 7;
  private static LiveSystem system;

  @BeforeAll
  static void startSystem() {
    system = new LiveSystem();
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) system.close();
  }

  @Test
  void theTrendChartDrawsTheFinalFiguresOfLastWeek() throws Exception {
    String ministry = system.devTokens().path("ministry").asText();
    LocalDate today = LocalDate.now(ShanghaiCalendar.ZONE);
    // Final figures far above anything in the live record's own trend, so the chart's highest
    // value can only come from history.
    for (int d = 1; d <= PAST_DAYS; d++) {
      CityStats day = finalOf(stats(CityStats.NATIONAL, 250_000 - 1_000L * d, 360_000, 270_000), today.minusDays(d));
      system.produce(Topics.CITY_DAYS, day.cityId() + "/" + day.day(), day);
    }
    system.produce(Topics.CITY_STATS, CityStats.NATIONAL, stats(CityStats.NATIONAL, 108_186, 360_000, 270_000));
    system.awaitHttp("/api/history/national?from=" + today.minusDays(PAST_DAYS) + "&to=" + today.minusDays(1),
        ministry, r -> r.statusCode() == 200 && r.body().contains("\"matches\":249000"));
    system.awaitHttp("/api/national/stats", ministry, r -> r.statusCode() == 200 && r.body().contains("108186"));

    try (Browser browser = new Browser()) {
      SignIn.as(browser, system, "ministry");
      browser.awaitLive(PAGE_TIMEOUT);
      WebElement trend = browser.awaitElement(By.cssSelector("#trend[data-past-days='" + PAST_DAYS + "']"), PAGE_TIMEOUT);
      // 30 days drawn: the live record's 29 before today, last week's 7 among them replaced by finals.
      assertThat(trend.getAttribute("data-days")).isEqualTo("30");
      browser.waitUpTo(PAGE_TIMEOUT).until(d -> {
        String aria = d.findElement(By.id("trend")).getAttribute("aria-label");
        return aria != null && aria.contains("249,000");
      });
      var shot = browser.screenshot("ops-room-trend-history");
      assertThat(Files.size(shot)).isGreaterThan(50_000);
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  private static CityStats finalOf(CityStats s, LocalDate day) {
    return new CityStats(s.cityId(), s.cityId() + "/" + day + "/" + s.revision(), s.eventTime(), s.schemaVersion(),
        day.toString(), s.revision(), true, s.matchesToday(), s.newVacancies(), s.newCandidates(), s.placements(),
        s.openVacancies(), s.availableCandidates(), s.vacancyToJobseekerRatio(), s.medianDaysToFill(),
        s.dispatchShare(), s.technicalUnfilledPastThreshold(), s.matchesByHour(), s.trend(), s.occupations());
  }
}
