package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.matchstream.events.Alert;
import io.matchstream.events.AlertState;
import io.matchstream.events.AlertType;
import io.matchstream.events.CityStats;
import io.matchstream.events.Ids;
import io.matchstream.events.Topics;
import io.matchstream.kafka.EmbeddedKafka;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Past days on REST, read by a real gateway from the history topics of a real broker: ranges, the
 * CSV export (BOM, Chinese names, quoting), 400s naming the parameter, and who may see what.
 */
class HistoryTest {
  static final LocalDate FIRST = LocalDate.parse("2026-11-20");
  static final LocalDate LONG_AGO = LocalDate.parse("2026-11-01");
  static final String ODD_CODE = "9-99,\"odd\"";

  static EmbeddedKafka kafka;
  static Vertx vertx;
  static GatewayFixture gw;
  static WebClient client;

  @BeforeAll
  static void aWeekOnTheHistoryTopicsThenAGateway() throws Exception {
    kafka = EmbeddedKafka.builder().start();
    try (KafkaProducer<String, byte[]> producer = kafka.newProducer()) {
      for (String city : List.of(CityStats.NATIONAL, "ningbo", "beijing")) {
        produceDay(producer, city, LONG_AGO, 7);
        for (int d = 0; d < 7; d++) {
          produceDay(producer, city, FIRST.plusDays(d), 100 * (d + 1));
        }
      }
      // A recount writes a day again: the newer record of the day wins, once.
      produceDay(producer, CityStats.NATIONAL, FIRST, 111);
      produceAlert(producer, unfilled("ningbo", "vac-ningbo00001", AlertState.FIRING, at(FIRST.plusDays(1), 10)));
      produceAlert(producer, unfilled("ningbo", "vac-ningbo00001", AlertState.RESOLVED, at(FIRST.plusDays(3), 9)));
      produceAlert(producer, unfilled("ningbo", "vac-ningbo00001", AlertState.RESOLVED, at(FIRST.plusDays(3), 9)));
      produceAlert(producer, unfilled("beijing", "vac-beijing0001", AlertState.FIRING, at(FIRST.plusDays(2), 23)));
      produceAlert(producer, unfilled("beijing", "vac-beijing0002", AlertState.FIRING, at(LONG_AGO, 12)));
      Alert odd = unfilled("ningbo", "vac-ningbo00002", AlertState.FIRING, at(FIRST.plusDays(4), 8));
      produceAlert(producer, new Alert(odd.alertId(), odd.eventId(), odd.eventTime(), 1, odd.alertType(), odd.state(),
          odd.cityId(), ODD_CODE, odd.vacancyId(), odd.employerId(), odd.openedTime(), odd.daysOpen(), null,
          null, null, null, "x"));
    }
    vertx = Vertx.vertx();
    gw = new GatewayFixture(vertx, new JsonObject().put("kafka.bootstrap-servers", kafka.bootstrapServers()));
    client = WebClient.create(vertx);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get("/api/history/national?from=2026-11-20&to=2026-11-20", gw.ministry()).statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
    vertx.close().await();
    kafka.close();
  }

  @Test
  void aWeekOfNationalDaysComesOldestFirstWithinTheRange() {
    HttpResponse<Buffer> r = get("/api/history/national?from=2026-11-20&to=2026-11-26", gw.ministry());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonArray days = r.bodyAsJsonObject().getJsonArray("days");
    List<String> names = new ArrayList<>();
    List<Long> matches = new ArrayList<>();
    days.forEach(o -> {
      names.add(((JsonObject) o).getString("day"));
      matches.add(((JsonObject) o).getLong("matches"));
    });
    assertThat(names).containsExactly("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24",
        "2026-11-25", "2026-11-26");
    assertThat(matches).containsExactly(111L, 200L, 300L, 400L, 500L, 600L, 700L);
    assertThat(days.getJsonObject(1).getLong("openVacancies")).isEqualTo(4_000L);
    assertThat(days.getJsonObject(1).containsKey("occupations")).isFalse();
  }

  @Test
  void aDayKeepsItsFunnelFiguresAndADayWrittenBeforeTheFunnelHasNone() {
    JsonObject day = get("/api/history/national?from=2026-11-21&to=2026-11-21", gw.ministry()).bodyAsJsonObject()
        .getJsonArray("days").getJsonObject(0);
    assertThat(day.getLong("contacted")).isEqualTo(100L);
    assertThat(day.getLong("interviews")).isEqualTo(50L);
    assertThat(day.getLong("offers")).isEqualTo(25L);
    assertThat(day.getLong("hires")).isEqualTo(20L);
    assertThat(day.getDouble("matchShareOfPlacements")).isEqualTo(0.5);
    assertThat(day.getDouble("medianHoursToHire")).isEqualTo(20.0);
    assertThat(day.containsKey("cohorts")).isFalse();
    JsonObject old = get("/api/history/national?from=2026-11-01&to=2026-11-01", gw.ministry()).bodyAsJsonObject()
        .getJsonArray("days").getJsonObject(0);
    assertThat(old.getLong("matches")).isEqualTo(7L);
    assertThat(old.containsKey("hires")).isFalse();
  }

