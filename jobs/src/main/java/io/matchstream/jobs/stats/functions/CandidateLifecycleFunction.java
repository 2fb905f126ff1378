package io.matchstream.jobs.stats.functions;

import io.matchstream.events.CandidateEventType;
import io.matchstream.jobs.stats.StatsSettings;
import io.matchstream.jobs.stats.records.CandidateChange;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import io.matchstream.jobs.stats.records.SeekerState;
import io.matchstream.jobs.stats.state.Codes;
import io.matchstream.jobs.stats.state.Shards;
import io.matchstream.jobs.stats.state.StateSerializers.SeekerStateSerializer;
import java.util.Arrays;
import org.apache.flink.util.Collector;

/**
 * Keyed by the candidate's shard ({@link Shards#CANDIDATE}): a candidate's lifecycle as city deltas —
 * NEW_CANDIDATE on REGISTERED, and while available +1/−1 AVAILABLE_CANDIDATE in the home city plus
 * +1/−1 SEEKING for each occupation sought. Accepted (move-to) cities do not count: the ratio is per
 * city of registration, as public employment offices report it; a PLACED also counts PERSON_PLACED
 * in the home city (the funnel's people placed). The state machine is {@link
 * LifecycleFunction}'s; an UPDATED moves the counts when it changes the home city or the
 * occupations sought.
 */
public class CandidateLifecycleFunction extends LifecycleFunction<CandidateChange, SeekerState> {

  public CandidateLifecycleFunction(StatsSettings settings) {
    super(settings, "seekers", "cand-", SeekerState.AVAILABLE, SeekerState.REGISTERED_SEEN,
        DeltaKind.NEW_CANDIDATE, SeekerStateSerializer.INSTANCE);
  }

  /** A PLACED (its first close: a repeat changes nothing) counts for the funnel's "people placed". */
  @Override
  protected void closed(CandidateChange c, Collector<CityDelta> out) {
    if (c.type == CandidateEventType.PLACED) {
      out.collect(CityDelta.of(c.cityId, c.eventTime, DeltaKind.PERSON_PLACED, 1));
    }
  }

  @Override
  protected SeekerState describe(CandidateChange c, int flags, long available, long closed, long last) {
    return SeekerState.of(Codes.of(c.cityId), c.occupationCodes, (byte) flags, available, closed, last);
  }

  @Override
  protected boolean changesSignature(SeekerState s, CandidateChange c) {
    return s.city != Codes.of(c.cityId) || !Arrays.equals(s.occupationCodes(), c.occupationCodes);
  }

  @Override
  protected void presence(SeekerState s, long time, int count, Collector<CityDelta> out) {
    String city = s.cityId();
    out.collect(CityDelta.of(city, time, DeltaKind.AVAILABLE_CANDIDATE, count));
    for (String code : s.occupationCodes()) {
      out.collect(CityDelta.of(city, time, DeltaKind.SEEKING, count).withOccupation(code));
    }
  }

  @Override
  protected long expiryMillis() {
    return settings.candidateExpiryMillis();
  }
}
