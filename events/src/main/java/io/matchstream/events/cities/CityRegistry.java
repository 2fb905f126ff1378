package io.matchstream.events.cities;

import io.matchstream.events.CsvTable;
import io.matchstream.events.CsvTable.Row;
import io.matchstream.events.ReferenceDataException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pilot cities. The default is the product's copy of the 39 cities; the official list was not
 * found, so a deployment may replace it with its own file in the same format.
 */
public final class CityRegistry implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String DEFAULT_RESOURCE = "/io/matchstream/events/cities/pilot-cities.csv";
  static final List<String> HEADER =
      List.of(
          "city_id", "name_zh", "name_en", "province_zh", "region", "adcode", "lat", "lon",
          "pilot_status", "size_weight");
  private static final Pattern CITY_ID = Pattern.compile("[a-z][a-z0-9_]{1,31}");
  private static final List<String> REGIONS = List.of("east", "central", "west", "northeast");
  private static final Set<String> STATUSES = Set.of("confirmed", "assumed");

  private static volatile CityRegistry defaultInstance;

  private final Map<String, City> cities;

  private CityRegistry(Map<String, City> cities) {
    this.cities = Collections.unmodifiableMap(cities);
  }

  /** The 39 pilot cities shipped with the product. */
  public static CityRegistry loadDefault() {
    CityRegistry r = defaultInstance;
    if (r == null) {
      r = build("classpath:" + DEFAULT_RESOURCE, CsvTable.readResource(DEFAULT_RESOURCE, HEADER));
      defaultInstance = r;
    }
    return r;
  }

  /**
   * Loads cities from a file in the product's format.
   *
   * @throws ReferenceDataException naming file, line and reason, for any defect
   */
  public static CityRegistry load(Path file) {
    return build(file.toString(), CsvTable.readFile(file, HEADER));
  }

  /** The file if given, else the default. */
  public static CityRegistry loadOrDefault(Path fileOrNull) {
    return fileOrNull == null ? loadDefault() : load(fileOrNull);
  }

  private static CityRegistry build(String source, List<Row> rows) {
    Map<String, City> cities = new LinkedHashMap<>();
    for (Row r : rows) {
      String id = r.get(0);
      if (!CITY_ID.matcher(id).matches() || id.equals("national")) {
        throw new ReferenceDataException(source, r.line(), "malformed city_id '" + id + "'");
      }
      if (!REGIONS.contains(r.get(4))) {
        throw new ReferenceDataException(
            source, r.line(), "region must be one of " + String.join(", ", REGIONS) + ", not '" + r.get(4) + "'");
      }
      if (!STATUSES.contains(r.get(8))) {
        throw new ReferenceDataException(
            source, r.line(), "pilot_status must be confirmed or assumed, not '" + r.get(8) + "'");
      }
      double lat = number(source, r, 6, "lat", -90, 90);
      double lon = number(source, r, 7, "lon", -180, 180);
      double weight = number(source, r, 9, "size_weight", 0.0001, 1000);
      City c = new City(id, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), lat, lon, r.get(8), weight);
      if (cities.put(id, c) != null) {
        throw new ReferenceDataException(source, r.line(), "duplicate city_id '" + id + "'");
      }
    }
    return new CityRegistry(cities);
  }

  private static double number(String source, Row r, int col, String name, double min, double max) {
    try {
      double v = Double.parseDouble(r.get(col));
      if (v < min || v > max || Double.isNaN(v)) {
        throw new ReferenceDataException(
            source, r.line(), name + " " + v + " is outside [" + min + ", " + max + "]");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ReferenceDataException(source, r.line(), name + " is not a number: '" + r.get(col) + "'");
    }
  }

  public boolean contains(String id) {
    return id != null && cities.containsKey(id);
  }

  /** The city with this id, or null. */
  public City get(String id) {
    return cities.get(id);
  }

  /** All cities, in file order. */
  public Collection<City> all() {
    return cities.values();
  }

  public Set<String> ids() {
    return cities.keySet();
  }

  public int size() {
    return cities.size();
  }
}
