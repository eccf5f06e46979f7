package io.tokenfleet.trace;

import java.util.List;

/** Header lookups: exact match first, then case-insensitive (source traces vary in case). */
final class Columns {
  private Columns() {}

  static int indexOf(List<String> header, String name) {
    int exact = header.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Index of a column that must exist (the format was already checked, or --map named it). */
  static int require(List<String> header, String name, String purpose, String fileName) {
    int i = indexOf(header, name);
    if (i < 0) {
      throw new TraceFileException(fileName + ": column '" + name + "' (for " + purpose + ") is not in the header " + header);
    }
    return i;
  }
}
