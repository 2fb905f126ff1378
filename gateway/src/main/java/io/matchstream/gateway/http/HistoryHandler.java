package io.matchstream.gateway.http;

import io.matchstream.events.AlertState;
import io.matchstream.events.CityStats;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Taxonomy;
import io.matchstream.gateway.auth.Viewer;
import io.matchstream.gateway.history.AlertChange;
import io.matchstream.gateway.history.DayFigures;
import io.matchstream.gateway.history.HistoryStore;
import io.matchstream.gateway.web.ApiError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Past days (docs/protocol.md, "History"): {@code GET /api/history/national}, {@code
 * /api/history/cities}, {@code /api/history/cities/{cityId}} and {@code /api/history/alerts}, each
 * for {@code from}..{@code to} (Shanghai days, both included), as JSON or, with {@code format=csv},
 * as a CSV download. The same access as the live REST: the nation for the ministry, a city for its
 * viewer and the ministry.
 */
public final class HistoryHandler {
  public static final String NATIONAL = "/api/history/national";
  public static final String CITIES = "/api/history/cities";
  public static final String CITY = "/api/history/cities/:cityId";
  public static final String ALERTS = "/api/history/alerts";
  public static final List<String> PATHS = List.of(NATIONAL, CITIES, CITY, ALERTS);

  private final HistoryStore store;
  private final CityRegistry cities;
  private final HistoryCsv csv;

  public HistoryHandler(HistoryStore store, CityRegistry cities, Taxonomy taxonomy) {
    this.store = store;
    this.cities = cities;
    this.csv = new HistoryCsv(cities, taxonomy);
  }

  void mount(Router router) {
    router.get(NATIONAL).handler(this::national);
    router.get(CITIES).handler(this::allCities);
    router.get(CITY).handler(this::city);
    router.get(ALERTS).handler(this::alerts);
  }

  private void national(RoutingContext ctx) {
    if (!ApiAuthHandler.viewer(ctx).isMinistry()) {
      ApiError.send(ctx, 403, "forbidden", null, "national figures are for the ministry only");
      return;
    }
    Request r = request(ctx);
    if (r == null) return;
    days(ctx, r, CityStats.NATIONAL, Map.of(CityStats.NATIONAL, store.days(CityStats.NATIONAL, r.from, r.to)));
  }

  private void city(RoutingContext ctx) {
    String cityId = ctx.pathParam("cityId");
    if (!cities.contains(cityId)) {
      ApiError.send(ctx, 404, "not_found", "cityId", "cityId '" + StatsHandler.clip(cityId) + "' is not a pilot city");
      return;
    }
    if (!ApiAuthHandler.viewer(ctx).maySeeCity(cityId)) {
      ApiError.send(ctx, 403, "forbidden", "cityId", "this viewer may not see " + cityId);
      return;
    }
    Request r = request(ctx);
    if (r == null) return;
    days(ctx, r, cityId, Map.of(cityId, store.days(cityId, r.from, r.to)));
  }

