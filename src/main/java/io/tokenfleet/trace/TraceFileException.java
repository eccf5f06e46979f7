package io.tokenfleet.trace;

/**
 * A problem with a whole input or output file (missing, empty, corrupt gzip, unknown header,
 * output exists). The message is one line naming the file and the problem; the CLI prints it
 * and exits non-zero.
 */
public class TraceFileException extends RuntimeException {
  public TraceFileException(String message) {
    super(message);
  }

  public TraceFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
