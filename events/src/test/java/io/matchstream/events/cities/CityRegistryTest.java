package io.matchstream.events.cities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.ReferenceDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityRegistryTest {
  private static final String HEADER = String.join(",", CityRegistry.HEADER);

  @Test
  void theDefaultHoldsThe39PilotCitiesByRegion() {
    CityRegistry cities = CityRegistry.loadDefault();
    assertThat(cities.size()).isEqualTo(39);
    Map<String, Long> byRegion =
        cities.all().stream().collect(Collectors.groupingBy(City::region, Collectors.counting()));
    assertThat(byRegion).containsExactlyInAnyOrderEntriesOf(
        Map.of("east", 15L, "central", 9L, "west", 12L, "northeast", 3L));
    assertThat(cities.all().stream().filter(c -> c.pilotStatus().equals("confirmed")).map(City::id))
        .containsExactlyInAnyOrder("beijing", "tianjin", "tangshan", "shenzhen", "suzhou");
    City ningbo = cities.get("ningbo");
    assertThat(ningbo.nameZh()).isEqualTo("宁波");
    assertThat(ningbo.sizeWeight()).isEqualTo(1.0);
    assertThat(ningbo.lat()).isBetween(29.0, 30.5);
  }

  @Test
  void aUserMayReplaceTheListWithAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cities.csv");
    Files.write(file, List.of(HEADER,
        "foshan,佛山,Foshan,广东省,east,440600,23.0215,113.1214,confirmed,1.1"));
    CityRegistry cities = CityRegistry.loadOrDefault(file);
    assertThat(cities.ids()).containsExactly("foshan");
    assertThat(cities.get("foshan").pilotStatus()).isEqualTo("confirmed");
  }

  @Test
  void aMalformedFileFailsWithFileLineAndReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cities.csv");
    Files.write(file, List.of(HEADER,
        "foshan,佛山,Foshan,广东省,east,440600,23.0215,113.1214,confirmed,1.1",
        "dali,大理,Dali,云南省,south-west,532900,25.6,100.2,assumed,0.3"));
    assertThatThrownBy(() -> CityRegistry.load(file))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessage(file + ":3: region must be one of east, central, west, northeast, not 'south-west'");
  }

  @Test
  void aWrongColumnCountOrBadNumberNamesTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cities.csv");
    Files.write(file, List.of(HEADER, "foshan,佛山,Foshan,广东省,east,440600,north,113.1,confirmed,1.1"));
    assertThatThrownBy(() -> CityRegistry.load(file)).hasMessage(file + ":2: lat is not a number: 'north'");
    Files.write(file, List.of(HEADER, "foshan,佛山,Foshan"));
    assertThatThrownBy(() -> CityRegistry.load(file)).hasMessage(file + ":2: expected 10 columns, found 3");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path file = dir.resolve("nope.csv");
    assertThatThrownBy(() -> CityRegistry.load(file)).hasMessage(file + ": file not found");
  }
}
