package io.matchstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through Debian's chromedriver. The driver path is set
 * explicitly so Selenium Manager never tries to download a browser (the machines are offline).
 * Console messages come from the browser log and websocket frames from the performance log (the
 * DevTools Network domain), so the product needs no test-only hooks.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();
  // Selenium warns that it has no DevTools bindings for this chromium version; nothing here uses
  // them (logs and Emulation go through chromedriver), so keep the test output quiet. Held in a
  // field because java.util.logging keeps loggers only weakly.
  private static final java.util.logging.Logger SELENIUM_LOG = quiet("org.openqa.selenium");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  final ChromeDriver driver;
  private final Path profile;
  private final List<LogEntry> console = new ArrayList<>();
  private final List<JsonNode> framesReceived = new ArrayList<>();

  Browser() {
    // Fail, not skip: a CI without the browser must not pass these tests silently.
    assertThat(CHROMIUM)
        .as("Debian's chromium is needed for the browser tests: apt-get install -y chromium chromium-driver")
        .isExecutable();
    assertThat(CHROMEDRIVER)
        .as("Debian's chromedriver is needed for the browser tests: apt-get install -y chromium-driver")
        .isExecutable();
    try {
      profile = Files.createTempDirectory("matchstream-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1920,1080",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    // A 1920x1080 wall screen unless a test asks for another size.
    viewport(1920, 1080);
  }

  /** Makes the viewport exactly width x height CSS pixels (device scale 1), as a screen that size. */
  void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  void open(String url) {
    driver.get(url);
  }

  WebDriverWait waitUpTo(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    wait.ignoring(org.openqa.selenium.NoSuchElementException.class);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /** Waits until the element's text equals the expected text; returns how long that took. */
  Duration awaitText(By by, String expected, Duration timeout) {
    long start = System.nanoTime();
    waitUpTo(timeout)
        .withMessage(() -> "text of " + by + " to be '" + expected + "' but was '" + textOrNull(by) + "'")
        .until(d -> expected.equals(d.findElement(by).getText()));
    return Duration.ofNanos(System.nanoTime() - start);
  }

  WebElement awaitElement(By by, Duration timeout) {
    return waitUpTo(timeout).withMessage(() -> by + " to be present").until(d -> d.findElement(by));
  }

  /** Waits for the header's connection indicator to say the page is live (every channel in sync). */
  void awaitLive(Duration timeout) {
    waitUpTo(timeout)
        .withMessage(() -> "the connection indicator to be live, was " + textOrNull(By.id("status")))
        .until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
  }

  String textOrNull(By by) {
    try {
      return driver.findElement(by).getText();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Console entries at SEVERE (errors, uncaught exceptions, failed loads) since the browser opened. */
  List<String> consoleErrors() {
    drainConsole();
    return console.stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** When each websocket frame arrived (the browser's clock, seconds) and what it held. */
  final List<String> frameTimes = new java.util.ArrayList<>();

  /** Every message the page has received over its websocket so far, parsed (batches unpacked). */
  List<JsonNode> websocketFramesReceived() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if ("Network.webSocketFrameReceived".equals(message.path("method").asText())) {
          JsonNode response = message.path("params").path("response");
          if (response.path("opcode").asInt() == 1) {
            JsonNode payload = JSON.readTree(response.path("payloadData").asText());
            frameTimes.add(message.path("params").path("timestamp").asDouble() + " "
                + (payload.isArray() ? "[" + payload.size() + " " + payload.path(0).path("type").asText() + "]"
                    : payload.path("type").asText()));
            // A client that is behind gets several messages in one frame, as a JSON array.
            if (payload.isArray()) {
              payload.forEach(framesReceived::add);
            } else {
              framesReceived.add(payload);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("unreadable performance log entry", e);
      }
    }
    return List.copyOf(framesReceived);
  }

  private void drainConsole() {
    console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
  }

  /** Saves a PNG to {@code target/screenshots/<name>.png} (a test artefact) and returns its path. */
  Path screenshot(String name) {
    Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      Path out = dir.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp profile is harmless
      }
    }
  }
}
