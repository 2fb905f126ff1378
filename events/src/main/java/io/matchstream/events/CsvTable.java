package io.matchstream.events;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small reader for the project's reference CSV files (RFC 4180, UTF-8, a header line), which
 * checks the header and the column count and reports defects with file and line.
 */
public final class CsvTable {
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  /** One data row with its 1-based line number in the file. */
  public record Row(long line, String[] cells) {
    public String get(int column) {
      return cells[column];
    }
  }

  private CsvTable() {}

  /** Reads a classpath resource. */
  public static List<Row> readResource(String resource, List<String> header) {
    try (InputStream in = CsvTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ReferenceDataException(resource, "resource not found on the classpath", null);
      }
      return read(resource, in, header);
    } catch (IOException e) {
      throw new ReferenceDataException(resource, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads a file. */
  public static List<Row> readFile(Path file, List<String> header) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in, header);
    } catch (NoSuchFileException e) {
      throw new ReferenceDataException(file.toString(), "file not found", e);
    } catch (IOException e) {
      throw new ReferenceDataException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  private static List<Row> read(String source, InputStream in, List<String> header)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(in)) {
      boolean first = true;
      while (true) {
        long line = it.getCurrentLocation().getLineNr();
        String[] cells;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          line = it.getCurrentLocation().getLineNr();
          cells = it.nextValue();
        } catch (RuntimeException | IOException e) {
          throw new ReferenceDataException(source, line, "not valid CSV: " + e.getMessage());
        }
        if (first) {
          first = false;
          if (!Arrays.asList(cells).equals(header)) {
            throw new ReferenceDataException(
                source, line, "header must be " + String.join(",", header) + " but is " + String.join(",", cells));
          }
          continue;
        }
        if (cells.length == 1 && cells[0].isBlank()) {
          continue;
        }
        if (cells.length != header.size()) {
          throw new ReferenceDataException(
              source, line, "expected " + header.size() + " columns, found " + cells.length);
        }
        rows.add(new Row(line, cells));
      }
    }
    if (rows.isEmpty()) {
      throw new ReferenceDataException(source, 1, "no data rows");
    }
    return rows;
  }
}
