package io.tokenfleet.trace;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts of one conversion; {@code rowsWritten + rowsRejected == dataRowsRead} always.
 *
 * @param format the layout used (given or detected)
 * @param dataRowsRead non-blank records after the header
 * @param rowsWritten rows in the Parquet output
 * @param rowsRejected rows in the rejects file
 * @param rejectReasons reason -> count, sorted by reason
 * @param rejectsFile the rejects CSV, or null when none was written
 */
public record ConversionResult(TraceFormat format, long dataRowsRead, long rowsWritten, long rowsRejected,
                               SortedMap<String, Long> rejectReasons, Path rejectsFile) {
  public ConversionResult {
    if (rowsWritten + rowsRejected != dataRowsRead) {
      throw new IllegalStateException("rowsWritten " + rowsWritten + " + rowsRejected " + rowsRejected
          + " != dataRowsRead " + dataRowsRead);
    }
    rejectReasons = Collections.unmodifiableSortedMap(new TreeMap<>(rejectReasons));
  }

  /** "rows written: N, rows rejected: R (reasons: a=1, b=2)". */
  public String summary() {
    StringBuilder s = new StringBuilder("rows written: ").append(rowsWritten).append(", rows rejected: ").append(rowsRejected);
    if (!rejectReasons.isEmpty()) {
      s.append(" (reasons: ");
      boolean first = true;
      for (Map.Entry<String, Long> e : rejectReasons.entrySet()) {
        s.append(first ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
        first = false;
      }
      s.append(')');
    }
    return s.toString();
  }
}
