package io.matchstream.dashboards;

import java.time.Duration;
import org.openqa.selenium.By;

/** Signs in the way a viewer does: the sign-in page's one-click development token buttons. */
final class SignIn {

  private SignIn() {}

  /** {@code who} is {@code ministry} or a city id; returns when the viewer's page has opened. */
  static void as(Browser browser, LiveSystem system, String who) {
    browser.open(system.baseUrl() + "/");
    browser.awaitElement(By.cssSelector("button[data-token='" + who + "']"), Duration.ofSeconds(10)).click();
    String page = "ministry".equals(who) ? "/ops.html" : "/city.html";
    browser.waitUpTo(Duration.ofSeconds(10))
        .withMessage(() -> "to land on " + page + ", at " + browser.driver.getCurrentUrl())
        .until(d -> d.getCurrentUrl().endsWith(page));
  }
}
