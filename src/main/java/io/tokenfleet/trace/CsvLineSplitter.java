package io.tokenfleet.trace;

import java.util.List;

/**
 * Splits one CSV record (RFC 4180: comma separated, fields optionally in double quotes, a
 * doubled quote inside quotes is a literal quote). We split lines ourselves rather than use a
 * CSV library so that each record keeps its exact raw text and physical line number for the
 * rejects file.
 */
final class CsvLineSplitter {
  private CsvLineSplitter() {}

  /**
   * Appends the fields of {@code text} to {@code out} (cleared first).
   *
   * @return false when a quoted field is still open at the end of {@code text} (the record
   *     continues on the next physical line); {@code out} is then incomplete
   */
  static boolean split(String text, List<String> out) {
    out.clear();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    boolean fieldWasQuoted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
        fieldWasQuoted = false;
      } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
        inQuotes = true;
        fieldWasQuoted = true;
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return !inQuotes;
  }
}
