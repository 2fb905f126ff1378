package io.matchstream.jobs.common;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The environment settings every matchstream pipeline needs, for main, tests and the local
 * all-in-one alike: no Kryo fallback (a type Flink cannot analyse fails at submit, not slowly at
 * run time), no auto-generated uids (a stateful operator without a uid fails at submit instead of
 * losing its state on the next upgrade), and exactly-once checkpoints.
 */
public final class JobEnvironment {
  private JobEnvironment() {}

  /** The configuration entries to pass to {@code getExecutionEnvironment(conf)}. */
  public static Configuration strict(Configuration base) {
    Configuration c = new Configuration(base);
    c.set(PipelineOptions.GENERIC_TYPES, false);
    c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
    return c;
  }

  public static StreamExecutionEnvironment create(Configuration conf) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(strict(conf));
    enableCheckpointing(env, conf);
    return env;
  }

  public static void enableCheckpointing(StreamExecutionEnvironment env, Configuration conf) {
    env.enableCheckpointing(conf.get(JobOptions.CHECKPOINT_INTERVAL).toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }
}
