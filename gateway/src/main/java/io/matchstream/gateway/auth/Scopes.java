package io.matchstream.gateway.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Capabilities a token may carry beyond reading, in its {@code scope} claim (space-separated, as
 * in OAuth 2.0). Reading needs none: a token without scopes is a viewer. Unknown scopes are
 * ignored on read (deny by default) and refused when minting.
 */
public final class Scopes {
  /** Record outcomes of the matches of the cities the token may see ({@code POST /api/outcomes}). */
  public static final String WRITE_OUTCOMES = "write:outcomes";

  static final Set<String> KNOWN = Set.of(WRITE_OUTCOMES);

  private Scopes() {}

  /** The known scopes of a {@code scope} claim, in order. */
  static Set<String> parse(String claim) {
    Set<String> out = new TreeSet<>();
    Arrays.stream(claim.trim().split(" +")).filter(KNOWN::contains).forEach(out::add);
    return Set.copyOf(out);
  }

  /** The claim for a set of scopes; each must be known. */
  static String claim(Set<String> scopes) {
    for (String s : scopes) {
      if (!KNOWN.contains(s)) throw new IllegalArgumentException("unknown scope '" + s + "' (known: " + KNOWN + ")");
    }
    return String.join(" ", new TreeSet<>(scopes));
  }
}
