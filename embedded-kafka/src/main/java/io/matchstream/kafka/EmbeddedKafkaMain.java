package io.matchstream.kafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts an embedded broker with the topics of docs/design.md and runs until interrupted (Ctrl-C).
 * Prints the bootstrap address alone on standard output, so scripts can capture it.
 *
 * <pre>
 * EmbeddedKafkaMain [--port 9092] [--data-dir ./kafka-data]
 * </pre>
 */
public final class EmbeddedKafkaMain {

  private static final String USAGE = "usage: EmbeddedKafkaMain [--port PORT] [--data-dir DIR]\n"
      + "  --port PORT     broker port on 127.0.0.1 (default: a free one)\n"
      + "  --data-dir DIR  keep data here across restarts (default: a temporary directory)";

  private EmbeddedKafkaMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafka.Builder builder = EmbeddedKafka.builder();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        System.err.println(USAGE);
        return;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + option + "\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--data-dir" -> builder.dataDir(Path.of(value));
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }

    EmbeddedKafka kafka = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "embedded-kafka-shutdown"));
    System.err.println("Embedded Kafka running, data in " + kafka.dataDir() + "; Ctrl-C to stop");
    System.out.println(kafka.bootstrapServers());
    stopped.await();
  }
}
