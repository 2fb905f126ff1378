package io.matchstream.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an options table ({@code | key | default | environment | meaning |}) out of a README, so
 * that each module's tests can hold its documented options to the options it declares. Keys
 * written as {@code `match.weight.skills` / `.level`} share the first key's prefix.
 */
public final class ReadmeTables {
  private ReadmeTables() {}

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** One table row: its keys (expanded), its default cell and its environment cell. */
  public record Row(List<String> keys, String defaults, String environment) {
    /** The default cell's code spans, one per key; empty when it states none ("none", a link). */
    public List<String> defaultValues() {
      return codeSpans(defaults);
    }

    /** The environment cell's code spans. */
    public List<String> environmentNames() {
      return codeSpans(environment);
    }
  }

  /**
   * The table after the first line starting with {@code marker} (e.g. {@code **Jobs**} or
   * {@code ## Options}), up to the first line that is not a table row after it.
   *
   * @throws IllegalStateException if there is no such table
   */
  public static List<Row> table(String readme, String marker) {
    List<Row> rows = new ArrayList<>();
    boolean inSection = false;
    boolean inTable = false;
    for (String line : readme.split("\n")) {
      if (!inSection) {
        inSection = line.startsWith(marker);
        continue;
      }
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      String[] cells = line.split("\\|", -1);
      if (cells.length < 5 || cells[1].isBlank() || cells[1].contains("---")
          || cells[1].trim().equalsIgnoreCase("key") || cells[1].trim().equalsIgnoreCase("option")) {
        continue;
      }
      rows.add(new Row(expand(codeSpans(cells[1])), cells[2], cells[3]));
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no options table after '" + marker + "'");
    }
    return rows;
  }

  /** Every key of a table. */
  public static List<String> keys(List<Row> rows) {
    List<String> keys = new ArrayList<>();
    rows.forEach(r -> keys.addAll(r.keys()));
    return keys;
  }

  /** {@code match.weight.skills, .level} → {@code match.weight.skills, match.weight.level}. */
  static List<String> expand(List<String> spans) {
    List<String> keys = new ArrayList<>();
    String prefix = "";
    for (String s : spans) {
      String k = s.startsWith("--") ? s.substring(2) : s;
      if (k.startsWith(".")) {
        keys.add(prefix + k);
      } else {
        keys.add(k);
        prefix = k.contains(".") ? k.substring(0, k.lastIndexOf('.')) : "";
      }
    }
    return keys;
  }

  /** The {@code `code`} spans of a cell. */
  public static List<String> codeSpans(String cell) {
    List<String> out = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** A file of the repository, found from the working directory up (tests run in a module's). */
  public static String repositoryFile(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve(name))) {
        try {
          return Files.readString(dir.resolve(name));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
  }
}
