package io.tokenfleet.plan;

/** No replica count up to the search bound meets the SLO; the message gives the numbers. */
public final class SloInfeasibleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SloInfeasibleException(String message) {
    super(message);
  }
}
