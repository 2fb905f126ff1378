package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.notifier.TestReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's side of the all-in-one: its alerts reach people, and its own health is watched.
 * A real Prometheus scrapes the gateway, the notifier and Flink (its Prometheus reporter) and
 * evaluates {@code deploy/prometheus/rules.yml}; the notifier delivers the unfilled technical
 * posts of the simulator's stock to real HTTP receivers, as Alertmanager's webhook and as a WeCom
 * robot, grouped and within the robot's 20 messages a minute.
 */
class SelfMonitoringTest {
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Path RULES_DIR = RepoRoot.find().resolve("deploy/prometheus");
    private static final Pattern METRIC = Pattern.compile("\\b((?:flink|jvm|gateway|notifier)_[A-Za-z0-9_]+)");

    @Test
    void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
        assertThat(promtool("check", "rules", "rules.yml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "rules.test.yml")).contains("SUCCESS");
        assertThat(promtool("check", "config", "--syntax-only", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void prometheusScrapesEveryPartAndTheNotifierDeliversGroupedAndRateLimited(@TempDir Path dir) throws Exception {
        try (TestReceiver ops = TestReceiver.webhook();
                TestReceiver wecom = TestReceiver.robot();
                TestReceiver refusing = TestReceiver.webhook()) {
            refusing.answer(400, "{\"error\":\"bad token\"}");
            Map<String, String> notifier = new LinkedHashMap<>();
            notifier.put("receivers", "ops,wecom,refusing");
            notifier.put("receiver.ops.type", "webhook");
            notifier.put("receiver.ops.url", ops.url("/alerts"));
            notifier.put("receiver.ops.cities", "*");
            notifier.put("receiver.wecom.type", "wecom");
            notifier.put("receiver.wecom.url", wecom.url("/cgi-bin/webhook/send"));
            notifier.put("receiver.wecom.cities", "*");
            notifier.put("receiver.refusing.type", "webhook");
            notifier.put("receiver.refusing.url", refusing.url("/alerts"));
            notifier.put("receiver.refusing.cities", "ningbo");
            notifier.put("group.wait", "2 s");
            int flinkMetricsPort = freePort();
            Map<String, String> flink = Map.of(
                    "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                    "metrics.reporter.prom.port", String.valueOf(flinkMetricsPort));
            Map<String, String> env = Map.of("MATCHSTREAM_RECEIVER_WECOM_TOKEN", "wecom-key-1");

            try (LocalSystem system = LocalSystem.start(LocalSystemTest.quarterVolume(null), notifier, flink, env);
                    PrometheusServer prometheus = PrometheusServer.start(dir, reporterAnswers(flinkMetricsPort),
                            RULES_DIR.resolve("rules.yml"),
                            Map.of("matchstream-gateway", "127.0.0.1:" + system.port(),
                                    "matchstream-notifier", "127.0.0.1:" + system.notifierMetricsPort(),
                                    "matchstream-flink", "127.0.0.1:" + flinkMetricsPort))) {

                await("every target up").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> targetHealth(prometheus), health -> health.size() == 3
                                && health.values().stream().allMatch("up"::equals));

                // Every series a rule reads exists, under the name the rule uses: a renamed metric
                // would leave its alert silent for ever.
                Set<String> wanted = metricsInRules();
                assertThat(wanted).contains("flink_jobmanager_numRunningJobs", "gateway_kafka_consumer_lag",
                        "notifier_notifications_total", "flink_taskmanager_job_task_operator_rejectedEvents");
                await("every metric the rules read is scraped").atMost(DEADLINE).pollInterval(Duration.ofSeconds(2))
                        .ignoreExceptions().untilAsserted(() -> assertThat(missing(prometheus, wanted))
                                .as("series missing; the targets: %s", targets(prometheus)).isEmpty());
                await("every rule evaluated without error").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().untilAsserted(() -> assertThat(ruleErrors(prometheus)).isEmpty());

                // The refused receiver is reported as an alert on matchstream itself.
                await("the refused notifications fire an alert").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> firing(prometheus, "MatchstreamNotificationsFailing"),
                                labels -> labels.stream().anyMatch(l -> l.path("receiver").asText().equals("refusing")));
                assertThat(firing(prometheus, "MatchstreamTargetDown")).isEmpty();
                assertThat(firing(prometheus, "MatchstreamJobNotRunning")).isEmpty();

                // The stock's long-open technical posts reached people, in Alertmanager's format…
                await("alerts at the webhook").atMost(DEADLINE).until(() -> !ops.requests().isEmpty());
                JsonNode first = ops.requests().get(0).body();
                assertThat(first.path("version").asText()).isEqualTo("4");
                assertThat(first.path("status").asText()).isEqualTo("firing");
                assertThat(first.path("groupKey").asText()).contains("UNFILLED_TECHNICAL_POST");
                String city = first.path("groupLabels").path("city").asText();
                assertThat(city).isNotEmpty();
                assertThat(first.path("alerts")).isNotEmpty().allSatisfy(alert -> {
                    assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("UNFILLED_TECHNICAL_POST");
                    assertThat(alert.path("labels").path("city").asText()).as("grouped by city").isEqualTo(city);
                    assertThat(Instant.parse(alert.path("startsAt").asText())).isBefore(Instant.now());
                });

                // …and as WeCom robot markdown, the stock's burst folded into digests within 20 a minute.
                await("a digest at the robot").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> prometheus.query("notifier_digests_total{receiver=\"wecom\"} > 0").size() == 1);
                List<TestReceiver.Request> robot = wecom.requests();
                assertThat(robot).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.query()).isEqualTo("key=wecom-key-1");
                    assertThat(r.body().path("msgtype").asText()).isEqualTo("markdown");
                    assertThat(r.body().path("markdown").path("content").asText().getBytes(StandardCharsets.UTF_8))
                            .hasSizeLessThan(4096);
                });
                assertThat(mostInAnyMinute(robot)).as("robot messages in any 60 s").isLessThanOrEqualTo(20);
            }
        }
    }

    private static Map<String, String> targetHealth(PrometheusServer prometheus) throws Exception {
        Map<String, String> health = new LinkedHashMap<>();
        prometheus.api("targets").path("activeTargets")
                .forEach(t -> health.put(t.path("labels").path("job").asText(), t.path("health").asText()));
        return health;
    }

    /** Each target's health and last scrape error, for a failure message. */
    private static String targets(PrometheusServer prometheus) throws Exception {
        List<String> out = new ArrayList<>();
        prometheus.api("targets").path("activeTargets").forEach(t -> out.add(t.path("labels").path("job").asText()
                + " " + t.path("health").asText() + " " + t.path("lastError").asText()));
        return String.join("; ", out);
    }

    /** The metric names in the rules' expressions. */
    private static Set<String> metricsInRules() throws IOException {
        Set<String> names = new TreeSet<>();
        boolean inExpr = false;
        for (String line : Files.readAllLines(RULES_DIR.resolve("rules.yml"))) {
            String trimmed = line.trim();
            if (trimmed.startsWith("expr:")) {
                inExpr = true; // a one-line expression, or the first line of a block
            } else if (trimmed.matches("^(- )?[a-z_]+:.*")) {
                inExpr = false; // the rule's next key ends a block expression
            }
            if (inExpr && !trimmed.startsWith("#")) {
                Matcher m = METRIC.matcher(line);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static List<String> missing(PrometheusServer prometheus, Set<String> names) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (prometheus.query("count({__name__=\"" + name + "\"})").isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** Rules not evaluated yet or evaluated with an error, with the error. */
    private static List<String> ruleErrors(PrometheusServer prometheus) throws Exception {
        List<String> errors = new ArrayList<>();
        int rules = 0;
        for (JsonNode group : prometheus.api("rules").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules++;
                if (!rule.path("health").asText().equals("ok")) {
                    errors.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }
        if (rules == 0) {
            errors.add("no rules loaded");
        }
        return errors;
    }

    /** The labels of the firing alerts of one rule. */
    private static List<JsonNode> firing(PrometheusServer prometheus, String alertname) throws Exception {
        List<JsonNode> labels = new ArrayList<>();
        for (JsonNode alert : prometheus.api("alerts").path("alerts")) {
            if (alert.path("labels").path("alertname").asText().equals(alertname)
                    && alert.path("state").asText().equals("firing")) {
                labels.add(alert.path("labels"));
            }
        }
        return labels;
    }

    private static int mostInAnyMinute(List<TestReceiver.Request> requests) {
        int most = 0;
        for (TestReceiver.Request r : requests) {
            Instant end = r.at().plusSeconds(60);
            most = Math.max(most, (int) requests.stream()
                    .filter(o -> !o.at().isBefore(r.at()) && o.at().isBefore(end)).count());
        }
        return most;
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PrometheusServer.binary("promtool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(RULES_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    /**
     * Waits until Flink's reporter serves Flink's metrics on its port, then returns a free port for
     * Prometheus: the reporter binds while the cluster starts, and a port that was free when chosen
     * may have been taken meanwhile (then the reporter is skipped and this fails, saying so).
     */
    private static int reporterAnswers(int flinkMetricsPort) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        await("Flink's Prometheus reporter on port " + flinkMetricsPort).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + flinkMetricsPort + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("flink_jobmanager_numRunningJobs"));
        return freePort(); // the reporter holds its port now, so this is another
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
