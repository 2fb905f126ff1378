package io.matchstream.events.taxonomy;

import java.io.Serializable;
import java.util.List;

/**
 * A manufacturing occupation of China's 2022 occupational classification (CSCO), with its skills
 * taken from ESCO through the project's crosswalk.
 *
 * @param code CSCO code, e.g. {@code 6-18-01-07}
 * @param nameZh official Chinese name
 * @param nameEn short English name
 * @param aliases other names in use (Chinese)
 * @param family CSCO minor group, the first three segments of the code, e.g. {@code 6-18-01}
 * @param technical whether posts of this occupation are technical (long recruitment cycle)
 * @param skills skills called for, essential first
 */
public record Occupation(
    String code,
    String nameZh,
    String nameEn,
    List<String> aliases,
    String family,
    boolean technical,
    List<SkillRequirement> skills)
    implements Serializable {

  /** The family (CSCO minor group) of a code: its first three dash-separated segments. */
  public static String familyOf(String code) {
    int dash = code.indexOf('-', code.indexOf('-', code.indexOf('-') + 1) + 1);
    return dash < 0 ? code : code.substring(0, dash);
  }

  public List<String> essentialSkillIds() {
    return skills.stream().filter(SkillRequirement::essential).map(SkillRequirement::skillId).toList();
  }

  public List<String> optionalSkillIds() {
    return skills.stream().filter(s -> !s.essential()).map(SkillRequirement::skillId).toList();
  }
}
