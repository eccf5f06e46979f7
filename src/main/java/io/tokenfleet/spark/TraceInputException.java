package io.tokenfleet.spark;

/** A file-level problem with the trace input: stops the job before any work, printed as one line. */
public final class TraceInputException extends RuntimeException {
  public TraceInputException(String message) {
    super(message);
  }
}
