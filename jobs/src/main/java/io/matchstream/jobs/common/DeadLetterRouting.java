package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.VacancyEvent;
import io.matchstream.events.codec.DeadLetters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The one dead-letter path of every job: rejected {@link Inbound} records, and records a job
 * refuses after the boundary, leave through the side output {@link #DEAD_LETTERS}, counted as
 * {@code rejectedEvents}, so valid records flow on and rejected ones are kept, never thrown. The
 * match job splits its inputs with {@link #vacancies}/{@link #candidates}; city-stats routes its
 * one input with {@link #reject} in its own routing step.
 */
public final class DeadLetterRouting {
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
  /** The metric counting rejected records: one series family for every job. */
  public static final String REJECTED_METRIC = "rejectedEvents";

  private DeadLetterRouting() {}

  /**
   * A dead letter for a record read from {@code topic} at {@code partition}/{@code offset}, of the
   * {@code contract} type (null if none): see {@link DeadLetters} for what it keeps. Also for records
   * refused after parsing (e.g. a job's "late").
   */
  public static DeadLetter deadLetter(
      byte[] value, String topic, int partition, long offset, Class<?> contract, String reason, String job) {
    return DeadLetters.of(topic, partition, offset, value, contract, reason, job, System.currentTimeMillis());
  }

  /** If {@code in} was rejected at the boundary: counts it, sends its dead letter on and says true. */
  public static boolean reject(Inbound in, ProcessFunction<Inbound, ?>.Context ctx, Counter rejected) {
    if (in.deadLetter() == null) {
      return false;
    }
    rejected.inc();
    ctx.output(DEAD_LETTERS, in.deadLetter());
    return true;
  }

  /** Valid vacancies; {@code getSideOutput(DEAD_LETTERS)} on the result gives the rejects. */
  public static SingleOutputStreamOperator<VacancyEvent> vacancies(DataStream<Inbound> in, String uid) {
    return in.process(new Split<VacancyEvent>(true))
        .returns(TypeInformation.of(VacancyEvent.class))
        .uid(uid)
        .name("split valid vacancies / dead letters");
  }

  /** Valid candidates; {@code getSideOutput(DEAD_LETTERS)} on the result gives the rejects. */
  public static SingleOutputStreamOperator<CandidateEvent> candidates(DataStream<Inbound> in, String uid) {
    return in.process(new Split<CandidateEvent>(false))
        .returns(TypeInformation.of(CandidateEvent.class))
        .uid(uid)
        .name("split valid candidates / dead letters");
  }

  private static final class Split<T> extends ProcessFunction<Inbound, T> {
    private static final long serialVersionUID = 1L;
    private final boolean vacancies;
    private transient Counter rejected;

    Split(boolean vacancies) {
      this.vacancies = vacancies;
    }

    @Override
    public void open(OpenContext ctx) {
      rejected = getRuntimeContext().getMetricGroup().counter(REJECTED_METRIC);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(Inbound in, Context ctx, Collector<T> out) {
      if (reject(in, ctx, rejected)) {
        return;
      }
      if (vacancies && in.vacancy() != null) {
        out.collect((T) in.vacancy());
      } else if (!vacancies && in.candidate() != null) {
        out.collect((T) in.candidate());
      }
    }
  }
}
