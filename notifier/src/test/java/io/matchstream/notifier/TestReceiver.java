package io.matchstream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.matchstream.events.codec.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP receiver on loopback that records every POST and answers as told; it can go down and come back. */
public final class TestReceiver implements AutoCloseable {
  /** One POST as received. */
  public record Request(String path, String query, String authorization, JsonNode body, java.time.Instant at) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer;
  private volatile HttpServer server;
  private final int port;

  private TestReceiver(String answer) {
    this.answer = answer;
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  /** Answers 200 with an empty JSON object, as an Alertmanager webhook receiver would. */
  public static TestReceiver webhook() {
    return new TestReceiver("{}");
  }

  /** Answers 200 with {@code errcode: 0}, as the robots do. */
  public static TestReceiver robot() {
    return new TestReceiver("{\"errcode\":0,\"errmsg\":\"ok\"}");
  }

  public void answer(int status, String body) {
    this.status = status;
    this.answer = body;
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public void down() {
    server.stop(0);
  }

  public void up() {
    server = listen(port);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private HttpServer listen(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
      s.createContext("/", exchange -> {
        try (exchange) {
          byte[] in = exchange.getRequestBody().readAllBytes();
          requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Authorization"), EventCodec.mapper().readTree(in),
              java.time.Instant.now()));
          byte[] out = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
        }
      });
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
