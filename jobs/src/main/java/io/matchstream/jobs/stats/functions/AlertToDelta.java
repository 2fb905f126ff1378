package io.matchstream.jobs.stats.functions;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.jobs.stats.records.CityDelta;
import io.matchstream.jobs.stats.records.DeltaKind;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * "Technical posts unfilled past the threshold" is exactly the set of firing UNFILLED alerts, so
 * the figure is counted from them: +1 on FIRING, -1 on RESOLVED, at the alert's event time.
 */
public class AlertToDelta implements FlatMapFunction<Alert, CityDelta> {
  @Override
  public void flatMap(Alert a, Collector<CityDelta> out) {
    if (a.alertType() == AlertType.UNFILLED_TECHNICAL_POST) {
      out.collect(CityDelta.of(a.cityId(), a.eventTime(), DeltaKind.TECH_OVERDUE,
          a.state() == AlertState.FIRING ? 1 : -1));
    }
  }
}
