package io.matchstream.events.taxonomy;

import java.io.Serializable;

/**
 * A skill from ESCO v1.1.1, with a Chinese label translated by this project (ESCO has none).
 *
 * @param id stable id, {@code sk-} and 10 hex digits of SHA-1 of the ESCO URI
 * @param label ESCO English label
 * @param labelZh Chinese label: this project's translation of {@code label}, not ESCO's
 * @param escoUri ESCO concept URI
 * @param type ESCO skill type (skill/competence or knowledge)
 */
public record Skill(String id, String label, String labelZh, String escoUri, String type)
    implements Serializable {}
