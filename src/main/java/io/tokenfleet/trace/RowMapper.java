package io.tokenfleet.trace;

import java.util.Map;

/** Turns one source record into a canonical row, or rejects it with a reason. */
interface RowMapper {
  TraceRow map(SourceRow row) throws RowReject;

  /** Footer metadata known after the rows seen so far (e.g. the Azure time origin). */
  default Map<String, String> metadata() {
    return Map.of();
  }

  /** Validates parsed values with the shared rule and builds the row. */
  static TraceRow row(String requestId, Long arrivalTimeMs, long promptTokens, long outputTokens,
                      String model, java.util.SortedMap<String, String> tags) throws RowReject {
    String reason = TraceRowValidator.reject(arrivalTimeMs, promptTokens, outputTokens);
    if (reason != null) {
      throw new RowReject(reason);
    }
    return new TraceRow(requestId, arrivalTimeMs, (int) promptTokens, (int) outputTokens, model, tags);
  }
}