  @Test
  void theCsvOfLastWeekIsUtf8WithABomAndKeepsChineseNames() throws Exception {
    HttpResponse<Buffer> r = get("/api/history/cities/ningbo?from=2026-11-20&to=2026-11-26&format=csv", gw.ministry());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(r.getHeader("Content-Disposition"))
        .isEqualTo("attachment; filename=\"matchstream-ningbo-2026-11-20-2026-11-26.csv\"");
    byte[] bytes = r.body().getBytes();
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("\uFEFFday,cityId,cityNameZh,cityNameEn,matches,"
        + "newVacancies,newCandidates,placements,openVacancies,availableCandidates,vacancyToJobseekerRatio,"
        + "medianDaysToFill,dispatchShare,technicalUnfilledPastThreshold,contacted,interviews,offers,hires,"
        + "matchShareOfPlacements,medianHoursToHire\r\n2026-11-20,ningbo,宁波,Ningbo,100,");
    List<String[]> rows = parse(bytes);
    assertThat(rows.get(0)).startsWith("day", "cityId", "cityNameZh", "cityNameEn", "matches");
    assertThat(rows).hasSize(8);
    assertThat(rows.get(1)).startsWith("2026-11-20", "ningbo", "宁波", "Ningbo", "100");
    assertThat(rows.get(7)).startsWith("2026-11-26", "ningbo", "宁波", "Ningbo", "700");
  }

