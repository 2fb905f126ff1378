package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.matchstream.events.CityStats;
import io.matchstream.events.Topics;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.codec.EventValidator;
import io.matchstream.kafka.EmbeddedKafka;
import io.matchstream.testkit.kafka.TopicDrain;
import io.matchstream.testkit.ws.ProtocolClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The all-in-one as a new user meets it: start, watch it live, stop, start again. */
class LocalSystemTest {
    private static final Duration LIVE = Duration.ofSeconds(120);

    @Test
    void startsServesTheDashboardsStreamsFiguresAndMatchesAndStopsWithoutLeftovers() throws Exception {
        Set<Thread> threadsBefore = nonDaemonThreads();
        LocalSystem system = LocalSystem.start(quarterVolume(null));
        int port = system.port();
        int kafkaPort = Integer.parseInt(system.bootstrapServers().replaceAll(".*:", ""));
        Path dataDir = system.dataDir();
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(system.dashboardUrl())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");

            Vertx vertx = Vertx.vertx();
            // The Origin a browser on the dashboards' own page sends.
            try (ProtocolClient socket = ProtocolClient.connect(vertx, port, system.ministryToken(),
                    "http://127.0.0.1:" + port)) {
                socket.await("welcome", Duration.ofSeconds(10), f -> "welcome".equals(f.getString("type")));
                socket.subscribe("national:stats");
                socket.subscribe("national:ranking");
                // 30 cities stay inside the protocol's burst of 40 messages.
                CityRegistry.loadDefault().ids().stream().limit(30)
                        .forEach(city -> socket.subscribe("city:" + city + ":matches"));
                socket.await("city figures", LIVE, LocalSystemTest::isCityStats);
                socket.await("a match", LIVE, LocalSystemTest::isMatch);
                socket.await("the national shortage ranking", LIVE, LocalSystemTest::isNationalRanking);
            } finally {
                vertx.close().await();
            }

            // The closed loop (on by default): the simulator answers the match job's matches.
            awaitRecords(system.bootstrapServers(), Topics.MATCH_OUTCOMES, 1);
            List<JsonNode> outcomes = TopicDrain.of(system.bootstrapServers()).json(Topics.MATCH_OUTCOMES);
            Set<String> matched = ids(TopicDrain.of(system.bootstrapServers()).readUncommitted().json(Topics.MATCHES));
            assertThat(outcomes).allSatisfy(o -> {
                assertThat(EventValidator.withDefaults().parseOutcome(o.toString().getBytes(StandardCharsets.UTF_8))
                        .isValid()).as("valid outcome %s", o).isTrue();
                assertThat(matched).as("outcome of a match the job wrote: %s", o)
                        .contains(o.path("matchId").asText());
            });
            assertThat(system.outcomesWritten()).isPositive();

            // The console's status line reads the same figures the dashboards show.
            await().atMost(LIVE).until(() -> system.figures().latest(CityStats.NATIONAL).isPresent());
            StatusLine status = new StatusLine(system, "ningbo", System.out, false);
            assertThat(status.line()).as("the first sample only starts the rates").isNull();
            assertThat(status.line()).matches("sim \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d · in [\\d,]+/s · out [\\d,]+/s"
                    + " · matches today [\\d,]+ national, ([\\d,]+|–) ningbo · heap [\\d,]+ of [\\d,]+ MiB · lag [\\d,]+");
        } finally {
            system.close();
        }

