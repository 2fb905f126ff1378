package io.matchstream.local.cluster;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink standalone session cluster of separate JVMs, started from Flink's own entry points
 * on the Maven Central jars (the distribution tarball is not on Central): one JobManager, N
 * TaskManagers, and {@code flink run} for submission — the same processes an operator's
 * cluster runs, minus the shell scripts.
 */
public final class FlinkProcessCluster implements AutoCloseable {

    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String CLI = "org.apache.flink.client.cli.CliFrontend";
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    /** Slots per TaskManager: the whole job (both pipelines) fits on the surviving one after a kill. */
    public static final int SLOTS_PER_TASK_MANAGER = 4;

    private final Path workDir;
    private final Path confDir;
    private final String classpath;
    private final List<String> jvmOptions;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    /** Kills the processes even when the test JVM is stopped before {@code @AfterAll} runs. */
    private final Thread reaper = new Thread(this::destroyAll, "flink-process-reaper");

    public FlinkProcessCluster(Path workDir, String classpath, String javaOpens) throws IOException {
        this.workDir = workDir;
        this.confDir = Files.createDirectories(workDir.resolve("conf"));
        Files.createDirectories(workDir.resolve("log"));
        this.classpath = classpath;
        this.jvmOptions = new ArrayList<>(Arrays.asList(javaOpens.trim().split("\\s+")));
        this.restPort = freePort();
        writeConfig(javaOpens);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public Path checkpointDir() {
        return workDir.resolve("checkpoints");
    }

    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    /** Starts the JobManager and the TaskManagers and waits until every slot is registered. */
    public void start(int taskManagerCount, Duration timeout) throws IOException {
        jobManager = launch("jobmanager", JOB_MANAGER, List.of(), "-Xmx384m");
        awaitTrue("JobManager REST answers", timeout, () -> get("/overview").isPresent());
        for (int i = 0; i < taskManagerCount; i++) {
            taskManagers.add(launch("taskmanager-" + i, TASK_MANAGER, List.of("-D", "taskmanager.resource-id=tm-" + i),
                    "-Xmx448m", "-XX:MaxDirectMemorySize=256m"));
        }
        try {
            // A TaskManager counts in "taskmanagers" before its slots do in "slots-total".
            awaitTrue(taskManagerCount + " TaskManagers and their slots registered", timeout,
                    () -> get("/overview").map(o -> o.path("taskmanagers").asInt() == taskManagerCount
                            && o.path("slots-total").asInt() == taskManagerCount * SLOTS_PER_TASK_MANAGER).orElse(false));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    /** {@code flink run --detached jar args…}; returns the job id the client printed. */
    public String flinkRun(Path jar, Duration timeout, String... programArgs) throws IOException, InterruptedException {
        List<String> command = javaCommand(CLI, "-Xmx256m");
        command.addAll(List.of("run", "--detached", jar.toString()));
        command.addAll(List.of(programArgs));
        Path out = workDir.resolve("log").resolve("flink-run-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("FLINK_CONF_DIR", confDir.toString());
        Process client = builder.start();
        processes.add(client);
        if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("flink run did not finish in " + timeout + ": " + Files.readString(out));
        }
        String output = Files.readString(out);
        Matcher id = JOB_ID.matcher(output);
        if (client.exitValue() != 0 || !id.find()) {
            throw new IllegalStateException("flink run failed (exit " + client.exitValue() + "):\n" + output);
        }
        return id.group(1);
    }

    /** The TaskManager running the most tasks (fewest free slots), by its index. */
    public int busiestTaskManager() {
        JsonNode all = get("/taskmanagers").orElseThrow().path("taskmanagers");
        int busiest = 0;
        int fewestFree = Integer.MAX_VALUE;
        for (JsonNode tm : all) {
            int free = tm.path("freeSlots").asInt();
            if (free < fewestFree) {
                fewestFree = free;
                busiest = Integer.parseInt(tm.path("id").asText().replace("tm-", ""));
            }
        }
        return busiest;
    }

    public void killTaskManager(int index) throws InterruptedException {
        Process victim = taskManagers.get(index);
        victim.destroyForcibly();
        victim.waitFor(30, TimeUnit.SECONDS);
    }

    public String jobState(String jobId) {
        return get("/jobs/" + jobId).map(j -> j.path("state").asText()).orElse("UNKNOWN");
    }

    public long completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(c -> c.path("counts").path("completed").asLong()).orElse(0L);
    }

    /** Times the job has been restored from a checkpoint (the REST API's restored count). */
    public long restoredCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(c -> c.path("counts").path("restored").asLong()).orElse(0L);
    }

    /** The checkpoint the job was last restored from (id, external_path…), if any. */
    public Optional<JsonNode> restoredCheckpoint(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(c -> c.path("latest").path("restored"))
                .filter(r -> !r.isMissingNode() && !r.isNull());
    }

    public Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(restUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(json.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public String logs() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(workDir.resolve("log"))) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file);
                all.append("==== ").append(file.getFileName()).append('\n')
                        .append(text, Math.max(0, text.length() - 6000), text.length()).append('\n');
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e).append(')');
        }
        return all.toString();
    }

    /** Kills every process this cluster started, TaskManagers first, and waits for them. */
    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the reaper itself
        }
    }

    private void destroyAll() {
        List<Process> reverse = new ArrayList<>(processes);
        java.util.Collections.reverse(reverse);
        for (Process process : reverse) {
            process.destroyForcibly();
        }
        for (Process process : reverse) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        try {
            Awaitility.await().pollInSameThread().atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
        }
    }

    private Process launch(String name, String mainClass, List<String> dynamicProperties, String... heap)
            throws IOException {
        List<String> command = javaCommand(mainClass, heap);
        command.addAll(List.of("--configDir", confDir.toString()));
        command.addAll(dynamicProperties);
        Path out = workDir.resolve("log").resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private List<String> javaCommand(String mainClass, String... heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(heap));
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j2.properties").toUri());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        return command;
    }

    private void writeConfig(String javaOpens) throws IOException {
        String config = """
                jobmanager.rpc.address: localhost
                jobmanager.rpc.port: %d
                jobmanager.bind-host: localhost
                rest.address: localhost
                rest.bind-address: localhost
                rest.port: %d
                blob.server.port: %d
                taskmanager.host: localhost
                taskmanager.bind-host: localhost
                taskmanager.rpc.port: 0
                taskmanager.data.port: 0
                taskmanager.numberOfTaskSlots: %d
                # Both TaskManagers get tasks, so losing either one is a real failure.
                cluster.evenly-spread-out-slots: true
                # TaskManagerRunner started without Flink's scripts: the memory split the
                # scripts would compute must be given explicitly, and small (2 shared cores).
                taskmanager.cpu.cores: 1.0
                taskmanager.memory.framework.heap.size: 64m
                taskmanager.memory.framework.off-heap.size: 64m
                taskmanager.memory.task.heap.size: 256m
                taskmanager.memory.task.off-heap.size: 0m
                taskmanager.memory.network.min: 32m
                taskmanager.memory.network.max: 32m
                taskmanager.memory.managed.size: 32m
                taskmanager.memory.jvm-metaspace.size: 128m
                taskmanager.memory.jvm-overhead.min: 64m
                taskmanager.memory.jvm-overhead.max: 64m
                parallelism.default: 2
                # A killed process is noticed at once (its connections drop); the timeout only
                # guards against hangs, and must survive a machine shared by many builds.
                heartbeat.interval: 3000
                heartbeat.timeout: 30000
                execution.checkpointing.interval: 3s
                execution.checkpointing.mode: EXACTLY_ONCE
                execution.checkpointing.dir: %s
                execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
                restart-strategy.type: fixed-delay
                restart-strategy.fixed-delay.attempts: 20
                restart-strategy.fixed-delay.delay: 1s
                pipeline.auto-generate-uids: false
                env.java.opts.all: %s
                """.formatted(freePort(), restPort, freePort(), SLOTS_PER_TASK_MANAGER, checkpointDir().toUri(),
                        javaOpens.trim());
        Files.writeString(confDir.resolve("config.yaml"), config);
        Files.writeString(confDir.resolve("log4j2.properties"), """
                rootLogger.level = WARN
                rootLogger.appenderRef.console.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
                logger.checkpoint.name = org.apache.flink.runtime.checkpoint
                logger.checkpoint.level = INFO
                logger.restart.name = org.apache.flink.runtime.executiongraph
                logger.restart.level = INFO
                """);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
