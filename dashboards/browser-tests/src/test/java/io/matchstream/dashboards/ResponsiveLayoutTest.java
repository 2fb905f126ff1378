package io.matchstream.dashboards;

import static io.matchstream.dashboards.Fixtures.aWelderMatch;
import static io.matchstream.dashboards.Fixtures.anUnfilledTechnicalPost;
import static io.matchstream.dashboards.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Skill;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Both pages on a park officer's 1366x768 laptop, a 1920x1080 wall and a 4K wall, in the viewer's
 * language: no sideways scrolling, the language and sign-out buttons on screen, readable contrast,
 * charts described for screen readers, skills in Chinese on the Chinese page. Screenshots at every
 * size go to {@code target/screenshots/} ({@code ops-room-1366x768.png}, …).
 */
class ResponsiveLayoutTest {

  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static final int[][] SIZES = {{1366, 768}, {1920, 1080}, {3840, 2160}};
  private static LiveSystem system;
  private static Match ningboMatch;
  private Browser browser;

  @BeforeAll
  static void startSystemWithAFullDay() {
    system = new LiveSystem();
    String ministry = system.devTokens().path("ministry").asText();
    // Figures with the conversion funnel, so its panel, columns and card are laid out full.
    CityStats national = Fixtures.withFunnel(stats(CityStats.NATIONAL, 108_186, 360_000, 270_000),
        new CityStats.Stages(108_186, 36_000, 14_000, 5_200, 4_120), 9_800, 41_200, 70.0, 180);
    system.produce(Topics.CITY_STATS, national.cityId(), national);
    int i = 0;
    for (City city : CityRegistry.loadDefault().all()) {
      long matches = 800 + 137L * (i++ % 23);
      CityStats figures = Fixtures.withFunnel(stats(city.id(), matches, 6_000 + 300L * (i % 11), 5_000 + 250L * (i % 7)),
          new CityStats.Stages(matches, matches / 3, matches / 8, matches / 25, matches / 70), matches / 12, 350,
          48.0 + i, 120 + 3L * i);
      system.produce(Topics.CITY_STATS, figures.cityId(), figures);
    }
    ningboMatch = aWelderMatch("ningbo");
    Alert alert = anUnfilledTechnicalPost("ningbo", 41);
    system.produce(Topics.MATCHES, ningboMatch.matchId(), ningboMatch);
    system.produce(Topics.ALERTS, alert.alertId(), alert);
    var nationalRanking = Fixtures.ranking(io.matchstream.events.ShortageRanking.NATIONAL, 100);
    var ningboRanking = Fixtures.ranking("ningbo", 20);
    system.produce(Topics.SHORTAGE_RANKING, nationalRanking.cityId(), nationalRanking);
    system.produce(Topics.SHORTAGE_RANKING, ningboRanking.cityId(), ningboRanking);
    system.awaitHttp("/api/cities/ningbo/ranking", ministry,
        r -> r.statusCode() == 200 && r.body().contains(ningboRanking.eventId()));
    system.awaitHttp("/api/national/ranking", ministry,
        r -> r.statusCode() == 200 && r.body().contains(nationalRanking.eventId()));
    system.awaitHttp("/api/matches?city=ningbo", ministry, r -> r.statusCode() == 200 && r.body().contains(ningboMatch.matchId()));
    system.awaitHttp("/api/alerts?state=FIRING", ministry, r -> r.statusCode() == 200 && r.body().contains(alert.alertId()));
    system.awaitHttp("/api/cities/zhengzhou/stats", ministry, r -> r.statusCode() == 200);
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) system.close();
  }

  @BeforeEach
  void openBrowser() {
    browser = new Browser();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void theOpsRoomFitsEveryScreenFromALaptopToAFourKWallWithReadableText() throws Exception {
    SignIn.as(browser, system, "ministry");
    browser.awaitLive(PAGE_TIMEOUT);
    browser.awaitText(By.id("kpi-matchesToday"), "108,186", PAGE_TIMEOUT);
    browser.awaitElement(By.cssSelector("#alerts li.alert"), PAGE_TIMEOUT);
    browser.awaitElement(By.cssSelector("#ticker li[data-match='" + ningboMatch.matchId() + "']"), PAGE_TIMEOUT);

    for (int[] size : SIZES) {
      Screen screen = new Screen(browser, size[0], size[1]);
      screen.resizeAndSettle();
      screen.assertFitsWithButtonsOnScreen();
      screen.assertChartsDescribed(Map.of("map", "中国地图", "trend", "折线图"));
      // All ten columns of the city table, the conversion last, without scrolling its panel sideways.
      assertThat(((Number) browser.script(
              "const t = document.getElementById('cities'); return t.scrollWidth - t.parentElement.clientWidth;"))
          .intValue()).as("city table wider than its panel at %s", screen.name()).isLessThanOrEqualTo(0);
      assertThat(screen.assertTextContrast()).as("texts checked").isGreaterThan(100);
      assertThat(Files.size(browser.screenshot("ops-room-" + screen.name()))).isGreaterThan(50_000);
    }
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void theCityPageFitsEveryScreenAndShowsSkillsInTheViewersLanguage() throws Exception {
    SignIn.as(browser, system, "ningbo");
    browser.awaitLive(PAGE_TIMEOUT);
    By card = By.cssSelector("#matches li[data-match='" + ningboMatch.matchId() + "']");
    browser.awaitElement(card, PAGE_TIMEOUT);
    List<Skill> met = ningboMatch.skillsMet().stream().map(Fixtures.TAXONOMY::skill).toList();
    Skill missing = Fixtures.TAXONOMY.skill(ningboMatch.essentialSkillsMissing().get(0));

    // Chinese page: the project's Chinese labels, none of ESCO's English ones.
    assertThat(chips(card, "met")).containsExactlyElementsOf(met.stream().map(Skill::labelZh).toList());
    assertThat(chips(card, "missing")).containsExactly(missing.labelZh());
    assertThat(browser.textOrNull(card)).doesNotContain(met.get(0).label(), missing.label());

    for (int[] size : SIZES) {
      Screen screen = new Screen(browser, size[0], size[1]);
      screen.resizeAndSettle();
      screen.assertFitsWithButtonsOnScreen();
      screen.assertChartsDescribed(Map.of("curve", "宁波参考线"));
      // The funnel's steps and cohorts side by side without scrolling the panel sideways.
      assertThat(((Number) browser.script(
              "return Math.max(...['.funnel-tables', '.funnel-cohorts'].map((s) => {"
                  + " const b = document.querySelector(s); return b.scrollWidth - b.clientWidth; }));"))
          .intValue()).as("funnel wider than its panel at %s", screen.name()).isLessThanOrEqualTo(0);
      assertThat(screen.assertTextContrast()).as("texts checked").isGreaterThan(30);
      assertThat(Files.size(browser.screenshot("city-park-" + screen.name()))).isGreaterThan(50_000);
    }

    // English page on the laptop: ESCO's labels, and the longer English header still fits.
    Screen laptop = new Screen(browser, 1366, 768);
    laptop.resizeAndSettle();
    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "Ningbo", PAGE_TIMEOUT);
    assertThat(chips(card, "met")).containsExactlyElementsOf(met.stream().map(Skill::label).toList());
    assertThat(chips(card, "missing")).containsExactly(missing.label());
    laptop.assertFitsWithButtonsOnScreen();
    screenChartsInEnglish(laptop);
    laptop.assertTextContrast();
    browser.screenshot("city-park-en-" + laptop.name());
    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "宁波", PAGE_TIMEOUT);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  private void screenChartsInEnglish(Screen screen) {
    browser.waitUpTo(PAGE_TIMEOUT)
        .withMessage(() -> "the day curve described in English: " + screen.layout().get("charts"))
        .until(d -> String.valueOf(d.findElement(By.id("curve")).getAttribute("aria-label")).contains("Ningbo's reference"));
  }

  /** The full labels of a match card's skill chips (a chip may cut a long label short on screen). */
  private List<String> chips(By card, String kind) {
    return browser.driver.findElement(card).findElements(By.cssSelector(".chip." + kind)).stream()
        .map(e -> e.getAttribute("textContent"))
        .toList();
  }
}
