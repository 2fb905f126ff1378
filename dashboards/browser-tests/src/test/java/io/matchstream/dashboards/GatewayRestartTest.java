package io.matchstream.dashboards;

import static io.matchstream.dashboards.Fixtures.aWelderMatch;
import static io.matchstream.dashboards.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.CityStats;
import io.matchstream.events.Match;
import io.matchstream.events.Topics;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The wall screen stays up through a gateway restart: honest while down, live again after. */
class GatewayRestartTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private LiveSystem system;
  private Browser browser;

  @BeforeEach
  void start() {
    system = new LiveSystem();
    browser = new Browser();
  }

  @AfterEach
  void stop() {
    if (browser != null) browser.close();
    if (system != null) system.close();
  }

  @Test
  void afterTheGatewayRestartsTheOpsRoomReconnectsAndUpdatesAgainWithoutAReload() {
    CityStats before = stats(CityStats.NATIONAL, 5_000, 200_000, 150_000);
    system.produce(Topics.CITY_STATS, before.cityId(), before);
    SignIn.as(browser, system, "ministry");
    browser.awaitLive(TIMEOUT);
    browser.awaitText(By.id("kpi-matchesToday"), "5,000", TIMEOUT);
    assertThat(browser.driver.findElement(By.id("stale")).isDisplayed()).isFalse();
    // A mark on this document: a reload would wipe it.
    browser.script("window.__sameDocument = 'yes';");

    system.stopGateway();
    browser.waitUpTo(TIMEOUT)
        .withMessage("the indicator to show the connection is down")
        .until(d -> Set.of("offline", "reconnecting").contains(d.findElement(By.id("status")).getAttribute("data-state")));
    assertThat(browser.driver.findElement(By.id("stale")).isDisplayed()).as("stale badge while down").isTrue();
    // The last figures stay on screen (marked stale), not blanked.
    assertThat(browser.textOrNull(By.id("kpi-matchesToday"))).isEqualTo("5,000");

    CityStats whileDown = stats(CityStats.NATIONAL, 5_432, 200_100, 150_050);
    system.produce(Topics.CITY_STATS, whileDown.cityId(), whileDown);
    system.startGateway();

    browser.awaitLive(TIMEOUT);
    browser.awaitText(By.id("kpi-matchesToday"), "5,432", TIMEOUT);
    Match after = aWelderMatch("wuhan");
    system.produce(Topics.MATCHES, after.matchId(), after);
    browser.awaitElement(By.cssSelector("#ticker li[data-match='" + after.matchId() + "']"), TIMEOUT);
    CityStats live = stats(CityStats.NATIONAL, 5_433, 200_100, 150_050);
    system.produce(Topics.CITY_STATS, live.cityId(), live);
    browser.awaitText(By.id("kpi-matchesToday"), "5,433", TIMEOUT);

    assertThat(browser.script("return window.__sameDocument;")).as("no reload").isEqualTo("yes");
    assertThat(browser.driver.findElement(By.id("stale")).isDisplayed()).as("stale badge once live").isFalse();
    // Errors the browser logs for the refused reconnects while the gateway was down are expected
    // (and, after a few, the page's check of its token at /api/me); nothing else may be.
    assertThat(browser.consoleErrors())
        .allMatch(e -> (e.contains("/ws") && (e.contains("WebSocket") || e.contains("websocket")))
            || (e.contains("/api/me") && e.contains("ERR_CONNECTION_REFUSED")), "is a failed reconnect");
  }
}
