package io.matchstream.jobs.stats.functions;

import io.matchstream.events.DeadLetter;
import io.matchstream.events.Match;
import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.jobs.common.DeadLetterRouting;
import io.matchstream.jobs.common.Inbound;
import io.matchstream.jobs.stats.CityStatsJob;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns each input record of the shared boundary ({@link Inbound}) into what the stats job counts
 * and sends it where it belongs: smart matches as MATCH deltas carrying their matchId (main output,
 * to {@link MatchDedupeFunction}), vacancy and candidate changes to their lifecycle functions,
 * match outcomes to {@link FunnelFunction}, and rejected or late records to the shared
 * {@link DeadLetterRouting#DEAD_LETTERS}.
 *
 * <p>Late means: the event's Shanghai day has already closed, i.e. the watermark has passed the
 * day's end plus the allowed lateness and its final record is out. Checking here, where the raw
 * bytes still exist, lets a late record be dead-lettered unchanged; downstream operators see a
 * watermark no further on, so nothing that passes here can be late there.
 */
public class RouteInputFunction extends ProcessFunction<Inbound, CityDelta> {
  public static final OutputTag<VacancyChange> VACANCIES = new OutputTag<>("vacancies") {};
  public static final OutputTag<CandidateChange> CANDIDATES = new OutputTag<>("candidates") {};
  public static final OutputTag<OutcomeChange> OUTCOMES = new OutputTag<>("outcomes") {};
  /** The shared dead-letter side output. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = DeadLetterRouting.DEAD_LETTERS;
  /** The reason of a dead letter that arrived after its day closed. */
  public static final String LATE = "late";

  private final StatsSettings settings;
  private transient Counter late;
  private transient Counter rejected;

  public RouteInputFunction(StatsSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext ctx) {
    late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    rejected = getRuntimeContext().getMetricGroup().counter(DeadLetterRouting.REJECTED_METRIC);
  }

  @Override
  public void processElement(Inbound in, Context ctx, Collector<CityDelta> out) {
    if (DeadLetterRouting.reject(in, ctx, rejected)) {
      return;
    }
    if (isLate(in.eventTime(), ctx.timerService().currentWatermark())) {
      late.inc();
      ctx.output(DEAD_LETTERS, in.refused(LATE, CityStatsJob.NAME));
      return;
    }
    if (in.vacancy() != null) {
      ctx.output(VACANCIES, VacancyChange.of(in.vacancy()));
    } else if (in.candidate() != null) {
      ctx.output(CANDIDATES, CandidateChange.of(in.candidate()));
    } else if (in.outcome() != null) {
      OutcomeChange o = OutcomeChange.of(in.outcome());
      // Until decided: an outcome the funnel refuses is dead-lettered unchanged.
      o.sourceTopic = in.topic();
      o.partition = in.partition();
      o.offset = in.offset();
      o.raw = in.raw();
      ctx.output(OUTCOMES, o);
    } else if (in.match() != null) {
      Match m = in.match();
      out.collect(CityDelta.of(m.cityId(), m.eventTime(), DeltaKind.MATCH, 1).withMatchId(m.matchId())
          .withOccupation(m.occupationCode()));
    }
  }

  private boolean isLate(long eventTime, long watermark) {
    return settings.isClosed(ShanghaiCalendar.dayOf(eventTime), watermark);
  }
}
