package io.matchstream.dashboards;

import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.matchstream.events.codec.EventCodec;
import io.matchstream.gateway.Gateway;
import io.matchstream.kafka.EmbeddedKafka;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the pages talk to: a real KRaft broker and the real gateway in development mode on
 * loopback (its built-in key, {@code /dev/tokens}). Tests write contract events to the topics the
 * way the Flink jobs do and look at what the browser shows.
 */
final class LiveSystem implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  final EmbeddedKafka kafka;
  final Vertx vertx;
  final int port;
  private final KafkaProducer<String, byte[]> producer;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Gateway gateway;

  LiveSystem() {
    kafka = EmbeddedKafka.builder().start();
    vertx = Vertx.vertx();
    // A fixed port, chosen once, so a restarted gateway comes back where the page reconnects to.
    port = freePort();
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), new ByteArraySerializer());
    startGateway();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  void startGateway() {
    JsonObject config = new JsonObject()
        .put("http.host", "127.0.0.1")
        .put("http.port", port)
        .put("kafka.bootstrap-servers", kafka.bootstrapServers())
        .put("dev-mode", true);
    gateway = await(Gateway.deploy(vertx, config));
    awaitHttp("/ready", r -> r.statusCode() == 200);
  }

  void stopGateway() {
    await(gateway.close());
    gateway = null;
  }

  /** Writes one contract event (CityStats, Match, Alert) to a topic, as the jobs would, and waits for the ack. */
  void produce(String topic, String key, Object event) {
    try {
      producer.send(new ProducerRecord<>(topic, key, EventCodec.encode(event))).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not produce to " + topic, e);
    }
  }

  /** Writes one event without waiting for the ack: for floods. */
  void produceAsync(String topic, String key, Object event) {
    producer.send(new ProducerRecord<>(topic, key, EventCodec.encode(event)));
  }

  /** The development tokens the gateway offers the sign-in page. */
  JsonNode devTokens() {
    return getJson("/dev/tokens", null);
  }

  JsonNode getJson(String path, String token) {
    HttpResponse<String> r = get(path, token);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls a REST resource until it satisfies the condition, or fails after the deadline. */
  HttpResponse<String> awaitHttp(String path, Predicate<HttpResponse<String>> condition) {
    return awaitHttp(path, null, condition);
  }

  HttpResponse<String> awaitHttp(String path, String token, Predicate<HttpResponse<String>> condition) {
    AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
    try {
      return Awaitility.await().pollInSameThread()
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .ignoreException(UncheckedIOException.class) // not listening yet
          .until(() -> {
            HttpResponse<String> r = get(path, token);
            last.set(r);
            return r;
          }, condition);
    } catch (ConditionTimeoutException e) {
      HttpResponse<String> l = last.get();
      throw new AssertionError("GET " + path + " did not satisfy the condition within " + READY_TIMEOUT
          + (l == null ? "" : "; last answer " + l.statusCode() + ": " + l.body()));
    }
  }

  private HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5));
    if (token != null) b.header("Authorization", "Bearer " + token);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    if (gateway != null) stopGateway();
    await(vertx.close());
    kafka.close();
  }
}
