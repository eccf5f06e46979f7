package io.tokenfleet.trace;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * One canonical request. Build it only from values that passed {@link TraceRowValidator}.
 *
 * @param requestId source identifier, or null
 * @param arrivalTimeMs milliseconds since the trace start, or null when the source has no time
 * @param promptTokens prompt tokens, >= 1
 * @param outputTokens generated tokens, >= 1
 * @param model model name, or null
 * @param tags free-form attributes (sorted, unmodifiable), or null
 */
public record TraceRow(String requestId, Long arrivalTimeMs, int promptTokens, int outputTokens,
                       String model, SortedMap<String, String> tags) {

  public TraceRow {
    String reason = TraceRowValidator.reject(arrivalTimeMs, promptTokens, outputTokens);
    if (reason != null) {
      throw new IllegalArgumentException("invalid trace row: " + reason);
    }
    tags = tags == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
  }

  /** Convenience for rows without id, model or tags. */
  public static TraceRow of(Long arrivalTimeMs, int promptTokens, int outputTokens) {
    return new TraceRow(null, arrivalTimeMs, promptTokens, outputTokens, null, null);
  }

  /** Tags as a plain map view (never null: empty when absent). */
  public Map<String, String> tagsOrEmpty() {
    return tags == null ? Map.of() : tags;
  }
}
