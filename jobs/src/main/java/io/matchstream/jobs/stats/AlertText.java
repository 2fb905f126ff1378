package io.matchstream.jobs.stats;

import io.matchstream.events.AlertState;
import io.matchstream.events.cities.City;
import io.matchstream.events.cities.CityRegistry;
import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.Locale;

/** The one-line Chinese messages of alerts, with city and occupation names from reference data. */
public final class AlertText {
  private final CityRegistry cities;
  private final Taxonomy taxonomy;

  public AlertText(CityRegistry cities, Taxonomy taxonomy) {
    this.cities = cities;
    this.taxonomy = taxonomy;
  }

  public static AlertText loadDefault() {
    return new AlertText(CityRegistry.loadDefault(), Taxonomy.loadDefault());
  }

  public String unfilled(String cityId, String code, String employerId, int daysOpen, AlertState state,
      String why) {
    String head = city(cityId) + " " + occupation(code) + " 技术岗位（" + employerId + "）";
    return state == AlertState.FIRING
        ? head + "已空缺 " + daysOpen + " 天，超过阈值"
        : head + why + "，告警解除（空缺 " + daysOpen + " 天）";
  }

  public String shortage(String cityId, String code, double ratio, AlertState state) {
    String r = String.format(Locale.ROOT, "%.2f", ratio);
    return state == AlertState.FIRING
        ? city(cityId) + " " + occupation(code) + " 求人倍率持续偏高：" + r
        : city(cityId) + " " + occupation(code) + " 求人倍率回落至 " + r + "，短缺告警解除";
  }

  private String city(String id) {
    City c = cities.contains(id) ? cities.get(id) : null;
    return c == null ? id : c.nameZh();
  }

  private String occupation(String code) {
    Occupation o = taxonomy.hasOccupation(code) ? taxonomy.occupation(code) : null;
    return o == null ? code : o.nameZh() + "（" + code + "）";
  }
}
