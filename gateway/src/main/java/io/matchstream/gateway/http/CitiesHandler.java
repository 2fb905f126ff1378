package io.matchstream.gateway.http;

import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.gateway.auth.Viewer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/cities}: the cities the viewer may see. */
final class CitiesHandler implements Handler<RoutingContext> {
  private final CityRegistry cities;

  CitiesHandler(CityRegistry cities) {
    this.cities = cities;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Viewer viewer = ApiAuthHandler.viewer(ctx);
    List<Map<String, Object>> out =
        cities.all().stream().filter(c -> viewer.maySeeCity(c.id())).map(CitiesHandler::json).toList();
    Json.ok(ctx, out);
  }

  private static Map<String, Object> json(City c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("nameZh", c.nameZh());
    m.put("nameEn", c.nameEn());
    m.put("provinceZh", c.provinceZh());
    m.put("region", c.region());
    m.put("lat", c.lat());
    m.put("lon", c.lon());
    m.put("pilotStatus", c.pilotStatus());
    return m;
  }
}
