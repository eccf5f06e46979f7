package io.tokenfleet.cost.calibration;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the Splitwise simulator's performance table (Mutinifni/splitwise-sim, data/perf_model.csv,
 * MIT): columns model, hardware, prompt_size, batch_size, token_size, prompt_time, token_time,
 * tensor_parallel (others ignored). prompt_time and token_time are milliseconds.
 */
public final class SplitwiseCsv {
  private SplitwiseCsv() {}

  static final String[] REQUIRED = {
      "model", "hardware", "prompt_size", "batch_size", "token_size", "prompt_time", "token_time", "tensor_parallel"};

  /**
   * All rows of {@code in}.
   *
   * @throws IllegalArgumentException naming the line and column of the first malformed value or a
   *     missing column (a calibration input is small and curated: one bad value is an error)
   */
  public static List<MeasuredStep> read(Reader in) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<MeasuredStep> rows = new ArrayList<>();
    try (CSVParser parser = format.parse(in)) {
      for (String column : REQUIRED) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw new IllegalArgumentException("calibration file lacks column '" + column + "' (has " + parser.getHeaderNames() + ")");
        }
      }
      for (CSVRecord r : parser) {
        long line = r.getRecordNumber() + 1;
        rows.add(new MeasuredStep(line, r.get("model"), r.get("hardware"),
            (int) positiveLong(r, "tensor_parallel", line),
            positiveLong(r, "prompt_size", line),
            (int) positiveLong(r, "batch_size", line),
            positiveLong(r, "token_size", line),
            positiveMillis(r, "prompt_time", line) / 1e3,
            positiveMillis(r, "token_time", line) / 1e3));
      }
    }
    return rows;
  }

  private static long positiveLong(CSVRecord r, String column, long line) {
    String text = r.get(column);
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("line " + line + ": " + column + " is not an integer: '" + text + "'");
    }
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("line " + line + ": " + column + " must be in 1.." + Integer.MAX_VALUE + ", got " + v);
    }
    return v;
  }

  private static double positiveMillis(CSVRecord r, String column, long line) {
    String text = r.get(column);
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("line " + line + ": " + column + " is not a number: '" + text + "'");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("line " + line + ": " + column + " must be > 0 ms, got " + text);
    }
    return v;
  }
}
