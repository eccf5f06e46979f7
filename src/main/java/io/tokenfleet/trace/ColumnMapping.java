package io.tokenfleet.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The --map of the generic format: canonical name -> source column. Keys: request_id,
 * arrival_time_ms, arrival_time_s (seconds, converted to ms), prompt_tokens, output_tokens,
 * model, and tag.NAME (copies a column into tag NAME). Column names may not contain ',' or '='.
 *
 * @param targets canonical key -> source column, in the order given
 */
public record ColumnMapping(Map<String, String> targets) {
  public static final String ARRIVAL_TIME_S = "arrival_time_s";
  public static final String TAG_PREFIX = "tag.";
  private static final Set<String> KEYS = Set.of(TraceSchema.REQUEST_ID, TraceSchema.ARRIVAL_TIME_MS, ARRIVAL_TIME_S,
      TraceSchema.PROMPT_TOKENS, TraceSchema.OUTPUT_TOKENS, TraceSchema.MODEL);

  public ColumnMapping {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    for (String key : targets.keySet()) {
      if (!KEYS.contains(key) && !(key.startsWith(TAG_PREFIX) && key.length() > TAG_PREFIX.length())) {
        throw new IllegalArgumentException("--map key must be one of " + String.join(", ", List.of(TraceSchema.REQUEST_ID,
            TraceSchema.ARRIVAL_TIME_MS, ARRIVAL_TIME_S, TraceSchema.PROMPT_TOKENS, TraceSchema.OUTPUT_TOKENS,
            TraceSchema.MODEL)) + " or tag.NAME, got '" + key + "'");
      }
    }
    if (targets.containsKey(TraceSchema.ARRIVAL_TIME_MS) && targets.containsKey(ARRIVAL_TIME_S)) {
      throw new IllegalArgumentException("--map may give arrival_time_ms or arrival_time_s, not both");
    }
  }

  /** No mapping: the generic format then expects canonical column names. */
  public static final ColumnMapping NONE = new ColumnMapping(Map.of());

  /** Parses "prompt_tokens=ColA,output_tokens=ColB". */
  public static ColumnMapping parse(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("--map entries must look like canonical=SourceColumn, got '" + pair + "'");
      }
      String key = pair.substring(0, eq).strip();
      if (m.put(key, pair.substring(eq + 1).strip()) != null) {
        throw new IllegalArgumentException("--map gives '" + key + "' twice");
      }
    }
    return new ColumnMapping(m);
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }
}
