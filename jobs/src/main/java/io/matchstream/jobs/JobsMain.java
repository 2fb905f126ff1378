package io.matchstream.jobs;

import io.matchstream.jobs.common.JobEnvironment;
import io.matchstream.jobs.common.JobOptions;
import io.matchstream.jobs.match.MatchJob;
import io.matchstream.jobs.match.MatchOptions;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsOptions;
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

  public static void main(String[] args) throws Exception {
    List<ConfigOption<?>> known = new ArrayList<>(JobOptions.all());
    known.addAll(MatchOptions.all());
    known.addAll(StatsOptions.all());
    Configuration conf = JobOptions.parse(args, System.getenv(), known, List.of("job"));
    String job = conf.getString("job", "all");
    List<String> selected = job.equals("all") ? List.copyOf(JOBS.keySet()) : List.of(job);
    for (String name : selected) {
      if (!JOBS.containsKey(name)) {
        throw new IllegalArgumentException("unknown job '" + name + "'; known: all, " + String.join(", ", JOBS.keySet()));
      }
    }
    StreamExecutionEnvironment env = JobEnvironment.create(conf);
    for (String name : selected) {
      JOBS.get(name).accept(env, conf);
    }
    env.execute("matchstream " + job);
  }
}
