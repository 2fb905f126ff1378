package io.matchstream.notifier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;

/** The notifier's meters (Micrometer), scraped at {@code /metrics} in Prometheus format. */
public final class NotifierMetrics implements AutoCloseable {
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter alertsRead;
  private final Counter alertsInvalid;
  private final Counter logWriteFailures;

  public NotifierMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    alertsRead = Counter.builder("notifier.alerts.read").description("alert state changes read").register(registry);
    alertsInvalid = Counter.builder("notifier.alerts.invalid")
        .description("unreadable alert records, sent to the dead-letter topic").register(registry);
    logWriteFailures = Counter.builder("notifier.delivery.log.write.failures")
        .description("deliveries that could not be recorded in the delivery log").register(registry);
  }

  /** The meters of one receiver. */
  public Receiver receiver(String name, Supplier<Number> undelivered, Supplier<Number> queued) {
    return new Receiver(name, undelivered, queued);
  }

  public void alertRead() {
    alertsRead.increment();
  }

  public void alertInvalid() {
    alertsInvalid.increment();
  }

  public void logWriteFailed() {
    logWriteFailures.increment();
  }

  /** Stops listening to the JVM's garbage collections. */
  @Override
  public void close() {
    gc.close();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /** Meters labelled with one receiver's name. */
  public final class Receiver {
    final Counter delivered;
    final Counter rejected;
    final Counter gaveUp;
    final Counter retries;
    final Counter digests;
    final Counter alertsDelivered;
    final Counter alertsUndelivered;

    Receiver(String name, Supplier<Number> undelivered, Supplier<Number> queued) {
      delivered = counter("notifier.notifications", name, "outcome", "delivered", "messages accepted by the receiver");
      rejected = counter("notifier.notifications", name, "outcome", "rejected", "messages refused (4xx or a robot error), not retried");
      gaveUp = counter("notifier.notifications", name, "outcome", "gave_up", "messages retried until retry.give-up-after");
      retries = Counter.builder("notifier.delivery.retries").tag("receiver", name)
          .description("failed attempts that were retried after a backoff").register(registry);
      digests = Counter.builder("notifier.digests").tag("receiver", name)
          .description("messages that folded several groups to respect the rate limit").register(registry);
      alertsDelivered = counter("notifier.alert.changes", name, "outcome", "delivered", "alert state changes delivered");
      alertsUndelivered = counter("notifier.alert.changes", name, "outcome", "undelivered", "alert state changes not delivered");
      Gauge.builder("notifier.alerts.undelivered", () -> undelivered.get().doubleValue()).tag("receiver", name)
          .description("firing alerts the receiver could not be told about").register(registry);
      Gauge.builder("notifier.groups.queued", () -> queued.get().doubleValue()).tag("receiver", name)
          .description("groups waiting to be sent (rate limit, retries)").register(registry);
    }

    private Counter counter(String meter, String receiver, String tag, String value, String description) {
      return Counter.builder(meter).tag("receiver", receiver).tag(tag, value).description(description).register(registry);
    }
  }
}
