package io.matchstream.jobs.stats.functions;

import io.matchstream.events.EmploymentType;
import io.matchstream.events.VacancyEventType;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.PostState;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.PostStateSerializer;
import org.apache.flink.util.Collector;

/**
 * Keyed by the vacancy's shard ({@link Shards#VACANCY}): a vacancy's lifecycle as city deltas —
 * NEW_VACANCY on OPENED, +1/−1 OPEN_VACANCY (by occupation and dispatch or not) while it is open,
 * PLACEMENT (with its time to fill) on FILLED. The state machine is {@link LifecycleFunction}'s;
 * this says what a vacancy is counted under. An UPDATED moves the counts when it changes the city,
 * the occupation or whether the post is dispatch work.
 */
public class VacancyLifecycleFunction extends LifecycleFunction<VacancyChange, PostState> {

  public VacancyLifecycleFunction(StatsSettings settings) {
    super(settings, "posts", "vac-", PostState.OPEN, PostState.OPENED_SEEN, DeltaKind.NEW_VACANCY,
        PostStateSerializer.INSTANCE);
  }

  @Override
  protected PostState describe(VacancyChange c, int flags, long opened, long closed, long last) {
    int f = c.employmentType == EmploymentType.DISPATCH ? flags | PostState.DISPATCH : flags & ~PostState.DISPATCH;
    return new PostState(Codes.of(c.cityId), Codes.of(c.occupationCode), (byte) f, opened, closed, last);
  }

  @Override
  protected boolean changesSignature(PostState s, VacancyChange c) {
    return s.city != Codes.of(c.cityId)
        || s.occupation != Codes.of(c.occupationCode)
        || s.is(PostState.DISPATCH) != (c.employmentType == EmploymentType.DISPATCH);
  }

  @Override
  protected void presence(PostState s, long time, int count, Collector<CityDelta> out) {
    out.collect(CityDelta.of(s.cityId(), time, DeltaKind.OPEN_VACANCY, count)
        .withOccupation(s.occupationCode())
        .withDispatch(s.is(PostState.DISPATCH)));
  }

  @Override
  protected void closed(VacancyChange c, Collector<CityDelta> out) {
    if (c.type == VacancyEventType.FILLED) {
      out.collect(CityDelta.of(c.cityId, c.eventTime, DeltaKind.PLACEMENT, 1)
          .withFillMillis(Math.max(0, c.eventTime - c.postedTime)));
    }
  }

  @Override
  protected long expiryMillis() {
    return settings.vacancyExpiryMillis();
  }
}
