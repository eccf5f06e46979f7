package io.tokenfleet.spark;

/** A file-level problem (trace, output directory, scenario): stops the job before any work, printed as one line. */
public final class JobSetupException extends RuntimeException {
  public JobSetupException(String message) {
    super(message);
  }
}
