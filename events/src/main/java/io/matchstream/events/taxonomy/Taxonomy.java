package io.matchstream.events.taxonomy;

import io.matchstream.events.CsvTable;
import io.matchstream.events.CsvTable.Row;
import io.matchstream.events.ReferenceDataException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The occupations the product knows and their skills, with an IDF weight per skill so that a skill
 * every occupation calls for ("work safely") counts less in matching than a rare one ("TIG
 * welding"). Built from product resources (see the module README); immutable and serialisable, so
 * Flink functions may hold it.
 */
public final class Taxonomy implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String RESOURCE_DIR = "/io/matchstream/events/taxonomy/";
  static final List<String> OCCUPATIONS_HEADER =
      List.of("code", "name_zh", "name_en", "aliases", "family", "technical");
  static final List<String> SKILLS_HEADER = List.of("skill_id", "label", "label_zh", "esco_uri", "skill_type");
  static final List<String> RELATIONS_HEADER = List.of("code", "skill_id", "relation");

  private static final Pattern CODE = Pattern.compile("\\d-\\d{2}-\\d{2}-\\d{2}");
  private static final Pattern SKILL_ID = Pattern.compile("sk-[0-9a-f]{10}");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  private static volatile Taxonomy defaultInstance;

  private final Map<String, Occupation> occupations;
  private final Map<String, Skill> skills;
  private final Map<String, Double> idf;
  private final Map<String, List<Occupation>> families;

  private Taxonomy(Map<String, Occupation> occupations, Map<String, Skill> skills) {
    this.occupations = Collections.unmodifiableMap(occupations);
    this.skills = Collections.unmodifiableMap(skills);
    this.idf = Collections.unmodifiableMap(computeIdf(occupations.values()));
    Map<String, List<Occupation>> byFamily = new LinkedHashMap<>();
    for (Occupation o : occupations.values()) {
      byFamily.computeIfAbsent(o.family(), f -> new ArrayList<>()).add(o);
    }
    byFamily.replaceAll((f, list) -> List.copyOf(list));
    this.families = Collections.unmodifiableMap(byFamily);
  }

  /** The taxonomy shipped with the product (loaded once, then shared). */
  public static Taxonomy loadDefault() {
    Taxonomy t = defaultInstance;
    if (t == null) {
      synchronized (Taxonomy.class) {
        t = defaultInstance;
        if (t == null) {
          t =
              build(
                  "classpath:" + RESOURCE_DIR,
                  CsvTable.readResource(RESOURCE_DIR + "occupations.csv", OCCUPATIONS_HEADER),
                  CsvTable.readResource(RESOURCE_DIR + "skills.csv", SKILLS_HEADER),
                  CsvTable.readResource(RESOURCE_DIR + "occupation-skills.csv", RELATIONS_HEADER));
          defaultInstance = t;
        }
      }
    }
    return t;
  }

  /**
   * Loads a taxonomy from a directory holding {@code occupations.csv}, {@code skills.csv} and
   * {@code occupation-skills.csv} in the product's formats.
   *
   * @throws ReferenceDataException naming file, line and reason, for any defect
   */
  public static Taxonomy load(Path dir) {
    return build(
        dir.toString() + dir.getFileSystem().getSeparator(),
        CsvTable.readFile(dir.resolve("occupations.csv"), OCCUPATIONS_HEADER),
        CsvTable.readFile(dir.resolve("skills.csv"), SKILLS_HEADER),
        CsvTable.readFile(dir.resolve("occupation-skills.csv"), RELATIONS_HEADER));
  }

  private static Taxonomy build(String source, List<Row> occRows, List<Row> skillRows, List<Row> relRows) {
    Map<String, Skill> skills = new LinkedHashMap<>();
    String skillsFile = source + "skills.csv";
    for (Row r : skillRows) {
      String id = r.get(0);
      if (!SKILL_ID.matcher(id).matches()) {
        throw new ReferenceDataException(skillsFile, r.line(), "malformed skill id '" + id + "'");
      }
      String labelZh = r.get(2);
      if (!HAN.matcher(labelZh).find()) {
        throw new ReferenceDataException(
            skillsFile, r.line(), "skill " + id + " has no Chinese label (label_zh '" + labelZh + "')");
      }
      if (skills.put(id, new Skill(id, r.get(1), labelZh, r.get(3), r.get(4))) != null) {
        throw new ReferenceDataException(skillsFile, r.line(), "duplicate skill id '" + id + "'");
      }
    }

    Map<String, List<SkillRequirement>> requirements = new HashMap<>();
    String relFile = source + "occupation-skills.csv";
    for (Row r : relRows) {
      String code = r.get(0);
      String skillId = r.get(1);
      String relation = r.get(2);
      if (!skills.containsKey(skillId)) {
        throw new ReferenceDataException(relFile, r.line(), "unknown skill id '" + skillId + "'");
      }
      if (!relation.equals("essential") && !relation.equals("optional")) {
        throw new ReferenceDataException(
            relFile, r.line(), "relation must be essential or optional, not '" + relation + "'");
      }
      requirements
          .computeIfAbsent(code, c -> new ArrayList<>())
          .add(new SkillRequirement(skillId, relation.equals("essential")));
    }

    Map<String, Occupation> occupations = new LinkedHashMap<>();
    String occFile = source + "occupations.csv";
    for (Row r : occRows) {
      String code = r.get(0);
      if (!CODE.matcher(code).matches()) {
        throw new ReferenceDataException(occFile, r.line(), "malformed CSCO code '" + code + "'");
      }
      String family = r.get(4);
      if (!family.equals(Occupation.familyOf(code))) {
        throw new ReferenceDataException(
            occFile, r.line(), "family '" + family + "' does not match code " + code);
      }
      String technical = r.get(5);
      if (!technical.equals("true") && !technical.equals("false")) {
        throw new ReferenceDataException(
            occFile, r.line(), "technical must be true or false, not '" + technical + "'");
      }
      List<SkillRequirement> reqs = new ArrayList<>(requirements.getOrDefault(code, List.of()));
      if (reqs.isEmpty()) {
        throw new ReferenceDataException(occFile, r.line(), "occupation " + code + " has no skills");
      }
      reqs.sort((a, b) -> Boolean.compare(b.essential(), a.essential()));
      List<String> aliases = r.get(3).isEmpty() ? List.of() : List.of(r.get(3).split("\\|"));
      Occupation o =
          new Occupation(
              code, r.get(1), r.get(2), aliases, family, technical.equals("true"), List.copyOf(reqs));
      if (occupations.put(code, o) != null) {
        throw new ReferenceDataException(occFile, r.line(), "duplicate occupation " + code);
      }
    }
    for (String code : requirements.keySet()) {
      if (!occupations.containsKey(code)) {
        throw new ReferenceDataException(relFile, 0, "skills listed for unknown occupation " + code);
      }
    }
    return new Taxonomy(occupations, skills);
  }

  /** idf(s) = ln((N + 1) / (df(s) + 1)) + 1: positive and finite for every skill in use. */
  private static Map<String, Double> computeIdf(Collection<Occupation> occupations) {
    Map<String, Integer> df = new HashMap<>();
    for (Occupation o : occupations) {
      for (SkillRequirement s : o.skills()) {
        df.merge(s.skillId(), 1, Integer::sum);
      }
    }
    int n = occupations.size();
    Map<String, Double> idf = new HashMap<>();
    df.forEach((skill, count) -> idf.put(skill, Math.log((n + 1.0) / (count + 1.0)) + 1.0));
    return idf;
  }

  /** The occupation with this code, or null. */
  public Occupation occupation(String code) {
    return occupations.get(code);
  }

  public boolean hasOccupation(String code) {
    return code != null && occupations.containsKey(code);
  }

  /** All occupations, in file order. */
  public Collection<Occupation> occupations() {
    return occupations.values();
  }

  /** The skill with this id, or null. */
  public Skill skill(String id) {
    return skills.get(id);
  }

  public boolean hasSkill(String id) {
    return id != null && skills.containsKey(id);
  }

  public Collection<Skill> skills() {
    return skills.values();
  }

  /** The IDF weight of a skill; 1.0 for a skill no occupation lists. */
  public double idf(String skillId) {
    return idf.getOrDefault(skillId, 1.0);
  }

  /** Families (CSCO minor groups) and their occupations. */
  public Map<String, List<Occupation>> families() {
    return families;
  }
}
