package io.matchstream.jobs.match;

/**
 * The skills one pool key has seen, numbered densely in order of arrival: the bit positions of its
 * two indexes' skill summaries (a family pool uses ~100 of the 1,053 skills, so bitsets stay a few
 * words wide). Shared by the key's vacancy and candidate index; a {@code char} per skill rank.
 */
final class Vocabulary {
  private final char[] localPlusOne;
  private int size;

  Vocabulary(int ranks) {
    this.localPlusOne = new char[ranks];
  }

  /** The local number of a skill rank, or -1 if never seen. */
  int local(int rank) {
    return localPlusOne[rank] - 1;
  }

  /** The local number of a skill rank, numbering it if new. */
  int learn(int rank) {
    if (localPlusOne[rank] == 0) {
      localPlusOne[rank] = (char) ++size;
    }
    return localPlusOne[rank] - 1;
  }

  int size() {
    return size;
  }
}
