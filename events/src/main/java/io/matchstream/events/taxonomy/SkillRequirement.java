package io.matchstream.events.taxonomy;

import java.io.Serializable;

/**
 * A skill an occupation calls for.
 *
 * @param skillId the skill's id
 * @param essential essential (true) or optional (false) in ESCO's relation
 */
public record SkillRequirement(String skillId, boolean essential) implements Serializable {}
