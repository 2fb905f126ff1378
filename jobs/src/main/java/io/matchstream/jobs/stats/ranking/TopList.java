package io.matchstream.jobs.stats.ranking;

import java.util.ArrayList;
import java.util.List;

/**
 * A ranked list of occupations with their demand and supply, rank 1 first, and its compact text
 * form for Flink state ({@code code:demand:seekers} joined by {@code ,}): a String is a type Flink
 * serializes natively (no Kryo), and a city's top 20 is ~400 bytes.
 */
public final class TopList {
  private TopList() {}

  /**
   * One occupation of a list.
   *
   * @param code CSCO code
   * @param demand open vacancies
   * @param seekers available candidates seeking it
   */
  public record Line(String code, long demand, long seekers) {
    public long gap() {
      return demand - seekers;
    }
  }

  public static String encode(List<Line> lines) {
    StringBuilder b = new StringBuilder(lines.size() * 20);
    for (Line l : lines) {
      if (b.length() > 0) b.append(',');
      b.append(l.code).append(':').append(l.demand).append(':').append(l.seekers);
    }
    return b.toString();
  }

  public static List<Line> decode(String text) {
    List<Line> out = new ArrayList<>();
    if (text == null || text.isEmpty()) return out;
    for (String part : text.split(",")) {
      String[] f = part.split(":");
      out.add(new Line(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
    }
    return out;
  }
}
