package io.tokenfleet.trace;

/**
 * The rule for a canonical row, shared by {@code convert} and the Spark jobs so that both reject
 * identically. Returns a short, stable reason phrase (used as the counting key in summaries and
 * in rejects files), or null when the row is acceptable.
 *
 * <p>Token counts are taken as {@code long} so that values beyond the Parquet {@code int}
 * column (2,147,483,647) can be reported instead of overflowing.
 */
public final class TraceRowValidator {
  private TraceRowValidator() {}

  /** Largest token count a canonical row can hold (the Parquet int32 column). */
  public static final long MAX_TOKENS = Integer.MAX_VALUE;

  public static final String PROMPT_NOT_POSITIVE = TraceSchema.PROMPT_TOKENS + " not positive";
  public static final String OUTPUT_NOT_POSITIVE = TraceSchema.OUTPUT_TOKENS + " not positive";
  public static final String PROMPT_TOO_LARGE = TraceSchema.PROMPT_TOKENS + " exceeds 2147483647";
  public static final String OUTPUT_TOO_LARGE = TraceSchema.OUTPUT_TOKENS + " exceeds 2147483647";
  public static final String ARRIVAL_NEGATIVE = TraceSchema.ARRIVAL_TIME_MS + " negative";
  public static final String ARRIVAL_NOT_FINITE = TraceSchema.ARRIVAL_TIME_MS + " not a finite number";

  /**
   * @param arrivalTimeMs milliseconds since the trace start, or null (no time in the source)
   * @param promptTokens prompt tokens
   * @param outputTokens generated tokens
   * @return null when valid, else the first failing reason (prompt, output, then arrival)
   */
  public static String reject(Long arrivalTimeMs, long promptTokens, long outputTokens) {
    String tokens = rejectTokens(promptTokens, outputTokens);
    if (tokens != null) {
      return tokens;
    }
    if (arrivalTimeMs != null && arrivalTimeMs < 0) {
      return ARRIVAL_NEGATIVE;
    }
    return null;
  }

  /** Same rule for an arrival time given as a floating-point number of milliseconds. */
  public static String reject(double arrivalTimeMs, long promptTokens, long outputTokens) {
    String tokens = rejectTokens(promptTokens, outputTokens);
    if (tokens != null) {
      return tokens;
    }
    if (!Double.isFinite(arrivalTimeMs)) {
      return ARRIVAL_NOT_FINITE;
    }
    if (arrivalTimeMs < 0) {
      return ARRIVAL_NEGATIVE;
    }
    return null;
  }

  private static String rejectTokens(long promptTokens, long outputTokens) {
    if (promptTokens < 1) {
      return PROMPT_NOT_POSITIVE;
    }
    if (promptTokens > MAX_TOKENS) {
      return PROMPT_TOO_LARGE;
    }
    if (outputTokens < 1) {
      return OUTPUT_NOT_POSITIVE;
    }
    if (outputTokens > MAX_TOKENS) {
      return OUTPUT_TOO_LARGE;
    }
    return null;
  }
}
