package io.matchstream.jobs.common;

import io.matchstream.events.CandidateEvent;
import io.matchstream.events.DeadLetter;
import io.matchstream.events.VacancyEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits {@link Inbound} records into valid events (main output) and dead letters (side output
 * {@link #DEAD_LETTERS}), so valid records flow on and rejected ones are kept, never thrown.
 */
public final class DeadLetterRouting {
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private DeadLetterRouting() {}

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
    /** Same name as the stats job's, so one Prometheus series family counts both jobs' rejects. */
    private transient Counter rejected;

    Split(boolean vacancies) {
      this.vacancies = vacancies;
    }

    @Override
    public void open(OpenContext ctx) {
      rejected = getRuntimeContext().getMetricGroup().counter("rejectedEvents");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(Inbound in, Context ctx, Collector<T> out) {
      if (in.deadLetter() != null) {
        rejected.inc();
        ctx.output(DEAD_LETTERS, in.deadLetter());
      } else if (vacancies && in.vacancy() != null) {
        out.collect((T) in.vacancy());
      } else if (!vacancies && in.candidate() != null) {
        out.collect((T) in.candidate());
      }
    }
  }
}
