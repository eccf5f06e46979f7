package io.tokenfleet.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The rejects CSV: line_number, reason, raw_line (the source text verbatim, CSV-quoted). */
final class RejectsWriter implements AutoCloseable {
  static final String[] HEADER = {"line_number", "reason", "raw_line"};
  private final CSVPrinter printer;

  RejectsWriter(Path path) throws IOException {
    BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(HEADER).get());
  }

  void write(long lineNumber, String reason, String rawLine) throws IOException {
    printer.printRecord(lineNumber, reason, rawLine);
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
