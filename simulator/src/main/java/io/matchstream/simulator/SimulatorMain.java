package io.matchstream.simulator;

import io.matchstream.events.ReferenceDataException;
import io.matchstream.events.cities.CityRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.matchstream.config.CommandLines;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command line: simulate the pilot's vacancy and candidate streams into Kafka. Every option is
 * named by its key ({@code --simulator.seed}; the older {@code --seed} is an alias) and can come
 * from its {@code MATCHSTREAM_*} variable ({@code MATCHSTREAM_SIMULATOR_SEED}); the command line
 * wins (the convention of every command, {@link CommandLines}).
 */
@Command(
    name = "matchstream-simulator",
    mixinStandardHelpOptions = true,
    version = "matchstream-simulator 0.1.0",
    sortOptions = false,
    description = {
      "Writes a seeded, reproducible stream of vacancy and candidate lifecycle events for the pilot",
      "cities to the Kafka topics 'vacancies' and 'candidates'. The same options give the same events.",
      "With the closed loop (default) it also reads 'matches' and writes what became of them to",
      "'match-outcomes'; the same options and the same matches at the same points give the same events."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed (e.g. Kafka unreachable)", "2:bad options"})
public final class SimulatorMain implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"--kafka.bootstrap-servers", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9092", description = "Kafka to write to (default ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = {"--simulator.seed", "--seed"}, defaultValue = "42", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = {"--simulator.start", "--start"}, paramLabel = "ISO-8601", defaultValue = "2026-03-02T00:00:00+08:00",
      description = "Simulated start, with offset (default ${DEFAULT-VALUE}).")
  String start;

  @Option(names = {"--simulator.clock-speed", "--clock-speed"}, defaultValue = "144",
      description = "Simulated seconds per real second; 144 = a day in ten minutes, 0 = as fast as possible"
          + " (default ${DEFAULT-VALUE}).")
  double clockSpeed;

  @Option(names = {"--simulator.rate", "--rate"}, paramLabel = "EVENTS/S", defaultValue = "0",
      description = "At most this many records a second; 0 = no cap (default).")
  double rate;

  @Option(names = {"--simulator.duration", "--duration"}, paramLabel = "DURATION",
      description = "Simulated time to run, e.g. 7 d, 12 h or P7D (default: until stopped).")
  Duration duration;

  @Option(names = {"--simulator.count", "--count"}, defaultValue = "0", description = "Stop after this many records (default: no limit).")
  long count;

  @Option(names = {"--simulator.cities", "--cities"}, split = ",", paramLabel = "ID", description = "City ids, comma separated (default: all).")
  List<String> cities;

  @Option(names = {"--simulator.cities-file", "--cities-file"}, paramLabel = "CSV", description = "Pilot-city file in the product's format"
      + " (default: the shipped 39 cities).")
  Path citiesFile;

  @Option(names = {"--simulator.poison-rate", "--poison-rate"}, defaultValue = "0",
      description = "Chance, after each valid event, of mixing in a malformed record, 0..1 (default ${DEFAULT-VALUE}).")
  double poisonRate;

  @Option(names = {"--simulator.volume-scale", "--volume-scale"}, defaultValue = "1.0",
      description = "Multiplies all arrival rates and the initial stock (default ${DEFAULT-VALUE}).")
  double volumeScale;


  @Option(names = {"--simulator.closed-loop", "--closed-loop"}, negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "When writing to Kafka, also read the match job's 'matches' (read_committed, from the end as it"
          + " stands at start) and play both sides: outcomes to 'match-outcomes', hires through matches."
          + " --no-closed-loop fills posts without reading matches. Ignored with --print and --summary"
          + " (default: on).")
  boolean closedLoop;

  @Option(names = "--print", defaultValue = "false", description = "Write the records to stdout, one per line, instead of Kafka.")
  boolean print;

  @Option(names = "--summary", defaultValue = "false", description = "Do not write anything; print the calibration figures of the run"
      + " (needs --duration or --count).")
  boolean summary;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. Bad options give one line on {@code err} and 2. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** As {@link #run(String[], PrintStream, PrintStream)}, reading options also from {@code env}. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cmd = CommandLines.create(new SimulatorMain(), env);
    cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cmd.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    SimulatorConfig config = config();
    if (clockSpeed < 0) throw bad("--simulator.clock-speed must be 0 or more, not " + clockSpeed);
    if (rate < 0) throw bad("--simulator.rate must be 0 or more, not " + rate);
    if (print && summary) throw bad("--print and --summary cannot be combined");
    if (summary && config.duration() == null && config.maxEvents() == 0) {
      throw bad("--summary needs --simulator.duration or --simulator.count");
    }
    Iterator<SimEvent> events = Simulator.events(config);
    PrintWriter out = spec.commandLine().getOut();
    if (summary) {
      StreamSummary s = new StreamSummary();
      events.forEachRemaining(s::accept);
      PrintStream ps = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      s.finish().print(ps);
      return 0;
    }
    if (print) {
      while (events.hasNext()) {
        out.println(events.next().valueAsString());
      }
      out.flush();
      return out.checkError() ? 1 : 0;
    }
    if (!closedLoop) {
      return write(bootstrapServers, events);
    }
    Simulator simulator = Simulator.create(config.toBuilder().closedLoop(true).build());
    try (MatchReader matches = new MatchReader(bootstrapServers)) {
      matches.start();
      int code = write(bootstrapServers, new ClosedLoopEvents(simulator, matches));
      spec.commandLine().getErr().printf("closed loop: %d matches read, %d offered, %d played%n",
          matches.read(), simulator.offeredMatches(), simulator.playedMatches());
      return code;
    }
  }

  private int write(String servers, Iterator<SimEvent> events) throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    KafkaEventWriter writer = new KafkaEventWriter(servers, events, clockSpeed, rate, line -> {
      err.println(line);
      err.flush();
    });
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      writer.stop();
      try {
        done.await(15, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      writer.run();
      return 0;
    } catch (IllegalStateException e) {
      err.println("matchstream-simulator: " + e.getMessage());
      return 1;
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting on Ctrl-C: the hook is already running and waits on `done`
      }
    }
  }

  private SimulatorConfig config() {
    OffsetDateTime startTime;
    try {
      startTime = OffsetDateTime.parse(start);
    } catch (DateTimeParseException e) {
      throw bad("--simulator.start must be an ISO-8601 time with offset, e.g. 2026-03-02T00:00:00+08:00, not '" + start + "'");
    }
    Duration simulated = duration;
    if (simulated != null && simulated.isZero()) throw bad("--simulator.duration must be positive, not 0");
    if (count < 0) throw bad("--simulator.count must be positive, not " + count);
    if (!(poisonRate >= 0 && poisonRate <= 1)) {
      throw bad("--simulator.poison-rate must be between 0 and 1, not " + poisonRate);
    }
    if (!(volumeScale > 0 && volumeScale <= 1000)) {
      throw bad("--simulator.volume-scale must be above 0 and at most 1000, not " + volumeScale);
    }
    CityRegistry registry;
    try {
      registry = CityRegistry.loadOrDefault(citiesFile);
    } catch (ReferenceDataException e) {
      throw bad("--simulator.cities-file: " + e.getMessage());
    }
    try {
      return SimulatorConfig.builder()
          .seed(seed)
          .start(startTime.toInstant())
          .duration(simulated)
          .maxEvents(count)
          .cities(cities)
          .cityRegistry(registry)
          .poisonRate(poisonRate)
          .volumeScale(volumeScale)
          .build();
    } catch (IllegalArgumentException e) {
      throw bad("--simulator.cities: " + e.getMessage());
    }
  }

  private ParameterException bad(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
