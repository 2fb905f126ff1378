package io.matchstream.jobs;

import io.matchstream.jobs.common.InputLimits;
import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.match.MatchOptions;
import io.matchstream.jobs.match.MatchSettings;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsOptions;
import io.matchstream.jobs.stats.StatsSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the shaded jar: {@code flink run matchstream-jobs.jar --job match|city-stats|all [--key value…]}.
 * Options come from arguments and {@code MATCHSTREAM_*} environment variables (see jobs/README.md).
 */
public final class JobsMain {
  /** Each job's name and how it adds itself to an environment. A job adds one line here. */
  static final Map<String, BiConsumer<StreamExecutionEnvironment, Configuration>> JOBS = new LinkedHashMap<>();

  static {
    JOBS.put(MatchJob.NAME, MatchJob::wireKafka);
    JOBS.put(CityStatsJob.NAME, CityStatsJob::wireKafka);
  }

  private JobsMain() {}

  /** Exit code of a bad command line (unknown option or job, bad value): nothing was started. */
  public static final int USAGE_ERROR = 2;

  public static void main(String[] args) throws Exception {
    Configuration conf;
    List<String> selected;
    try {
      conf = options(args, System.getenv());
      selected = jobs(conf.getString("job", "all"));
    } catch (IllegalArgumentException e) {
      System.err.println("matchstream-jobs: " + e.getMessage());
      System.err.println("usage: --job all|" + String.join("|", JOBS.keySet()) + " [--key value ...] (see jobs/README.md)");
      System.exit(USAGE_ERROR);
      return;
    }
    StreamExecutionEnvironment env = JobEnvironment.create(conf);
    for (String name : selected) {
      JOBS.get(name).accept(env, conf);
    }
    env.execute("matchstream " + conf.getString("job", "all"));
  }

  /** Every option of every job, from arguments and environment; throws naming what is wrong. */
  static Configuration options(String[] args, Map<String, String> env) {
    Configuration conf = JobOptions.parse(args, env, knownOptions(), List.of("job"));
    MatchSettings.from(conf);
    StatsSettings.from(conf);
    JobOptions.deliveryGuarantee(conf);
    InputLimits.from(conf);
    return conf;
  }

  /** Every option the jobs read (besides {@code --job}): what the README's Jobs table documents. */
  static List<ConfigOption<?>> knownOptions() {
    List<ConfigOption<?>> known = new ArrayList<>(JobOptions.all());
    known.addAll(MatchOptions.all());
    known.addAll(StatsOptions.all());
    return known;
  }

  /** The jobs {@code --job} names; throws for an unknown one. */
  static List<String> jobs(String job) {
    if (job.equals("all")) {
      return List.copyOf(JOBS.keySet());
    }
    if (!JOBS.containsKey(job)) {
      throw new IllegalArgumentException("unknown job '" + job + "'; known: all, " + String.join(", ", JOBS.keySet()));
    }
    return List.of(job);
  }
}
