package io.matchstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so this is what stands between a typo in docker-compose.yml and
 * an operator's failed deployment: the services, pinned images, ports, volumes and the
 * Dockerfiles the file builds from.
 */
class ComposeFileTest {

    /** A tag that names a release, not a moving target: has a digit, is not "latest". */
    private static final Pattern PINNED = Pattern.compile("[^:@\\s]+(:[^:@\\s]*\\d[^:@\\s]*)(@sha256:[0-9a-f]{64})?");

    private static Path root;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = RepoRoot.find();
        compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        services = cast(compose.get("services"));
    }

    @Test
    void definesEveryServiceOfTheDeployment() {
        assertThat(services).containsKeys(
                "kafka", "kafka-init", "jobmanager", "taskmanager-1", "taskmanager-2",
                "jobs-submit", "gateway", "notifier", "simulator");
    }

    @Test
    void pinsEveryImageToAConcreteVersion() {
        services.forEach((name, service) -> {
            Object image = service.get("image");
            assertThat(image).as("service %s has an image", name).isNotNull();
            if (service.containsKey("build")) {
                return; // our own image, tagged with our version; its base images are checked below
            }
            assertPinned("service " + name, image.toString());
        });
        assertThat(services.get("kafka").get("image")).isEqualTo("apache/kafka:4.2.2");
    }

    @Test
    void everyBuiltImageHasAMultiStageDockerfileWithPinnedBases() throws IOException {
        Set<String> dockerfiles = new HashSet<>();
        for (var entry : services.entrySet()) {
            Object build = entry.getValue().get("build");
            if (build == null) {
                continue;
            }
            Map<String, Object> spec = cast(build);
            Path context = root.resolve(String.valueOf(spec.getOrDefault("context", ".")));
            Path dockerfile = context.resolve(String.valueOf(spec.getOrDefault("dockerfile", "Dockerfile")));
            assertThat(dockerfile).as("Dockerfile of %s", entry.getKey()).isRegularFile();
            dockerfiles.add(dockerfile.normalize().toString());
        }
        assertThat(dockerfiles).hasSize(4);
        for (String file : dockerfiles) {
            checkDockerfile(Path.of(file));
        }
    }

    @Test
    void flinkImageRunsTheSameFlinkVersionTheJobsAreBuiltFor() throws IOException {
        String dockerfile = Files.readString(root.resolve("deploy/docker/flink-jobs.Dockerfile"));
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher version = Pattern.compile("<flink.version>([^<]+)</flink.version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(dockerfile).contains("FROM flink:" + version.group(1) + "-scala_2.12-java17");
    }

    @Test
    void publishesTheDocumentedPorts() {
        assertThat(ports("kafka")).contains("29092:29092");
        assertThat(ports("jobmanager")).contains("8081:8081");
        assertThat(ports("gateway")).contains("8080:8080");
        assertThat(ports("taskmanager-1")).isEmpty();
    }

    @Test
    void flinkProcessesShareTheMountedConfigAndTheCheckpointVolume() throws IOException {
        assertThat(ComposeFileTest.<Map<String, Object>>cast(compose.get("volumes"))).containsKeys("kafka-data", "flink-checkpoints");
        for (String name : List.of("jobmanager", "taskmanager-1", "taskmanager-2", "jobs-submit")) {
            List<String> volumes = strings(services.get(name).get("volumes"));
            assertThat(volumes).as(name).contains(
                    "./deploy/flink/config.yaml:/opt/flink/conf-mounted/config.yaml:ro",
                    "flink-checkpoints:/flink-checkpoints");
        }
        assertThat(strings(services.get("kafka").get("volumes"))).contains("kafka-data:/var/lib/kafka/data");

        Map<String, Object> flink = new Yaml().load(Files.readString(root.resolve("deploy/flink/config.yaml")));
        Map<String, Object> checkpointing = cast(((Map<?, ?>) flink.get("execution")).get("checkpointing"));
        assertThat(checkpointing.get("dir").toString()).startsWith("file:///flink-checkpoints/");
        assertThat(checkpointing.get("savepoint-dir").toString()).startsWith("file:///flink-checkpoints/");
        assertThat(checkpointing.get("externalized-checkpoint-retention")).isEqualTo("RETAIN_ON_CANCELLATION");
    }

    @Test
    void kafkaRunsInKraftModeWithTopicsCreatedOnPurpose() throws IOException {
        Map<String, Object> env = cast(services.get("kafka").get("environment"));
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).isEqualTo("1");
        String script = Files.readString(root.resolve("deploy/kafka/create-topics.sh"));
        for (String topic : List.of("vacancies", "candidates", "matches", "city-stats", "alerts", "dead-letters",
                "notifications")) {
            assertThat(script).as("creates %s", topic).containsPattern("create " + topic + " ");
        }
    }

    @Test
    void commitsNoSecret() throws IOException {
        services.forEach((name, service) -> {
            Object environment = service.get("environment");
            if (environment == null) {
                return;
            }
            Map<String, Object> env = cast(environment);
            env.forEach((key, value) -> {
                if (key.matches(".*(SECRET|PASSWORD|TOKEN|KEY).*")) {
                    assertThat(String.valueOf(value)).as("%s.%s comes from the environment", name, key)
                            .startsWith("${").doesNotContain(":-");
                }
            });
        });
        assertThat(Files.readString(root.resolve(".env.example"))).contains("MATCHSTREAM_JWT_SECRET=\n");
        assertThat(Files.readString(root.resolve(".gitignore"))).contains(".env");
    }

    private static void checkDockerfile(Path dockerfile) throws IOException {
        String text = Files.readString(dockerfile);
        Set<String> stageNames = new HashSet<>();
        int stages = 0;
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?").matcher(text);
        while (from.find()) {
            stages++;
            if (!stageNames.contains(from.group(1))) {
                assertPinned(dockerfile.getFileName() + " stage " + stages, from.group(1));
            }
            if (from.group(2) != null) {
                stageNames.add(from.group(2));
            }
        }
        assertThat(stages).as("%s builds in one stage and runs in another", dockerfile).isGreaterThanOrEqualTo(2);
        assertThat(text).as("%s builds with Maven", dockerfile).contains("FROM maven:3.9");
        Matcher module = Pattern.compile("-pl (\\S+)").matcher(text);
        assertThat(module.find()).as("%s names the module it builds", dockerfile).isTrue();
        assertThat(root.resolve(module.group(1)).resolve("pom.xml")).as("module built by %s", dockerfile).isRegularFile();
        // The official Flink image's entrypoint drops to its own `flink` user; ours must say USER.
        assertThat(text.contains("FROM flink:") || text.contains("\nUSER "))
                .as("%s runs as a non-root user", dockerfile).isTrue();
    }

    private static void assertPinned(String what, String image) {
        assertThat(image).as("%s image %s has a concrete tag", what, image)
                .matches(PINNED)
                .doesNotEndWith(":latest");
    }

    private static List<String> ports(String service) {
        return strings(services.get(service).get("ports"));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> items) {
            items.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
