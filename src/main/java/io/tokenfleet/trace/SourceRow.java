package io.tokenfleet.trace;

/**
 * One data record of a source file, before mapping.
 *
 * @param lineNumber 1-based physical line where the record starts (the header is line 1 of a CSV)
 * @param raw the record's exact text (several physical lines joined by '\n' for a multi-line
 *     quoted CSV field)
 * @param values field texts by header column index; an entry is null when the record lacks it
 * @param fieldCount number of fields the record actually had (CSV) or header size (JSONL)
 * @param problem a reason why the record could not be split or parsed at all, or null
 */
record SourceRow(long lineNumber, String raw, String[] values, int fieldCount, String problem) {

  /** The field at {@code column}, or null when absent. */
  String value(int column) {
    return column < values.length ? values[column] : null;
  }
}
