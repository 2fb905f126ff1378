package io.matchstream.gateway;

import static io.matchstream.testkit.ws.ProtocolClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.Topics;
import io.matchstream.testkit.ws.ProtocolClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a probe of the running gateway found: each test is one finding, fixed. */
@ExtendWith(VertxExtension.class)
class ProbeTest {
  private GatewayFixture gw;
  private WebClient client;

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (gw != null) gw.close();
  }

  private void start(Vertx vertx, JsonObject extra) {
    gw = new GatewayFixture(vertx, extra);
    client = WebClient.create(vertx);
  }

  @Test
  void madeUpHttpMethodsDoNotGrowTheMetrics() {
    PrometheusMeterRegistry registry = GatewayMetrics.newRegistry();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    try {
      JsonObject config = new JsonObject().put("http.port", 0).put("jwt.secret", TestTokens.SECRET);
      Gateway gateway = Gateway.deploy(vertx, config, new GatewayMetrics(registry)).await();
      WebClient web = WebClient.create(vertx);
      try {
        send(web, gateway.port(), "QQ000000");
        int seriesAfterOne = series(registry);
        for (int i = 1; i <= 60; i++) {
          HttpResponse<Buffer> r = send(web, gateway.port(), String.format("QQ%06d", i));
          assertThat(r.statusCode()).isEqualTo(405);
        }
        String scrape = registry.scrape();
        assertThat(scrape).doesNotContain("QQ0000").contains("method=\"OTHER\"");
        assertThat(series(registry)).isEqualTo(seriesAfterOne);
      } finally {
        web.close();
        gateway.close().await();
      }
    } finally {
      vertx.close().await();
    }
  }

  private static HttpResponse<Buffer> send(WebClient web, int port, String method) {
    return web.request(HttpMethod.valueOf(method), port, "127.0.0.1", "/health").send().await();
  }

  private static int series(PrometheusMeterRegistry registry) {
    return (int) registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.startsWith("jvm_")).count();
  }

  @Test
  void aHandshakeTrickledByteByByteIsCutAtTheHandshakeTimeout(Vertx vertx) throws IOException {
    start(vertx, new JsonObject().put("limits.handshake-seconds", 1));
    try (Socket s = new Socket("127.0.0.1", gw.port())) {
      OutputStream out = s.getOutputStream();
      out.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      boolean closed = false;
      while (!closed && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8)) {
        try {
          out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          s.setSoTimeout(200);
          closed = s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
          // still open: trickle on
        } catch (IOException e) {
          closed = true;
        }
      }
      assertThat(closed).as("connection cut").isTrue();
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void aSilentWebsocketIsClosedAfterTheIdleTimeout(Vertx vertx) {
    start(vertx, new JsonObject().put("limits.idle-seconds", 1));
    try (ProtocolClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> c.closeCode() != null);
    }
  }

  @ParameterizedTest(name = "exp = {0}")
  @ValueSource(strings = {"\"soon\"", "null", "[1]", "true", "{\"t\":1}"})
  void aSignedTokenWithANonNumericExpIsRefusedWith401(String exp, Vertx vertx) {
    start(vertx, null);
    JsonObject claims = TestTokens.claims("ops-room-1", "ministry", null, TestTokens.inAnHour());
    claims.put("exp", new JsonObject("{\"v\":" + exp + "}").getValue("v"));
    String token = TestTokens.sign(vertx, TestTokens.SECRET, claims);
    assertThat(get("/api/me", token).statusCode()).isEqualTo(401);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, null)).isEqualTo(401);
  }

  @ParameterizedTest(name = "exp = {0}")
  @ValueSource(strings = {"100 years", "1e20"})
  void aTokenLivingLongerThanTheCeilingIsRefused(String which, Vertx vertx) {
    start(vertx, null);
    JsonObject claims = TestTokens.claims("ops-room-1", "ministry", null, TestTokens.inAnHour());
    if (which.equals("1e20")) {
      claims.put("exp", 1e20);
    } else {
      claims.put("exp", System.currentTimeMillis() / 1000 + 100L * 366 * 86_400);
    }
    String token = TestTokens.sign(vertx, TestTokens.SECRET, claims);
    assertThat(get("/api/me", token).statusCode()).isEqualTo(401);
    assertThat(ProtocolClient.refusal(vertx, gw.port(), token, null)).isEqualTo(401);
  }

  @Test
  void theCeilingIsConfigurableAndNoTokenAboveItIsMinted(Vertx vertx) {
    start(vertx, new JsonObject().put("jwt.max-ttl", "PT1H"));
    JsonObject claims = TestTokens.claims("ops-room-1", "ministry", null, System.currentTimeMillis() / 1000 + 7200);
    assertThat(get("/api/me", TestTokens.sign(vertx, TestTokens.SECRET, claims)).statusCode()).isEqualTo(401);
    assertThat(get("/api/me", gw.gateway.tokens().ministry("m", Duration.ofMinutes(30))).statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> gw.gateway.tokens().ministry("m", Duration.ofDays(36500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
  }

  @Test
  void aResumePositionBeyondTheRangeIsRefusedNotWrappedAround(Vertx vertx) {
    start(vertx, null);
    for (int n = 1; n <= 3; n++) gw.ingest(Topics.MATCHES, Fixtures.aMatch("ningbo", n));
    try (ProtocolClient c = gw.connect(gw.ministry())) {
      c.await(type("welcome", null));
      c.sendText("{\"op\":\"subscribe\",\"channel\":\"city:ningbo:matches\",\"resume\":{\"epoch\":\""
          + gw.gateway.epoch("city:ningbo:matches") + "\",\"seq\":18446744073709551617}}");
      JsonObject error = c.await(type("error", null));
      assertThat(error.getString("code")).isEqualTo("bad_request");
      c.barrier();
      assertThat(c.matching(type("delta", null))).isEmpty();
      assertThat(c.matching(type("snapshot", null))).isEmpty();
    }
  }

  @Test
  void wrongMethodsGet405WithAllowAndHeadWorksOnHealth(Vertx vertx) {
    start(vertx, null);
    HttpResponse<Buffer> post = request(HttpMethod.POST, "/health", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Allow")).contains("GET").contains("HEAD");
    assertThat(request(HttpMethod.HEAD, "/health", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> delete = request(HttpMethod.DELETE, "/api/me", gw.ministry());
    assertThat(delete.statusCode()).isEqualTo(405);
    assertThat(delete.getHeader("Allow")).contains("GET");
    assertThat(request(HttpMethod.PUT, "/ws", null).statusCode()).isEqualTo(405);
    assertThat(request(HttpMethod.POST, "/metrics", null).statusCode()).isEqualTo(405);
    assertThat(request(HttpMethod.POST, "/ops.html", null).statusCode()).isEqualTo(405);
  }

  @Test
  void theSamePseudonymInTwoCitiesIsTwoViewers(Vertx vertx) {
    start(vertx, new JsonObject().put("limits.connections-per-subject", 1));
    String ningbo = gw.gateway.tokens().city("park-1", "ningbo", Duration.ofHours(1));
    String beijing = gw.gateway.tokens().city("park-1", "beijing", Duration.ofHours(1));
    try (ProtocolClient first = gw.connect(ningbo)) {
      first.await(type("welcome", null));
      assertThat(ProtocolClient.refusal(vertx, gw.port(), beijing, null)).isEqualTo(101);
      assertThat(ProtocolClient.refusal(vertx, gw.port(), ningbo, null)).isEqualTo(429);
    }
  }

  @Test
  void developmentTokensAreServedToLoopbackHostNamesOnly(Vertx vertx) throws IOException {
    start(vertx, new JsonObject().put("dev-mode", true).put("jwt.secret", (String) null));
    assertThat(rawStatus(gw.port(), "GET /dev/tokens HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
        .isEqualTo(403);
    assertThat(rawStatus(gw.port(), "GET /dev/tokens HTTP/1.1\r\nHost: 127.0.0.1:" + gw.port()
        + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    assertThat(rawStatus(gw.port(), "GET /dev/tokens HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
        .isEqualTo(200);
  }

  @Test
  void metricsNeedTheTokenWhenOneIsConfigured(Vertx vertx) {
    start(vertx, new JsonObject().put("metrics.token", "scrape-secret-0123456789"));
    assertThat(request(HttpMethod.GET, "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(request(HttpMethod.GET, "/metrics", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> ok = request(HttpMethod.GET, "/metrics", "scrape-secret-0123456789");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsString())
        .contains("gateway_connections")
        .contains("jvm_memory_used_bytes")
        .contains("jvm_gc_memory_allocated_bytes_total");
  }

  @Test
  void metricsCanMoveToAManagementPort(Vertx vertx) {
    start(vertx, new JsonObject().put("metrics.port", 0));
    assertThat(request(HttpMethod.GET, "/metrics", null).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> r = client.get(gw.gateway.metricsPort(), "127.0.0.1", "/metrics").send().await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("gateway_connections");
  }

  private HttpResponse<Buffer> get(String path, String token) {
    return request(HttpMethod.GET, path, token);
  }

  private HttpResponse<Buffer> request(HttpMethod method, String path, String token) {
    var req = client.request(method, gw.port(), "127.0.0.1", path);
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    return req.send().await();
  }

  /** The status of a hand-written HTTP/1.1 request (so the Host header is exactly as given). */
  private static int rawStatus(int port, String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int ch;
      while ((ch = in.read()) != -1 && ch != '\n') line.append((char) ch);
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }
}
