package io.matchstream.jobs.stats.functions;

import io.matchstream.events.ShanghaiCalendar;
import io.matchstream.events.DeadLetter;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.io.StatsInputParser;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.OutcomeChange;
import io.matchstream.jobs.stats.records.StatsInput;
import io.matchstream.jobs.stats.records.VacancyChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each parsed input where it belongs: smart matches as MATCH deltas carrying their matchId
 * (main output, to {@link MatchDedupeFunction}), vacancy and candidate changes to their lifecycle
 * functions, match outcomes to {@link FunnelFunction}, and rejected or late records to dead-letters.
 *
 * <p>Late means: the event's Shanghai day has already closed, i.e. the watermark has passed the
 * day's end plus the allowed lateness and its final record is out. Checking here, where the raw
 * bytes still exist, lets a late record be dead-lettered unchanged; downstream operators see a
 * watermark no further on, so nothing that passes here can be late there.
 */
public class RouteInputFunction extends ProcessFunction<StatsInput, CityDelta> {
  public static final OutputTag<VacancyChange> VACANCIES = new OutputTag<>("vacancies") {};
  public static final OutputTag<CandidateChange> CANDIDATES = new OutputTag<>("candidates") {};
  public static final OutputTag<OutcomeChange> OUTCOMES = new OutputTag<>("outcomes") {};
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
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
    rejected = getRuntimeContext().getMetricGroup().counter("rejectedEvents");
  }

  @Override
  public void processElement(StatsInput in, Context ctx, Collector<CityDelta> out) {
    if (in.isRejected()) {
      rejected.inc();
      ctx.output(DEAD_LETTERS, in.rejected);
      return;
    }
    if (isLate(in.eventTime, ctx.timerService().currentWatermark())) {
      late.inc();
      ctx.output(DEAD_LETTERS, StatsInputParser.deadLetter(in, LATE));
      return;
    }
    if (in.vacancy != null) {
      ctx.output(VACANCIES, in.vacancy);
    } else if (in.candidate != null) {
      ctx.output(CANDIDATES, in.candidate);
    } else if (in.outcome != null) {
      ctx.output(OUTCOMES, in.outcome);
    } else {
      out.collect(CityDelta.of(in.matchCityId, in.eventTime, DeltaKind.MATCH, 1).withMatchId(in.matchId)
          .withOccupation(in.matchOccupationCode));
    }
  }

  private boolean isLate(long eventTime, long watermark) {
    return settings.isClosed(ShanghaiCalendar.dayOf(eventTime), watermark);
  }
}
