package io.matchstream.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway's meters (Micrometer), scraped at {@code /metrics} in Prometheus format. */
public final class GatewayMetrics implements AutoCloseable {
  /**
   * HTTP methods kept as a label value; any other is counted as {@code OTHER}. A client can send
   * any token as a method, and each new one would otherwise make a dozen new series.
   */
  static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");

  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final PrometheusMeterRegistry registry;
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong consumerLag = new AtomicLong();
  private final Counter sent;
  private final Counter conflated;
  private final Counter overflowClosed;
  private final Counter filtered;
  private final Counter rateLimited;
  private final Counter repeated;
  private final Counter resumed;

  public GatewayMetrics() {
    this(newRegistry());
  }

  /**
   * A registry for the gateway and for Vert.x's own meters: create it with this, before Vert.x, so
   * its label bounds apply to every meter.
   */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.replaceTagValues("method",
        m -> METHODS.contains(m) ? m : "OTHER"));
    return registry;
  }

  /** Meters in {@code registry}, which should come from {@link #newRegistry()}. */
  public GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder("gateway.connections", connections, AtomicLong::get)
        .description("open websocket connections").register(registry);
    Gauge.builder("gateway.subscriptions", subscriptions, AtomicLong::get)
        .description("channel subscriptions over all connections").register(registry);
    Gauge.builder("gateway.kafka.consumer.lag", consumerLag, AtomicLong::get)
        .description("records behind the end of the read topics, summed over partitions")
        .register(registry);
    sent = counter("gateway.messages.sent", "frames written to websockets");
    conflated = counter("gateway.messages.conflated", "queued figures replaced by newer ones");
    overflowClosed = counter("gateway.connections.overflowed", "connections closed on send queue overflow");
    filtered = counter("gateway.messages.filtered", "frames withheld by the per-message access check");
    rateLimited = counter("gateway.messages.rate.limited", "client messages refused by the rate limit");
    repeated = counter("gateway.records.repeated", "topic records dropped as repeats");
    resumed = counter("gateway.subscriptions.resumed", "subscriptions resumed from history");
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The registry as Prometheus, for the scrape handler. */
  public PrometheusMeterRegistry prometheus() {
    return registry;
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  public void connections(int delta) {
    connections.addAndGet(delta);
  }

  public long connections() {
    return connections.get();
  }

  public void subscriptions(int delta) {
    subscriptions.addAndGet(delta);
  }

  public void consumerLag(long lag) {
    consumerLag.set(lag);
  }

  public void sent(int messages) {
    sent.increment(messages);
  }

  public void conflated() {
    conflated.increment();
  }

  public void overflowClosed() {
    overflowClosed.increment();
  }

  public void filtered() {
    filtered.increment();
  }

  public void rateLimited() {
    rateLimited.increment();
  }

  public void repeated() {
    repeated.increment();
  }

  public void resumed() {
    resumed.increment();
  }

  /** A resume served by reading the missed range back from Kafka ({@code records} read). */
  public void readBack(int records) {
    Counter.builder("gateway.subscriptions.read.back")
        .description("resumes served by reading the missed range back from Kafka").register(registry).increment();
    Counter.builder("gateway.read.back.records")
        .description("records read back from Kafka for resumes").register(registry).increment(records);
  }

  /**
   * A resume answered with a fresh snapshot flagged resync, by why (a fixed handful: epoch,
   * position, ahead, history, retention, bound, busy, timeout, error, overflow).
   */
  public void resynced(String reason) {
    Counter.builder("gateway.subscriptions.resynced").tag("reason", reason)
        .description("resumes answered with a fresh snapshot").register(registry).increment();
  }

  @Override
  public void close() {
    gc.close();
  }

  public void rejected(String topic) {
    Counter.builder("gateway.records.rejected").tag("topic", topic)
        .description("topic records that could not be read").register(registry).increment();
  }

  /** Outcome records Kafka acknowledged. */
  public void outcomesWritten(int records) {
    Counter.builder("gateway.outcomes.written").description("outcome records written to Kafka and acknowledged")
        .register(registry).increment(records);
  }

  /** One outcome write request answered, by its status (a handful of codes the gateway sends). */
  public void outcomeRequest(int status) {
    Counter.builder("gateway.outcome.requests").tag("status", Integer.toString(status))
        .description("outcome write requests by answer status").register(registry).increment();
  }

  public void dropped(String reason) {
    Counter.builder("gateway.messages.dropped").tag("reason", reason)
        .description("frames not delivered").register(registry).increment();
  }
}
