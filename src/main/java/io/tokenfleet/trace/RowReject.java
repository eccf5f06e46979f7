package io.tokenfleet.trace;

/**
 * A row-level problem: the row goes to the rejects file with {@link #reason()} and is counted.
 * Carries no stack trace (rejects can be frequent and are expected).
 */
final class RowReject extends Exception {
  RowReject(String reason) {
    super(reason, null, false, false);
  }

  String reason() {
    return getMessage();
  }
}
