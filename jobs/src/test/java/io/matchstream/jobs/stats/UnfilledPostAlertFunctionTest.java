package io.matchstream.jobs.stats;

import static io.matchstream.events.VacancyEventType.FILLED;
import static io.matchstream.events.VacancyEventType.OPENED;
import static io.matchstream.events.VacancyEventType.WITHDRAWN;
import static io.matchstream.jobs.stats.Fixtures.DAY;
import static io.matchstream.jobs.stats.Fixtures.MONDAY_MORNING;
import static io.matchstream.jobs.stats.Fixtures.aTechnicalPost;
import static org.assertj.core.api.Assertions.assertThat;

import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.Ids;
import io.matchstream.jobs.stats.functions.UnfilledPostAlertFunction;
import io.matchstream.jobs.stats.records.VacancyChange;
import io.matchstream.jobs.stats.state.Shards;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnfilledPostAlertFunctionTest {
  private static final long POSTED = MONDAY_MORNING;
  private static final long DEADLINE = POSTED + 30 * DAY;

  private KeyedOneInputStreamOperatorTestHarness<Integer, VacancyChange, Alert> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new UnfilledPostAlertFunction(Fixtures.settings(
            "alerts.unfilled.threshold-by-occupation", "6-18-02-04:10 d"))),
        Shards.VACANCY, Types.INT);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(VacancyChange v) throws Exception {
    harness.processElement(v, v.eventTime);
  }

  private java.util.List<Alert> alerts() {
    return harness.extractOutputValues();
  }

  @Test
  void aPostAlreadyOverdueWhenFirstSeenFiresAtItsFirstEventNotInADayLongFinal() throws Exception {
    long seen = POSTED + 45 * DAY; // a board's stock: posted 45 days before the stream began
    send(aTechnicalPost("vac-000009", OPENED, seen, POSTED));

    harness.processWatermark(seen);

    assertThat(alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.eventTime()).isEqualTo(seen);
      assertThat(a.daysOpen()).isEqualTo(45);
    });
  }

  @Test
  void firesWhenTheWatermarkReachesTheThresholdAndNotOneMillisecondBefore() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE - 1);
    assertThat(alerts()).isEmpty();

    harness.processWatermark(DEADLINE);

    assertThat(alerts()).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo(AlertState.FIRING);
      assertThat(a.alertId()).isEqualTo(Ids.alertId("vac-000001", AlertType.UNFILLED_TECHNICAL_POST));
      assertThat(a.eventId()).isEqualTo(a.alertId() + ":FIRING:" + a.eventTime());
      assertThat(a.eventTime()).isEqualTo(DEADLINE);
      assertThat(a.daysOpen()).isEqualTo(30);
      assertThat(a.cityId()).isEqualTo("ningbo");
      assertThat(a.occupationCode()).isEqualTo(Fixtures.LATHE);
      assertThat(a.employerId()).isEqualTo("emp-0042");
      assertThat(a.salaryMin()).isEqualTo(7000);
      assertThat(a.salaryMax()).isEqualTo(9500);
      assertThat(a.openedTime()).isEqualTo(POSTED);
      assertThat(a.message()).contains("宁波").contains("30");
    });
  }

  @Test
  void firesOnceEvenWhenTheWatermarkKeepsMoving() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE);
    harness.processWatermark(DEADLINE + 5 * DAY);
    assertThat(alerts()).hasSize(1);
  }

  @Test
  void resolvesOnFillAndLeavesNoStateOrTimer() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE);
    send(aTechnicalPost("vac-000001", FILLED, DEADLINE + DAY, POSTED));

    assertThat(alerts()).extracting(Alert::state).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(alerts().get(1).daysOpen()).isEqualTo(31);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void resolvesOnWithdrawalAndLeavesNoStateOrTimer() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE);
    send(aTechnicalPost("vac-000001", WITHDRAWN, DEADLINE + 2 * DAY, POSTED));

    assertThat(alerts()).extracting(Alert::state).containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aFillAfterTheDeadlineThatOvertakesTheWatermarkStillFiresThenResolves() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE - DAY);
    send(aTechnicalPost("vac-000001", FILLED, DEADLINE + 1, POSTED));

    assertThat(alerts()).extracting(Alert::state, Alert::eventTime).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, DEADLINE),
        org.assertj.core.groups.Tuple.tuple(AlertState.RESOLVED, DEADLINE + 1));
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void neverFiresForAPostFilledBeforeTheThreshold() throws Exception {
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    send(aTechnicalPost("vac-000001", FILLED, DEADLINE - 1, POSTED));
    harness.processWatermark(DEADLINE + 100 * DAY);

    assertThat(alerts()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void neverFiresWhenTheFillOvertakesTheOpening() throws Exception {
    send(aTechnicalPost("vac-000001", FILLED, POSTED + DAY, POSTED));
    send(aTechnicalPost("vac-000001", OPENED, POSTED, POSTED));
    harness.processWatermark(DEADLINE + DAY);

    assertThat(alerts()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void usesTheOccupationsOwnThreshold() throws Exception {
    VacancyChange welder = aTechnicalPost("vac-000002", OPENED, POSTED, POSTED);
    welder.occupationCode = Fixtures.WELDER;
    send(welder);
    harness.processWatermark(POSTED + 10 * DAY - 1);
    assertThat(alerts()).isEmpty();
    harness.processWatermark(POSTED + 10 * DAY);
    assertThat(alerts()).singleElement().extracting(Alert::daysOpen).isEqualTo(10);
  }

  @Test
  void ignoresPostsThatAreNotTechnical() throws Exception {
    VacancyChange line = aTechnicalPost("vac-000003", OPENED, POSTED, POSTED);
    line.technical = false;
    send(line);
    harness.processWatermark(DEADLINE + DAY);
    assertThat(alerts()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }
}
