package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * summary.csv: UTF-8, RFC 4180 quoting (a field is quoted only when it holds a comma, quote, CR or
 * LF), LF line ends, the header of {@link SummaryColumn}, rows in {@link SummaryOrder#KEY} order and
 * numbers per {@link ExactNumbers}. The same rows always give the same bytes.
 */
public final class SummaryCsv {
  private SummaryCsv() {}

  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setRecordSeparator("\n")
      .setQuoteMode(QuoteMode.MINIMAL)
      .get();

  /** Writes {@code rows} (any order) as CSV text to {@code out}. */
  public static void write(List<SummaryRow> rows, Writer out) throws IOException {
    List<SummaryRow> sorted = SummaryOrder.sorted(rows);
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord((Object[]) SummaryColumn.header());
      List<String> fields = new ArrayList<>(SummaryColumn.values().length);
      for (SummaryRow row : sorted) {
        fields.clear();
        for (SummaryColumn column : SummaryColumn.values()) {
          fields.add(column.csvText(row));
        }
        printer.printRecord(fields);
      }
      printer.flush();
    }
  }

  /** The CSV text of {@code rows}. */
  public static String toCsv(List<SummaryRow> rows) {
    StringWriter out = new StringWriter();
    try {
      write(rows, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes {@code rows} to {@code file} (UTF-8), replacing it. */
  public static void write(List<SummaryRow> rows, Path file) throws IOException {
    Files.writeString(file, toCsv(rows), StandardCharsets.UTF_8);
  }

  /**
   * Reads a summary.csv written by {@link #write(List, Writer)} (or by hand, in any row order).
   *
   * @throws IllegalArgumentException naming the line and column of the first bad field, or the header
   *     difference
   */
  public static List<SummaryRow> read(Reader in) throws IOException {
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
      List<SummaryRow> rows = new ArrayList<>();
      boolean header = true;
      for (CSVRecord record : parser) {
        if (header) {
          String[] expected = SummaryColumn.header();
          String[] actual = record.values();
          if (!Arrays.equals(expected, actual)) {
            throw new IllegalArgumentException("summary.csv header must be " + String.join(",", expected)
                + ", got " + String.join(",", actual));
          }
          header = false;
          continue;
        }
        rows.add(parseRow(record));
      }
      if (header) {
        throw new IllegalArgumentException("summary.csv is empty (expected a header line)");
      }
      return rows;
    }
  }

  private static SummaryRow parseRow(CSVRecord record) {
    SummaryColumn[] columns = SummaryColumn.values();
    // the header is record 1, so data record n starts on line n when no field spans lines
    long line = record.getRecordNumber();
    if (record.size() != columns.length) {
      throw new IllegalArgumentException("summary.csv line " + line + ": expected " + columns.length
          + " fields, got " + record.size());
    }
    Map<SummaryColumn, Object> v = new EnumMap<>(SummaryColumn.class);
    for (int i = 0; i < columns.length; i++) {
      try {
        v.put(columns[i], columns[i].type().parse(record.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("summary.csv line " + line + ", column " + columns[i].columnName()
            + ": " + e.getMessage(), e);
      }
    }
    return new SummaryRow(
        (String) v.get(SummaryColumn.MODEL),
        (String) v.get(SummaryColumn.STRATEGY),
        (Boolean) v.get(SummaryColumn.KV_CACHE),
        (String) v.get(SummaryColumn.GPU),
        (Integer) v.get(SummaryColumn.TP),
        (Long) v.get(SummaryColumn.REQUESTS),
        (Long) v.get(SummaryColumn.PROMPT_TOKENS),
        (Long) v.get(SummaryColumn.OUTPUT_TOKENS),
        (Double) v.get(SummaryColumn.FLOPS_PREFILL),
        (Double) v.get(SummaryColumn.FLOPS_DECODE),
        (Double) v.get(SummaryColumn.FLOPS_TOTAL),
        (Double) v.get(SummaryColumn.GPU_HOURS),
        (Double) v.get(SummaryColumn.DOLLARS),
        (Double) v.get(SummaryColumn.DOLLARS_PER_M_INPUT_TOKENS),
        (Double) v.get(SummaryColumn.DOLLARS_PER_M_OUTPUT_TOKENS),
        (Double) v.get(SummaryColumn.TTFT_P50_S),
        (Double) v.get(SummaryColumn.TTFT_P99_S),
        (Double) v.get(SummaryColumn.E2E_P50_S),
        (Double) v.get(SummaryColumn.E2E_P99_S),
        (Double) v.get(SummaryColumn.KV_PEAK_BYTES_P99),
        (Long) v.get(SummaryColumn.REJECTED));
  }
}
