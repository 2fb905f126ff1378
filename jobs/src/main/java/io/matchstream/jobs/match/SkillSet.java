package io.matchstream.jobs.match;

/**
 * Something that may hold skills (dense ids): a candidate, or a summary of many entries in the
 * index. The scorer computes skill coverage against either with the same loop, so the index's
 * bound and the exact score are the same arithmetic on a superset and a subset of terms.
 */
public interface SkillSet {
  boolean has(int skill);
}
