package io.matchstream.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

/**
 * The client side of {@link GatewayBench}, in its own JVM so that client sockets do not count
 * against the server's file limit. Args: port, clients, token, cities (comma list). Connects,
 * subscribes each client to one city's matches, prints READY, records delivery latency (from the
 * record's event time, which the producer sets to its send time) until stdin says STOP, then
 * prints "RESULT frames p50 p99".
 */
public final class BenchClients {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    String token = args[2];
    String[] cities = args[3].split(",");
    Vertx vertx = Vertx.vertx();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20));
    AtomicLong frames = new AtomicLong();
    long[] latencies = new long[4_000_000];
    AtomicLong nLat = new AtomicLong();
    List<Future<?>> connected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String channel = "city:" + cities[i % cities.length] + ":matches";
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
          .addSubProtocol("matchstream.v1").addSubProtocol("bearer." + token);
      connected.add(client.connect(o).compose(ws -> {
        ws.textMessageHandler(t -> {
          if (!t.startsWith("{\"type\":\"delta\"")) return;
          frames.incrementAndGet();
          int at = t.indexOf("\"eventTime\":\"");
          if (at > 0) {
            String iso = t.substring(at + 13, t.indexOf('"', at + 13));
            long lat = System.currentTimeMillis() - OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            long idx = nLat.getAndIncrement();
            if (idx < latencies.length) latencies[(int) idx] = lat;
          }
        });
        return ws.writeTextMessage("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}");
      }));
      if (connected.size() % 500 == 0) Future.join(connected.subList(connected.size() - 500, connected.size())).await();
    }
    Future.join(connected).await(120, TimeUnit.SECONDS);
    long failed = connected.stream().filter(Future::failed).count();
    System.out.println("READY " + failed);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    in.readLine();
    int m = (int) Math.min(nLat.get(), latencies.length);
    long[] l = Arrays.copyOf(latencies, m);
    Arrays.sort(l);
    long p50 = m == 0 ? -1 : l[m / 2];
    long p99 = m == 0 ? -1 : l[Math.min(m - 1, (int) (m * 0.99))];
    System.out.println("RESULT " + frames.get() + " " + p50 + " " + p99);
    System.out.flush();
    vertx.close();
    System.exit(0);
  }
}