        assertThat(dataDir).doesNotExist();
        assertThat(portIsFree(port)).as("gateway port %d is free", port).isTrue();
        assertThat(portIsFree(kafkaPort)).as("Kafka port %d is free", kafkaPort).isTrue();
        awaitNoNewNonDaemonThreads(threadsBefore, Duration.ofSeconds(30));
    }

    @Test
    void restartOnTheSameDataDirectoryStillMatchesOpenVacanciesAndRepeatsNoMatch(@TempDir Path dir) throws Exception {
        try (LocalSystem first = LocalSystem.start(quarterVolume(dir))) {
            awaitRecords(first.bootstrapServers(), Topics.MATCHES, 30);
        }

        Set<String> openBefore;
        Set<String> matchesBefore;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(new DataDir(dir).kafka()).start()) {
            openBefore = openVacancies(TopicDrain.of(kafka.bootstrapServers()).json(Topics.VACANCIES));
            matchesBefore = ids(TopicDrain.of(kafka.bootstrapServers()).readUncommitted().json(Topics.MATCHES));
        }
        assertThat(openBefore).isNotEmpty();
        assertThat(matchesBefore).hasSizeGreaterThanOrEqualTo(30);

        try (LocalSystem second = LocalSystem.start(quarterVolume(dir))) {
            List<JsonNode> matches;
            try {
                matches = await().pollInSameThread().atMost(LIVE).pollInterval(Duration.ofSeconds(1))
                        .until(() -> TopicDrain.of(second.bootstrapServers()).readUncommitted().json(Topics.MATCHES),
                                all -> all.stream()
                                        .filter(m -> !matchesBefore.contains(m.path("matchId").asText()))
                                        .anyMatch(m -> openBefore.contains(m.path("vacancyId").asText())));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("no vacancy opened before the restart was matched after it within " + LIVE);
            }
            Map<String, Long> perId = matches.stream()
                    .collect(Collectors.groupingBy(m -> m.path("matchId").asText(), Collectors.counting()));
            assertThat(perId).as("no match is emitted twice across the restart").allSatisfy((id, n) -> assertThat(n).isOne());
        }
    }

    /**
     * The defaults but a quarter of the volume: the wiring and the restart are under test, not the
     * heap, and the initial stock loads four times faster on a shared machine.
     */
    static LocalConfig quarterVolume(Path dataDir) {
        return new LocalConfig(dataDir, 0, 144, 42, true, 0.0, 2, 0.25, List.of(), null, 0);
    }

    /** A match: a delta on a matches channel, or a non-empty snapshot of one. */
    private static boolean isMatch(JsonObject frame) {
        String type = frame.getString("type");
        Object data = frame.getValue("data");
        return frame.getString("channel", "").endsWith(":matches")
                && ("delta".equals(type) && data instanceof JsonObject o && o.containsKey("matchId")
                    || "snapshot".equals(type) && (data instanceof JsonArray a && !a.isEmpty()
                        || data instanceof JsonObject o && !o.isEmpty()));
    }

    /** City figures: a stats delta, or a stats snapshot that is not null. */
    private static boolean isCityStats(JsonObject frame) {
        return frame.getString("channel", "").endsWith(":stats")
                && frame.getValue("data") instanceof JsonObject data && data.containsKey("cityId");
    }

    /** The national shortage ranking with at least one occupation. */
    private static boolean isNationalRanking(JsonObject frame) {
        return "national:ranking".equals(frame.getString("channel"))
                && frame.getValue("data") instanceof JsonObject data
                && data.getValue("entries") instanceof JsonArray entries && !entries.isEmpty();
    }

    /** Vacancies whose last event is not FILLED or WITHDRAWN. */
    private static Set<String> openVacancies(List<JsonNode> events) {
        Map<String, String> last = new HashMap<>();
        events.forEach(e -> last.put(e.path("vacancyId").asText(), e.path("type").asText()));
        return last.entrySet().stream()
                .filter(e -> !e.getValue().equals("FILLED") && !e.getValue().equals("WITHDRAWN"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static Set<String> ids(List<JsonNode> matches) {
        Set<String> ids = new HashSet<>();
        matches.forEach(m -> ids.add(m.path("matchId").asText()));
        return ids;
    }

    private static void awaitRecords(String bootstrap, String topic, int atLeast) throws InterruptedException {
        try {
            await().pollInSameThread().atMost(LIVE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> TopicDrain.of(bootstrap).readUncommitted().json(topic).size() >= atLeast);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(atLeast + " records on " + topic + " not there within " + LIVE);
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }

    private static void awaitNoNewNonDaemonThreads(Set<Thread> before, Duration timeout) throws InterruptedException {
        await().pollInSameThread().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Set<Thread> left = new HashSet<>(nonDaemonThreads());
            left.removeAll(before);
            assertThat(left.stream().map(Thread::getName).toList()).as("non-daemon threads left after stop").isEmpty();
        });
    }
}
