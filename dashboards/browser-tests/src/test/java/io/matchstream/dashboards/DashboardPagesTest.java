package io.matchstream.dashboards;

import static io.matchstream.dashboards.Fixtures.aWelderMatch;
import static io.matchstream.dashboards.Fixtures.anUnfilledTechnicalPost;
import static io.matchstream.dashboards.Fixtures.stats;
import static io.matchstream.dashboards.Fixtures.withFunnel;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.Alert;
import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.ShortageRanking;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Skill;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Both pages in real headless chromium against the real gateway and a real broker. Each test uses
 * its own cities so they can share one system.
 */
class DashboardPagesTest {

  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
  private static LiveSystem system;
  private static String ministryToken;
  private Browser browser;

  @BeforeAll
  static void startSystem() {
    system = new LiveSystem();
    ministryToken = system.devTokens().path("ministry").asText();
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
  void opsRoomShowsTheSnapshotFiguresOfTheNationAndEachCityWithoutConsoleErrors() throws Exception {
    CityStats national = withFunnel(stats(CityStats.NATIONAL, 108_186, 360_000, 270_000),
        new CityStats.Stages(108_186, 36_000, 14_000, 5_200, 4_120), 9_800, 41_200, 70.0, 180);
    system.produce(Topics.CITY_STATS, national.cityId(), national);
    // Every pilot city has figures (so the map and table are full); Suzhou's, with a funnel, are
    // checked below, and Tangshan's, from a writer that predates the funnel.
    int i = 0;
    for (City city : CityRegistry.loadDefault().all()) {
      long matches = "suzhou".equals(city.id()) ? 2_731 : 800 + 137L * (i++ % 23);
      long open = "suzhou".equals(city.id()) ? 12_000 : 6_000 + 300L * (i % 11);
      long available = "suzhou".equals(city.id()) ? 9_000 : 5_000 + 250L * (i % 7);
      CityStats figures = stats(city.id(), matches, open, available);
      if ("suzhou".equals(city.id())) {
        figures = withFunnel(figures, new CityStats.Stages(2_731, 900, 350, 120, 57), 240, 350, 55.0, 165);
      }
      system.produce(Topics.CITY_STATS, figures.cityId(), figures);
    }
    Alert alert = anUnfilledTechnicalPost("tangshan", 34);
    Match match = aWelderMatch("suzhou");
    system.produce(Topics.ALERTS, alert.alertId(), alert);
    system.produce(Topics.MATCHES, match.matchId(), match);
    ShortageRanking ranking = Fixtures.ranking(ShortageRanking.NATIONAL, 30);
    system.produce(Topics.SHORTAGE_RANKING, ranking.cityId(), ranking);
    awaitGatewayHas("/api/national/ranking", ranking.eventId());
    awaitGatewayHas("/api/national/stats", "108186");
    awaitGatewayHas("/api/cities/suzhou/stats", "2731");
    awaitGatewayHas("/api/alerts?state=FIRING", alert.alertId());
    awaitGatewayHas("/api/matches?city=suzhou", match.matchId());

    SignIn.as(browser, system, "ministry");
    browser.awaitLive(PAGE_TIMEOUT);

    browser.awaitText(By.id("kpi-matchesToday"), "108,186", PAGE_TIMEOUT);
    assertThat(browser.textOrNull(By.id("kpi-openVacancies"))).isEqualTo("360,000");
    assertThat(browser.textOrNull(By.id("kpi-availableCandidates"))).isEqualTo("270,000");
    assertThat(browser.textOrNull(By.id("kpi-ratio"))).isEqualTo("1.33");
    assertThat(browser.textOrNull(By.id("kpi-dispatchShare"))).isEqualTo("31.1%");
    String row = browser.awaitElement(By.cssSelector("#cities tr[data-city='suzhou']"), PAGE_TIMEOUT).getText();
    assertThat(row).startsWith("苏州").contains("2,731", "2,620", "12,000", "9,000", "1.33", "23.5", "17", "31.1%");
    // Conversion: of the matches Suzhou made a week ago, how many were hired; none without a funnel.
    assertThat(cells(By.cssSelector("#cities tr[data-city='suzhou'] td"))).endsWith("31.1%", "5.5%");
    assertThat(cells(By.cssSelector("#cities tr[data-city='tangshan'] td"))).endsWith("31.1%", "–");
    // The national funnel: hires through matches today, the week-old cohort's rate, share of placements.
    assertThat(browser.textOrNull(By.id("kpi-hiresViaMatch"))).isEqualTo("4,120");
    assertThat(browser.textOrNull(By.id("kpi-settledRate"))).isEqualTo("6.0%");
    assertThat(browser.textOrNull(By.id("kpi-matchShare"))).isEqualTo("10.0%");
    // Sorted by the settled hire rate, cities without a funnel sink: the first row has one.
    browser.driver.findElement(By.cssSelector("#cities th[data-sort='settledRate']")).click();
    browser.waitUpTo(PAGE_TIMEOUT).until(d -> "desc".equals(
        d.findElement(By.cssSelector("#cities th[data-sort='settledRate']")).getAttribute("data-dir")));
    assertThat(cells(By.cssSelector("#cities tbody tr:first-child td"))).last().isNotEqualTo("–");
    assertThat(browser.awaitElement(By.cssSelector("#alerts li[data-alert='" + alert.alertId() + "']"), PAGE_TIMEOUT).getText())
        .contains("技术岗位长期未招满", "唐山", "多工序数控机床操作调整工", "已开放 34 天");
    assertThat(browser.awaitElement(By.cssSelector("#ticker li[data-match='" + match.matchId() + "']"), PAGE_TIMEOUT).getText())
        .contains("苏州", "焊工", "87%", match.vacancyId(), match.candidateId());
    // The national shortage ranking: Chinese names, gap, cities, and the rank changes as symbols.
    String first = browser.awaitElement(By.cssSelector("#ranking-panel tr[data-rank='1']"), PAGE_TIMEOUT).getText();
    assertThat(first).contains("焊工", "2,700", "12城 · 苏州、宁波、唐山", "3.70", "▲2", "=");
    assertThat(browser.textOrNull(By.cssSelector("#ranking-panel tr[data-rank='2']"))).contains("多工序数控机床操作调整工", "新上榜");
    assertThat(browser.textOrNull(By.cssSelector("#ranking-panel tr[data-rank='3']"))).contains("▼2");
    assertThat(browser.driver.findElements(By.cssSelector("#ranking-panel tbody tr"))).hasSize(30);
    assertThat(browser.textOrNull(By.cssSelector("#ranking-panel h2"))).contains("全国最缺工职业排行", ranking.day(), "实时");
    // The map is drawn: ECharts renders into a canvas inside the map panel.
    browser.awaitElement(By.cssSelector("#map canvas"), PAGE_TIMEOUT);

    var shot = browser.screenshot("ops-room");
    assertThat(Files.size(shot)).isGreaterThan(50_000);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void cityParkShowsItsFiguresAgainstTheReferenceOccupationsMatchesWithReasonsAndAlerts() throws Exception {
    CityStats ningbo = stats("ningbo", 2_931, 12_500, 9_100);
    Match match = aWelderMatch("ningbo");
    Alert alert = anUnfilledTechnicalPost("ningbo", 41);
    system.produce(Topics.CITY_STATS, ningbo.cityId(), ningbo);
    system.produce(Topics.MATCHES, match.matchId(), match);
    system.produce(Topics.ALERTS, alert.alertId(), alert);
    ShortageRanking ranking = Fixtures.ranking("ningbo", 20);
    system.produce(Topics.SHORTAGE_RANKING, ranking.cityId(), ranking);
    awaitGatewayHas("/api/cities/ningbo/ranking", ranking.eventId());
    awaitGatewayHas("/api/cities/ningbo/stats", "2931");
    awaitGatewayHas("/api/matches?city=ningbo", match.matchId());
    awaitGatewayHas("/api/alerts?state=FIRING&city=ningbo", alert.alertId());

    SignIn.as(browser, system, "ningbo");
    browser.awaitLive(PAGE_TIMEOUT);

    assertThat(browser.textOrNull(By.id("city-name"))).isEqualTo("宁波");
    browser.awaitText(By.id("kpi-matchesToday"), "2,931", PAGE_TIMEOUT);
    assertThat(browser.textOrNull(By.id("kpi-reference"))).isEqualTo("3,000");
    assertThat(browser.textOrNull(By.id("kpi-refshare"))).isEqualTo("98%");
    // Welders: 420 posts for 150 seekers, ratio 2.8, a shortage that stands out.
    var welders = browser.awaitElement(By.cssSelector("#occupations tr[data-occupation='6-18-02-04']"), PAGE_TIMEOUT);
    assertThat(welders.getAttribute("class")).contains("shortage");
    assertThat(welders.getText()).contains("焊工", "短缺", "420", "150", "2.80");
    assertThat(browser.textOrNull(By.cssSelector("#occupations tr[data-occupation='6-18-01-07']")))
        .doesNotContain("短缺");
    String card = browser.awaitElement(By.cssSelector("#matches li[data-match='" + match.matchId() + "']"), PAGE_TIMEOUT).getText();
    Skill metSkill = Fixtures.TAXONOMY.skill(match.skillsMet().get(0));
    Skill missingSkill = Fixtures.TAXONOMY.skill(match.essentialSkillsMissing().get(0));
    assertThat(card).contains("焊工", "匹配度 87%", "已具备技能 (3)", "缺少必备技能 (1)", "薪资: 期望在范围内");
    // Skill tags in the viewer's language: the project's Chinese labels here, ESCO's on the English page.
    assertThat(card).contains(metSkill.labelZh(), missingSkill.labelZh()).doesNotContain(metSkill.label());
    assertThat(browser.awaitElement(By.cssSelector("#alerts li[data-alert='" + alert.alertId() + "']"), PAGE_TIMEOUT).getText())
        .contains("已开放 41 天", "¥8,000–11,000");
    browser.awaitElement(By.cssSelector("#curve canvas"), PAGE_TIMEOUT);
    // The city's top 20 shortage occupations, in Chinese, with the change since yesterday and last week.
    String first = browser.awaitElement(By.cssSelector("#ranking-panel tr[data-rank='1']"), PAGE_TIMEOUT).getText();
    assertThat(first).contains("焊工", "2,700", "▲2", "=");
    assertThat(browser.driver.findElements(By.cssSelector("#ranking-panel tbody tr"))).hasSize(20);
    assertThat(browser.textOrNull(By.cssSelector("#ranking-panel h2"))).contains("本市最缺工职业");

    var shot = browser.screenshot("city-park");
    assertThat(Files.size(shot)).isGreaterThan(50_000);

    // English on request, numbers still formatted for the locale.
    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "Ningbo", PAGE_TIMEOUT);
    assertThat(browser.textOrNull(By.cssSelector("#matches li[data-match='" + match.matchId() + "']")))
        .contains("Welder", "Score 87%", "Skills met (3)", metSkill.label())
        .doesNotContain(metSkill.labelZh());
    assertThat(browser.textOrNull(By.id("kpi-matchesToday"))).isEqualTo("2,931");
    browser.screenshot("city-park-en");
    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "宁波", PAGE_TIMEOUT);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void cityParkShowsTheFunnelOfItsMatchesAndDashesForFiguresWithoutOne() throws Exception {
    CityStats nanjing = withFunnel(stats("nanjing", 2_931, 12_500, 9_100),
        new CityStats.Stages(2_931, 977, 390, 117, 41), 260, 350, 61.5, 180);
    system.produce(Topics.CITY_STATS, nanjing.cityId(), nanjing);
    awaitGatewayHas("/api/cities/nanjing/stats", nanjing.eventId());

    SignIn.as(browser, system, "nanjing");
    browser.awaitLive(PAGE_TIMEOUT);
    browser.awaitText(By.id("kpi-matchesToday"), "2,931", PAGE_TIMEOUT);

    // Today's steps as counts; each step's conversion from the one before over the cohorts 7 to 13
    // days old, summed (21,000 matches, 7,000 contacted, 2,625 interviews, 1,734 offers, 1,302
    // hires), never today's flows, which mix match days and can pass 100 %.
    assertThat(stage("matches")).containsExactly("智能匹配", "2,931", "");
    assertThat(stage("contacted")).containsExactly("已联系", "977", "33.3%");
    assertThat(stage("interviews")).containsExactly("面试", "390", "37.5%");
    assertThat(stage("offers")).containsExactly("录用", "117", "66.1%");
    assertThat(stage("hires")).containsExactly("入职", "41", "75.1%");
    assertThat(browser.textOrNull(By.id("funnel-medianHours"))).isEqualTo("61.5 小时");
    assertThat(browser.textOrNull(By.id("funnel-matchShare"))).isEqualTo("11.7%");
    assertThat(browser.textOrNull(By.id("funnel-ofPlaced"))).isEqualTo("(41 / 350 人)");
    assertThat(browser.textOrNull(By.id("funnel-ended"))).isEqualTo("260");
    // Match-to-hire rate by match day, newest first; the week-old cohort settled, younger ones in progress.
    List<String> days = browser.driver.findElements(By.cssSelector("#funnel-cohorts tbody tr")).stream()
        .map(r -> r.getAttribute("data-cohort")).toList();
    assertThat(days).hasSize(14).first().isEqualTo(nanjing.day());
    String weekAgo = java.time.LocalDate.parse(nanjing.day()).minusDays(7).toString();
    assertThat(cells(By.cssSelector("#funnel-cohorts tr[data-cohort='" + weekAgo + "'] td")))
        .containsExactly(weekAgo.substring(5), "3,000", "180", "6.0%", "满7天");
    String sixDaysAgo = java.time.LocalDate.parse(nanjing.day()).minusDays(6).toString();
    assertThat(cells(By.cssSelector("#funnel-cohorts tr[data-cohort='" + sixDaysAgo + "'] td")))
        .containsExactly(sixDaysAgo.substring(5), "3,000", "135", "4.5%", "进行中");
    assertThat(cells(By.cssSelector("#funnel-cohorts tr[data-cohort='" + nanjing.day() + "'] td")))
        .containsExactly(nanjing.day().substring(5), "2,931", "0", "0.0%", "进行中");
    // Per occupation: the day's matches, hires and rate where the occupation has a funnel.
    assertThat(cells(By.cssSelector("#occupations tr[data-occupation='6-18-02-04'] td"))).endsWith("310", "6", "1.9%");
    assertThat(cells(By.cssSelector("#occupations tr[data-occupation='6-18-01-07'] td"))).endsWith("–", "–", "–");
    assertThat(Files.size(browser.screenshot("city-park-funnel"))).isGreaterThan(50_000);

    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "Nanjing", PAGE_TIMEOUT);
    assertThat(stage("hires")).containsExactly("Hires", "41", "75.1%");
    assertThat(browser.textOrNull(By.id("funnel-medianHours"))).isEqualTo("61.5 h");
    assertThat(browser.textOrNull(By.id("funnel-ofPlaced"))).isEqualTo("(41 of 350)");
    browser.driver.findElement(By.id("lang")).click();
    browser.awaitText(By.id("city-name"), "南京", PAGE_TIMEOUT);

    // Figures from a writer that predates the funnel: dashes, not zeros, and nothing breaks.
    CityStats old = stats("nanjing", 2_950, 12_500, 9_100);
    system.produce(Topics.CITY_STATS, old.cityId(), old);
    browser.awaitText(By.id("kpi-matchesToday"), "2,950", PAGE_TIMEOUT);
    for (String s : List.of("contacted", "interviews", "offers", "hires")) assertThat(stage(s)).endsWith("–", "–");
    assertThat(stage("matches")).endsWith("–", "");
    assertThat(browser.textOrNull(By.id("funnel-medianHours"))).isEqualTo("–");
    assertThat(browser.textOrNull(By.id("funnel-matchShare"))).isEqualTo("–");
    assertThat(browser.textOrNull(By.id("funnel-ended"))).isEqualTo("–");
    assertThat(browser.textOrNull(By.cssSelector("#funnel-cohorts tbody"))).isEqualTo("暂无转化数据");
    assertThat(cells(By.cssSelector("#occupations tr[data-occupation='6-18-02-04'] td"))).endsWith("2.80", "–", "–", "–");
    browser.screenshot("city-park-no-funnel");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aMatchProducedToKafkaAppearsInTheOpsRoomTickerWithinTwoSeconds() {
    SignIn.as(browser, system, "ministry");
    browser.awaitLive(PAGE_TIMEOUT);

    Match match = aWelderMatch("hangzhou");
    long start = System.nanoTime();
    system.produce(Topics.MATCHES, match.matchId(), match);
    var item = browser.awaitElement(By.cssSelector("#ticker li[data-match='" + match.matchId() + "']"), Duration.ofSeconds(2));
    Duration latency = Duration.ofNanos(System.nanoTime() - start);

    assertThat(item.getText()).contains("杭州", "焊工");
    assertThat(latency).isLessThan(Duration.ofSeconds(2));
    System.out.printf("kafka -> ticker latency: %d ms%n", latency.toMillis());
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aCityViewerSeesOnlyItsCityAndItsWebsocketNeverCarriesAnotherCitysData() {
    SignIn.as(browser, system, "shenzhen");
    browser.awaitLive(PAGE_TIMEOUT);
    assertThat(browser.textOrNull(By.id("city-name"))).isEqualTo("深圳");
    assertThat(browser.driver.findElements(By.id("city-select"))).as("a city selector").isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("a[href='ops.html']"))).as("a link to the ops room").isEmpty();

    // Asking for another city in the address changes nothing: the token decides.
    browser.open(system.baseUrl() + "/city.html?city=guangzhou");
    browser.awaitLive(PAGE_TIMEOUT);
    assertThat(browser.textOrNull(By.id("city-name"))).isEqualTo("深圳");

    // Another city's figures, match and alert reach the gateway first (the ministry can see
    // them) ...
    CityStats guangzhou = stats("guangzhou", 4_321, 15_000, 11_000);
    Match theirs = aWelderMatch("guangzhou");
    Alert theirAlert = anUnfilledTechnicalPost("guangzhou", 33);
    system.produce(Topics.CITY_STATS, guangzhou.cityId(), guangzhou);
    system.produce(Topics.MATCHES, theirs.matchId(), theirs);
    system.produce(Topics.ALERTS, theirAlert.alertId(), theirAlert);
    awaitGatewayHas("/api/cities/guangzhou/stats", "4321");
    awaitGatewayHas("/api/matches?city=guangzhou", theirs.matchId());
    awaitGatewayHas("/api/alerts?state=FIRING&city=guangzhou", theirAlert.alertId());
    // ... then one of ours, which the page shows: so the socket was live while theirs went by.
    CityStats shenzhen = stats("shenzhen", 3_210, 14_000, 10_000);
    Match ours = aWelderMatch("shenzhen");
    system.produce(Topics.CITY_STATS, shenzhen.cityId(), shenzhen);
    system.produce(Topics.MATCHES, ours.matchId(), ours);
    browser.awaitElement(By.cssSelector("#matches li[data-match='" + ours.matchId() + "']"), PAGE_TIMEOUT);
    browser.awaitText(By.id("kpi-matchesToday"), "3,210", PAGE_TIMEOUT);

    List<JsonNode> frames = browser.websocketFramesReceived();
    assertThat(frames).as("frames observed").isNotEmpty();
    assertThat(frames).filteredOn(f -> f.path("type").asText().equals("delta")).isNotEmpty();
    List<String> channels = new ArrayList<>();
    List<String> cityIds = new ArrayList<>();
    for (JsonNode f : frames) {
      if (f.has("channel")) channels.add(f.get("channel").asText());
      f.findValues("cityId").forEach(v -> cityIds.add(v.asText()));
    }
    assertThat(channels).isNotEmpty().allMatch(c -> c.startsWith("city:shenzhen:"), "is a shenzhen channel");
    assertThat(cityIds).isNotEmpty().containsOnly("shenzhen");
    assertThat(frames).noneMatch(f -> f.toString().contains("guangzhou"));
    assertThat(frames).filteredOn(f -> f.path("type").asText().equals("welcome"))
        .allMatch(f -> f.path("viewer").path("city").asText().equals("shenzhen"));
    assertThat(browser.textOrNull(By.tagName("body"))).doesNotContain("广州", theirs.matchId(), theirs.vacancyId());
    assertThat(browser.consoleErrors()).isEmpty();
  }

  /** The texts of the cells found, in order. */
  private List<String> cells(By by) {
    return browser.driver.findElements(by).stream().map(e -> e.getText()).toList();
  }

  /** A row of the city page's funnel steps: name, count, share of the step before. */
  private List<String> stage(String stage) {
    return cells(By.cssSelector("#funnel-stages tr[data-stage='" + stage + "'] td"));
  }

  private static void awaitGatewayHas(String path, String text) {
    system.awaitHttp(path, ministryToken, r -> r.statusCode() == 200 && r.body().contains(text));
  }
}
