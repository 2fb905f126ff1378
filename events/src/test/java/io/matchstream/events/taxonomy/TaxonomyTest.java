package io.matchstream.events.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matchstream.events.ReferenceDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {
  private final Taxonomy taxonomy = Taxonomy.loadDefault();

  /** The reference data the resources were built from, kept in the repository's data/reference. */
  private static Path referenceData() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("data/reference/csco2022-manufacturing-occupations.csv");
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("data/reference/csco2022-manufacturing-occupations.csv not found above the working directory");
  }

  @Test
  void everyOccupationCodeExistsInTheCscoFile() throws IOException {
    Set<String> cscoCodes =
        Files.readAllLines(referenceData()).stream()
            .skip(1)
            .map(line -> line.split(",", 3)[1])
            .collect(Collectors.toSet());
    assertThat(taxonomy.occupations()).hasSizeGreaterThanOrEqualTo(60);
    for (Occupation o : taxonomy.occupations()) {
      assertThat(cscoCodes).as("code of %s", o.nameZh()).contains(o.code());
    }
  }

  @Test
  void coversTheOccupationsTheFactoriesCannotFind() {
    Set<String> names = taxonomy.occupations().stream().map(Occupation::nameZh).collect(Collectors.toSet());
    assertThat(names)
        .contains("车工", "铣工", "焊工", "电工", "机修钳工", "多工序数控机床操作调整工",
            "工业机器人系统操作员", "工业机器人系统运维员", "质检员", "装配钳工",
            "机械设计工程技术人员", "电工电器工程技术人员", "自动控制工程技术人员", "智能制造工程技术人员");
  }

  @Test
  void everyOccupationHasAtLeastFiveSkillsAndSomeEssential() {
    for (Occupation o : taxonomy.occupations()) {
      assertThat(o.skills()).as("skills of %s", o.code()).hasSizeGreaterThanOrEqualTo(5);
      assertThat(o.essentialSkillIds()).as("essential skills of %s", o.code()).isNotEmpty();
      o.skills().forEach(s -> assertThat(taxonomy.skill(s.skillId())).isNotNull());
    }
  }

  @Test
  void idfWeightsAreFinitePositiveAndFavourRareSkills() {
    Set<Double> distinct = new HashSet<>();
    for (Skill s : taxonomy.skills()) {
      double w = taxonomy.idf(s.id());
      assertThat(w).as("idf of %s", s.label()).isFinite().isPositive();
      distinct.add(w);
    }
    assertThat(distinct).as("IDF must discriminate").hasSizeGreaterThan(3);
    Skill commonest =
        taxonomy.skills().stream().min((a, b) -> Double.compare(taxonomy.idf(a.id()), taxonomy.idf(b.id()))).orElseThrow();
    Skill rarest =
        taxonomy.skills().stream().max((a, b) -> Double.compare(taxonomy.idf(a.id()), taxonomy.idf(b.id()))).orElseThrow();
    long occurrencesOfCommonest =
        taxonomy.occupations().stream().filter(o -> o.skills().stream().anyMatch(r -> r.skillId().equals(commonest.id()))).count();
    long occurrencesOfRarest =
        taxonomy.occupations().stream().filter(o -> o.skills().stream().anyMatch(r -> r.skillId().equals(rarest.id()))).count();
    assertThat(occurrencesOfCommonest).isGreaterThan(occurrencesOfRarest);
  }

  @Test
  void familiesAreConsistentWithCodes() {
    assertThat(taxonomy.families()).isNotEmpty();
    taxonomy.families().forEach((family, members) -> {
      assertThat(family).matches("\\d-\\d{2}-\\d{2}");
      members.forEach(o -> assertThat(o.code()).startsWith(family + "-"));
      members.forEach(o -> assertThat(o.family()).isEqualTo(family));
    });
    int inFamilies = taxonomy.families().values().stream().mapToInt(List::size).sum();
    assertThat(inFamilies).isEqualTo(taxonomy.occupations().size());
    assertThat(taxonomy.occupation("6-18-01-07").family()).isEqualTo("6-18-01");
  }

  @Test
  void technicalPostsIncludeSkilledTradesAndEngineersButNotLineWork() {
    assertThat(taxonomy.occupation("6-18-02-04").technical()).as("焊工").isTrue();
    assertThat(taxonomy.occupation("6-18-01-07").technical()).as("多工序数控机床操作调整工").isTrue();
    assertThat(taxonomy.occupation("2-02-38-05").technical()).as("智能制造工程技术人员").isTrue();
    assertThat(taxonomy.occupation("6-31-03-05").technical()).as("质检员").isFalse();
  }

  @Test
  void aMalformedFileFailsAtStartWithFileLineAndReason(@TempDir Path dir) throws IOException {
    copyResources(dir);
    Path occupations = dir.resolve("occupations.csv");
    List<String> lines = Files.readAllLines(occupations);
    lines.set(3, lines.get(3).replaceFirst(",(true|false)$", ",perhaps"));
    Files.write(occupations, lines);
    assertThatThrownBy(() -> Taxonomy.load(dir))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessage(occupations + ":4: technical must be true or false, not 'perhaps'");
  }

  @Test
  void aSkillRelationToAnUnknownSkillFailsWithItsLine(@TempDir Path dir) throws IOException {
    copyResources(dir);
    Path relations = dir.resolve("occupation-skills.csv");
    List<String> lines = Files.readAllLines(relations);
    lines.set(1, lines.get(1).replaceFirst("sk-[0-9a-f]{10}", "sk-ffffffffff"));
    Files.write(relations, lines);
    assertThatThrownBy(() -> Taxonomy.load(dir))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessage(relations + ":2: unknown skill id 'sk-ffffffffff'");
  }

  @Test
  void everySkillHasTheProjectsChineseLabelBesideEscosEnglishOne() {
    assertThat(taxonomy.skills()).hasSize(1053);
    for (Skill s : taxonomy.skills()) {
      assertThat(s.labelZh()).as("Chinese label of %s (%s)", s.id(), s.label()).containsPattern("\\p{IsHan}");
      assertThat(s.label()).as("ESCO's English label of %s", s.id()).doesNotContainPattern("\\p{IsHan}");
    }
    Skill consult = bySkillLabel("consult technical resources");
    assertThat(consult.labelZh()).isEqualTo("查阅技术资料");
    assertThat(bySkillLabel("perform tungsten inert gas welding").labelZh()).contains("TIG");
  }

  @Test
  void noTwoSkillsShareAChineseLabel() {
    Map<String, List<String>> byZh =
        taxonomy.skills().stream()
            .collect(Collectors.groupingBy(Skill::labelZh, Collectors.mapping(Skill::label, Collectors.toList())));
    assertThat(byZh.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString))
        .as("Chinese labels given to more than one ESCO skill")
        .isEmpty();
  }

  @Test
  void aSkillWithoutAChineseLabelFailsWithItsLine(@TempDir Path dir) throws IOException {
    copyResources(dir);
    Path skills = dir.resolve("skills.csv");
    List<String> lines = Files.readAllLines(skills);
    String[] fields = lines.get(5).split(",", -1);
    fields[2] = "";
    lines.set(5, String.join(",", fields));
    Files.write(skills, lines);
    assertThatThrownBy(() -> Taxonomy.load(dir))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessage(skills + ":6: skill " + fields[0] + " has no Chinese label (label_zh '')");
  }

  @Test
  void aReplacementDirectoryLoadsLikeTheDefault(@TempDir Path dir) throws IOException {
    copyResources(dir);
    Taxonomy copy = Taxonomy.load(dir);
    assertThat(copy.occupations()).hasSameSizeAs(taxonomy.occupations());
    assertThat(copy.idf("sk-9a0c82fbd6")).isEqualTo(taxonomy.idf("sk-9a0c82fbd6"));
  }

  private Skill bySkillLabel(String label) {
    return taxonomy.skills().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow();
  }

  private static void copyResources(Path dir) throws IOException {
    for (String f : List.of("occupations.csv", "skills.csv", "occupation-skills.csv")) {
      try (var in = Taxonomy.class.getResourceAsStream(Taxonomy.RESOURCE_DIR + f)) {
        Files.copy(in, dir.resolve(f));
      }
    }
  }
}
