package io.matchstream.notifier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code GET /metrics} in Prometheus text format, on the JDK's own HTTP server; nothing else. */
final class MetricsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static MetricsServer start(String host, int port, NotifierMetrics metrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/", exchange -> {
      try (exchange) {
        boolean isMetrics = exchange.getRequestURI().getPath().equals("/metrics");
        if (!isMetrics || !"GET".equals(exchange.getRequestMethod())) {
          byte[] body = (isMetrics ? "only GET\n" : "not found: try /metrics\n").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(isMetrics ? 405 : 404, body.length);
          exchange.getResponseBody().write(body);
          return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "notifier-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    return new MetricsServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
