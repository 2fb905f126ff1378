package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one's log4j2.xml: the terminal stays readable, the file keeps the rest. */
class LoggingConfigTest {

    @Test
    void frameworkWarningsGoToTheFileErrorsAndOurWarningsAlsoToTheTerminal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("matchstream.log");
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream err = System.err;
        String before = System.getProperty(LocalMain.LOG_FILE_PROPERTY);
        System.setProperty(LocalMain.LOG_FILE_PROPERTY, file.toString());
        System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        URI config = LoggingConfigTest.class.getResource("/log4j2.xml").toURI();
        LoggerContext context = Configurator.initialize("logging-config-test", null, config);
        try {
            Logger kafka = context.getLogger("org.apache.kafka.clients.consumer.internals.ConsumerCoordinator");
            kafka.warn("Offset commit failed on partition candidates-1");
            kafka.info("Kafka's INFO chatter");
            context.getLogger("org.apache.flink.metrics.MetricGroup").warn("Name collision: Group already contains "
                    + "a Metric with the name 'pendingCommittables'. Metric will not be reported.[taskmanager]");
            context.getLogger("org.apache.flink.metrics.MetricGroup").warn("Name collision: 'numRecordsIn'");
            context.getLogger("org.apache.flink.runtime.taskmanager.Task").error("Task failed: disk full");
            context.getLogger("io.matchstream.gateway.Gateway").warn("DEVELOPMENT MODE");
            context.getLogger("io.matchstream.local.LocalSystem").info("Resuming the jobs");
        } finally {
            Configurator.shutdown(context);
            System.setErr(err);
            if (before == null) {
                System.clearProperty(LocalMain.LOG_FILE_PROPERTY);
            } else {
                System.setProperty(LocalMain.LOG_FILE_PROPERTY, before);
            }
        }

        String onTerminal = terminal.toString(StandardCharsets.UTF_8);
        assertThat(onTerminal)
                .contains("Task failed: disk full", "DEVELOPMENT MODE")
                .doesNotContain("Offset commit failed", "pendingCommittables", "numRecordsIn", "Resuming the jobs");
        String inFile = Files.readString(file);
        assertThat(inFile)
                .contains("Offset commit failed", "Name collision: 'numRecordsIn'", "Task failed: disk full",
                        "DEVELOPMENT MODE", "Resuming the jobs")
                .doesNotContain("pendingCommittables", "Kafka's INFO chatter");
    }
}
