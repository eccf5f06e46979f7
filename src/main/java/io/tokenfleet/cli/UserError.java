package io.tokenfleet.cli;

/** A problem with the user's input or scenario: printed as one line, exit code 2. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