  @Test
  void theAlertsCsvNamesCityAndOccupationInChineseAndQuotesWhatNeedsIt() throws Exception {
    HttpResponse<Buffer> r = get("/api/history/alerts?from=2026-11-20&to=2026-11-26&format=csv", gw.ministry());
    assertThat(r.statusCode()).isEqualTo(200);
    String text = new String(r.body().getBytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFeventTime,state,alertType,cityId,cityNameZh");
    assertThat(text).contains("\"9-99,\"\"odd\"\"\"");
    List<String[]> rows = parse(r.body().getBytes());
    assertThat(rows).hasSize(5);
    assertThat(rows.get(1)).startsWith("2026-11-21T10:00:00+08:00", "FIRING", "UNFILLED_TECHNICAL_POST",
        "ningbo", "宁波", "Ningbo", Fixtures.WELDER, "焊工", "Welder", "vac-ningbo00001");
    assertThat(rows.get(4)[6]).isEqualTo(ODD_CODE);
  }

  @Test
  void alertsFiredAndResolvedInTheRangeComeOnceEachOldestFirst() {
    JsonObject body = get("/api/history/alerts?from=2026-11-20&to=2026-11-26", gw.ministry()).bodyAsJsonObject();
    assertThat(body.getBoolean("complete")).isTrue();
    List<String> seen = new ArrayList<>();
    body.getJsonArray("changes").forEach(o -> {
      JsonObject c = (JsonObject) o;
      seen.add(c.getString("cityId") + " " + c.getString("state") + " " + c.getString("eventTime"));
    });
    assertThat(seen).containsExactly(
        "ningbo FIRING 2026-11-21T10:00:00+08:00",
        "beijing FIRING 2026-11-22T23:00:00+08:00",
        "ningbo RESOLVED 2026-11-23T09:00:00+08:00",
        "ningbo FIRING 2026-11-24T08:00:00+08:00");
    JsonObject resolved = get("/api/history/alerts?from=2026-11-20&to=2026-11-26&state=RESOLVED&city=ningbo",
        gw.ministry()).bodyAsJsonObject();
    assertThat(resolved.getJsonArray("changes")).hasSize(1);
    assertThat(resolved.getJsonArray("changes").getJsonObject(0).getString("eventId"))
        .isEqualTo(Ids.alertEventId(Ids.alertId("vac-ningbo00001", AlertType.UNFILLED_TECHNICAL_POST),
            AlertState.RESOLVED, at(FIRST.plusDays(3), 9)));
  }

  @Test
  void aCityViewerSeesItsOwnCityOnly() {
    String ningbo = gw.city("ningbo");
    assertThat(get("/api/history/cities/ningbo?from=2026-11-20&to=2026-11-26", ningbo).statusCode()).isEqualTo(200);
    assertForbidden(get("/api/history/cities/beijing?from=2026-11-20&to=2026-11-26", ningbo), "cityId");
    assertForbidden(get("/api/history/cities/beijing?from=2026-11-20&to=2026-11-26&format=csv", ningbo), "cityId");
    assertForbidden(get("/api/history/national?from=2026-11-20&to=2026-11-26", ningbo), null);
    assertForbidden(get("/api/history/alerts?from=2026-11-20&to=2026-11-26&city=beijing", ningbo), "city");
    JsonObject cities = get("/api/history/cities?from=2026-11-20&to=2026-11-26", ningbo).bodyAsJsonObject();
    assertThat(cities.getJsonObject("cities").fieldNames()).containsExactly("ningbo");
    JsonObject alerts = get("/api/history/alerts?from=2026-11-20&to=2026-11-26", ningbo).bodyAsJsonObject();
    assertThat(alerts.getJsonArray("changes")).hasSize(3)
        .allSatisfy(o -> assertThat(((JsonObject) o).getString("cityId")).isEqualTo("ningbo"));
    assertThat(get("/api/history/national?from=2026-11-20&to=2026-11-26", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theMinistrySeesEveryCityOfTheRange() {
    JsonObject cities = get("/api/history/cities?from=2026-11-01&to=2026-11-01", gw.ministry()).bodyAsJsonObject();
    assertThat(cities.getJsonObject("cities").fieldNames()).containsExactlyInAnyOrder("ningbo", "beijing");
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(delimiter = '|', value = {
      "/api/history/national                                     | from",
      "/api/history/national?from=2026-11-20                     | to",
      "/api/history/national?from=20.11.2026&to=2026-11-26       | from",
      "/api/history/national?from=2026-11-20&to=yesterday        | to",
      "/api/history/national?from=2026-02-30&to=2026-03-02       | from",
      "/api/history/national?from=2026-11-26&to=2026-11-20       | to",
      "/api/history/national?from=2025-11-25&to=2026-11-26       | to",
      "/api/history/cities/ningbo?from=2026-11-26&to=2026-11-20  | to",
      "/api/history/cities?from=x&to=2026-11-20                  | from",
      "/api/history/alerts?from=2026-11-20&to=2028-01-01         | to",
      "/api/history/alerts?from=2026-11-20&to=2026-11-26&state=X | state",
      "/api/history/national?from=2026-11-20&to=2026-11-26&format=xlsx | format"})
  void eachBadRangeGetsA400NamingTheParameter(String path, String parameter) {
    HttpResponse<Buffer> r = get(path, gw.ministry());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(parameter);
    assertThat(r.bodyAsJsonObject().getString("message")).contains(parameter);
  }

  @Test
  void theLongestRangeAllowedIsAnswered() {
    assertThat(get("/api/history/national?from=2025-11-26&to=2026-11-26", gw.ministry()).statusCode()).isEqualTo(200);
  }

  private static void assertForbidden(HttpResponse<Buffer> r, String parameter) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo(parameter);
  }

  private static List<String[]> parse(byte[] bytes) throws Exception {
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String[]> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
      while (it.hasNext()) rows.add(it.next());
    }
    return rows;
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    var req = client.get(gw.port(), "127.0.0.1", path.trim());
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    return req.send().await();
  }

  private static long at(LocalDate day, int hour) {
    return OffsetDateTime.parse(day + "T" + String.format("%02d", hour) + ":00:00+08:00").toInstant().toEpochMilli();
  }

  private static void produceDay(KafkaProducer<String, byte[]> producer, String city, LocalDate day, long matches)
      throws Exception {
    long end = at(day, 23);
    // Days before the funnel existed have none; the week's days have one.
    CityStats.Funnel funnel = day.equals(LONG_AGO) ? null
        : new CityStats.Funnel(new CityStats.Stages(matches, matches / 2, matches / 4, matches / 8, matches / 10), 5,
            matches / 5, 0.5, 20.0, List.of(new CityStats.Cohort(day.toString(), matches, 0, 0, 0, 0, 0.0)));
    CityStats s = new CityStats(city, city + "/" + day + "/9", end, 1, day.toString(), 9, true, matches, 10, 12, 3,
        matches * 20, 30, 1.33, 12.5, 0.311, 2, Collections.nCopies(24, 0L),
        List.of(new CityStats.DayCount(day.toString(), matches)),
        List.of(new CityStats.OccupationFigure(Fixtures.WELDER, 5, 2, 2.5)), funnel);
    producer.send(new ProducerRecord<>(Topics.CITY_DAYS, city + "/" + day, Fixtures.json(s))).get();
  }

  private static void produceAlert(KafkaProducer<String, byte[]> producer, Alert a) throws Exception {
    producer.send(new ProducerRecord<>(Topics.ALERT_LOG, a.eventId(), Fixtures.json(a))).get();
  }

  private static Alert unfilled(String city, String vacancy, AlertState state, long time) {
    String alertId = Ids.alertId(vacancy, AlertType.UNFILLED_TECHNICAL_POST);
    return new Alert(alertId, Ids.alertEventId(alertId, state, time), time, 1, AlertType.UNFILLED_TECHNICAL_POST,
        state, city, Fixtures.WELDER, vacancy, "emp-0001", time - 31L * 86_400_000, 31, null, 6000, 8000, null,
        "焊工岗位空缺超过30天");
  }
}
