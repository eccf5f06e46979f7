package io.tokenfleet.hostile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** summary.csv of a fleet-cost output folder, read with commons-csv by column name. */
public final class SummaryFile {
  private SummaryFile() {}

  public static List<CSVRecord> read(Path outDir) throws IOException {
    try (Reader in = Files.newBufferedReader(outDir.resolve("summary.csv"), StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      return parser.getRecords();
    }
  }

  /** The one row of {@code model} (fails when there is not exactly one). */
  public static CSVRecord only(List<CSVRecord> rows, String model) {
    List<CSVRecord> matching = rows.stream().filter(r -> r.get("model").equals(model)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one summary row for " + model + ", got " + matching.size() + ": " + rows);
    }
    return matching.get(0);
  }
}
