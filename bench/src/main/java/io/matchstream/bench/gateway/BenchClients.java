package io.matchstream.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The client side of {@link GatewayBench}, in its own JVM so that client sockets do not count
 * against the server's file limit. Args: port, token, cities (comma list). Driven by lines on stdin,
 * so one JVM grows from 1 to 10,000 clients instead of starting again for every round:
 *
 * <ul>
 *   <li>{@code CONNECT total batch seconds}: opens clients until {@code total} are open, {@code batch}
 *       at a time, giving up after {@code seconds}; client i subscribes to city i mod 39's matches.
 *       Answers {@code READY open failed timedOut}.
 *   <li>{@code RESET}: zeroes the counters. Answers {@code RESET}.
 *   <li>{@code STOP}: answers {@code RESULT frames p50 p99 within1s} for deltas since the last RESET; latency
 *       is from the record's event time, which the producer sets to its send time.
 *   <li>{@code EXIT}: closes everything.
 * </ul>
 */
public final class BenchClients {
  private static final int MAX_SAMPLES = 2_000_000;

  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLongArray latencies = new AtomicLongArray(MAX_SAMPLES);
  private final List<WebSocket> open = new ArrayList<>();
  private long failed;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = args[1];
    String[] cities = args[2].split(",");
    Vertx vertx = Vertx.vertx();
    // Connect timeout and pool: a batch of hundreds of handshakes on a loaded machine is slow, not failed.
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1 << 20).setConnectTimeout(60_000).setMaxConnections(20_000));
    BenchClients clients = new BenchClients();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] cmd = line.trim().split(" ");
      switch (cmd[0]) {
        case "CONNECT" -> {
          boolean timedOut = clients.connect(client, port, token, cities, Integer.parseInt(cmd[1]),
              Integer.parseInt(cmd[2]), System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(cmd[3])));
          System.out.println("READY " + clients.open.size() + " " + clients.failed + " " + (timedOut ? 1 : 0));
        }
        case "RESET" -> {
          clients.frames.set(0);
          clients.samples.set(0);
          System.out.println("RESET");
        }
        case "STOP" -> System.out.println(clients.result());
        case "EXIT" -> {
          vertx.close().await(30, TimeUnit.SECONDS);
          System.exit(0);
        }
        default -> System.out.println("ERROR unknown command " + cmd[0]);
      }
      System.out.flush();
    }
    System.exit(0);
  }

  /** Returns true when the deadline ended the connecting before {@code total} were open. */
  private boolean connect(WebSocketClient client, int port, String token, String[] cities, int total, int batch,
      long deadline) {
    while (open.size() < total) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      List<Future<WebSocket>> pending = new ArrayList<>();
      int base = open.size() + (int) failed;
      for (int i = 0; i < Math.min(batch, total - open.size()); i++) {
        String channel = "city:" + cities[(base + i) % cities.length] + ":matches";
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
            .addSubProtocol("matchstream.v1").addSubProtocol("bearer." + token);
        pending.add(client.connect(o).compose(ws -> {
          ws.textMessageHandler(this::onText);
          return ws.writeTextMessage("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}").map(v -> ws);
        }));
      }
      try {
        Future.join(pending).await(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // a join fails when one connect fails, or times out; count below what did open
      }
      for (Future<WebSocket> f : pending) {
        if (f.succeeded()) {
          open.add(f.result());
        } else {
          failed++; // failed or still pending at the deadline
        }
      }
    }
    return false;
  }

  /**
   * One websocket frame: a message, or (when the client is behind) a JSON array of them. Each
   * delta is counted, with its latency from the eventTime that follows it.
   */
  private void onText(String t) {
    long now = System.currentTimeMillis();
    for (int at = t.indexOf(DELTA); at >= 0; at = t.indexOf(DELTA, at + 1)) {
      frames.incrementAndGet();
      int time = t.indexOf("\"eventTime\":\"", at);
      if (time > 0) {
        String iso = t.substring(time + 13, t.indexOf('"', time + 13));
        long lat = now - OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        long idx = samples.getAndIncrement();
        if (idx < MAX_SAMPLES) {
          latencies.set((int) idx, lat);
        }
      }
    }
  }

  private static final String DELTA = "{\"type\":\"delta\"";

  private String result() {
    int m = (int) Math.min(samples.get(), MAX_SAMPLES);
    long[] l = new long[m];
    for (int i = 0; i < m; i++) {
      l[i] = latencies.get(i);
    }
    Arrays.sort(l);
    long p50 = m == 0 ? -1 : l[m / 2];
    long p99 = m == 0 ? -1 : l[Math.min(m - 1, (int) (m * 0.99))];
    long withinOneSecond = 0;
    for (long x : l) {
      if (x <= 1000) withinOneSecond++;
    }
    return "RESULT " + frames.get() + " " + p50 + " " + p99 + " " + withinOneSecond;
  }
}