  /** Every city the viewer may see: all for the ministry, its own for a city viewer. */
  private void allCities(RoutingContext ctx) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    Request r = request(ctx);
    if (r == null) return;
    Map<String, List<DayFigures>> out = new LinkedHashMap<>();
    if (viewer.isMinistry()) {
      out.putAll(store.allCities(r.from, r.to));
    } else {
      List<DayFigures> own = store.days(viewer.city(), r.from, r.to);
      if (!own.isEmpty()) out.put(viewer.city(), own);
    }
    if (r.csv) {
      csv(ctx, r, "cities", csv.days(out));
    } else {
      Map<String, Object> body = range(r);
      body.put("cities", out);
      Json.ok(ctx, body);
    }
  }

  private void alerts(RoutingContext ctx) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    String city = ctx.request().getParam("city");
    if (city != null && !cities.contains(city)) {
      ApiError.badParameter(ctx, "city", "city must be a pilot city id, not '" + StatsHandler.clip(city) + "'");
      return;
    }
    if (city != null && !viewer.maySeeCity(city)) {
      ApiError.send(ctx, 403, "forbidden", "city", "this viewer may not see " + city);
      return;
    }
    String stateParam = ctx.request().getParam("state");
    if (stateParam != null && !stateParam.equals("FIRING") && !stateParam.equals("RESOLVED")) {
      ApiError.badParameter(ctx, "state", "state must be FIRING or RESOLVED");
      return;
    }
    Request r = request(ctx);
    if (r == null) return;
    HistoryStore.AlertRange range = store.alerts(r.from, r.to, viewer.isMinistry() ? city : viewer.city());
    List<AlertChange> changes = stateParam == null ? range.changes()
        : range.changes().stream().filter(c -> c.state() == AlertState.valueOf(stateParam)).toList();
    if (r.csv) {
      csv(ctx, r, "alerts", csv.alerts(changes));
    } else {
      Map<String, Object> body = range(r);
      body.put("complete", range.complete());
      body.put("changes", changes);
      Json.ok(ctx, body);
    }
  }

  private void days(RoutingContext ctx, Request r, String cityId, Map<String, List<DayFigures>> days) {
    if (r.csv) {
      csv(ctx, r, cityId, csv.days(days));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("cityId", cityId);
      body.putAll(range(r));
      body.put("days", days.get(cityId));
      Json.ok(ctx, body);
    }
  }

  private static Map<String, Object> range(Request r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", r.from.toString());
    body.put("to", r.to.toString());
    return body;
  }

  private static void csv(RoutingContext ctx, Request r, String what, String body) {
    ctx.response()
        .putHeader("Content-Type", HistoryCsv.CONTENT_TYPE)
        .putHeader("Content-Disposition",
            "attachment; filename=\"matchstream-" + what + "-" + r.from + "-" + r.to + ".csv\"")
        .end(body);
  }

  /** A validated range and format. */
  private record Request(LocalDate from, LocalDate to, boolean csv) {}

  /**
   * Reads {@code from}, {@code to} and {@code format}; answers 400 naming the parameter (or 503
   * while the history is still being read) and returns null when they do not hold.
   */
  private Request request(RoutingContext ctx) {
    String fromParam = ctx.request().getParam("from");
    String toParam = ctx.request().getParam("to");
    String format = ctx.request().getParam("format");
    LocalDate from = HistoryStore.parseDay(fromParam);
    if (from == null) {
      ApiError.badParameter(ctx, "from", fromParam == null ? "from is required, a day as yyyy-MM-dd"
          : "from must be a day as yyyy-MM-dd, not '" + StatsHandler.clip(fromParam) + "'");
      return null;
    }
    LocalDate to = HistoryStore.parseDay(toParam);
    if (to == null) {
      ApiError.badParameter(ctx, "to", toParam == null ? "to is required, a day as yyyy-MM-dd"
          : "to must be a day as yyyy-MM-dd, not '" + StatsHandler.clip(toParam) + "'");
      return null;
    }
    if (to.isBefore(from)) {
      ApiError.badParameter(ctx, "to", "to (" + to + ") is before from (" + from + ")");
      return null;
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    int max = store.config().maxRangeDays();
    if (days > max) {
      ApiError.badParameter(ctx, "to", "the range from " + from + " to " + to + " is " + days + " days; at most " + max);
      return null;
    }
    if (format != null && !format.equals("json") && !format.equals("csv")) {
      ApiError.badParameter(ctx, "format", "format must be json or csv");
      return null;
    }
    if (!store.loaded()) {
      ctx.response().putHeader("Retry-After", "5");
      ApiError.send(ctx, 503, "unavailable", null, "past days are still being read from Kafka");
      return null;
    }
    return new Request(from, to, "csv".equals(format));
  }
}
