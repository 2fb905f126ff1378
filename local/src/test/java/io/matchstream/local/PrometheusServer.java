package io.matchstream.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package) in a child process on loopback, with a
 * generated scrape configuration and the repository's rules; its HTTP API for the tests.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A program on the PATH, or a failure saying which package provides it. */
    static Path binary(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new AssertionError(name + " is not on the PATH: install Debian's "
                + "'prometheus' package (apt-get install prometheus; .ci/run does)"));
    }

    /**
     * Starts Prometheus scraping {@code targets} (job name to {@code host:port}, path {@code /metrics})
     * every 5 s and evaluating {@code rules} every 2 s.
     */
    static PrometheusServer start(Path dir, int port, Path rules, Map<String, String> targets) throws IOException {
        String scrapes = targets.entrySet().stream()
                .map(t -> "  - job_name: " + t.getKey() + "\n"
                        + "    static_configs:\n"
                        + "      - targets: ['" + t.getValue() + "']\n")
                .collect(Collectors.joining());
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n"
                // Flink's exposition is thousands of series: on a loaded machine it takes seconds.
                + "  scrape_interval: 5s\n"
                + "  scrape_timeout: 5s\n"
                + "  evaluation_interval: 2s\n"
                + "rule_files:\n"
                + "  - " + rules.toAbsolutePath() + "\n"
                + "scrape_configs:\n" + scrapes);
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary("prometheus").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, port, log);
    }

    /** The {@code data} of an API answer, e.g. {@code targets} or {@code rules}. */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError("Prometheus exited: " + Files.readString(log));
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/" + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return body.path("data");
    }

    /** The result vector of an instant query. */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode data = api("query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return JSON.convertValue(data.path("result"), JSON.getTypeFactory().constructCollectionType(List.class,
                JsonNode.class));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
