package io.tokenfleet.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any CSV/JSONL with a column per canonical field, chosen by a {@link ColumnMapping}; without a
 * mapping the canonical names themselves (request_id, arrival_time_ms, prompt_tokens,
 * output_tokens, model) are used when present. Strings pass through verbatim.
 */
final class GenericRowMapper implements RowMapper {
  private final int requestIdCol;
  private final int arrivalCol;
  private final double arrivalUnitMs;
  private final int promptCol;
  private final int outputCol;
  private final int modelCol;
  private final List<String> tagNames = new ArrayList<>();
  private final List<Integer> tagCols = new ArrayList<>();

  GenericRowMapper(List<String> header, ColumnMapping mapping, String fileName) {
    Map<String, String> m = mapping.targets();
    if (mapping.isEmpty()) {
      List<String> missing = TraceFormat.GENERIC.missingFrom(header);
      if (!missing.isEmpty()) {
        throw new TraceFileException(fileName + ": generic format needs columns " + missing + " or --map"
            + " prompt_tokens=COL,output_tokens=COL; header is " + header);
      }
    } else {
      for (String needed : List.of(TraceSchema.PROMPT_TOKENS, TraceSchema.OUTPUT_TOKENS)) {
        if (!m.containsKey(needed)) {
          throw new TraceFileException("--map must name a column for " + needed + "; header of " + fileName + " is " + header);
        }
      }
    }
    requestIdCol = column(header, m, TraceSchema.REQUEST_ID, fileName);
    promptCol = column(header, m, TraceSchema.PROMPT_TOKENS, fileName);
    outputCol = column(header, m, TraceSchema.OUTPUT_TOKENS, fileName);
    modelCol = column(header, m, TraceSchema.MODEL, fileName);
    if (m.containsKey(ColumnMapping.ARRIVAL_TIME_S)) {
      arrivalCol = Columns.require(header, m.get(ColumnMapping.ARRIVAL_TIME_S), ColumnMapping.ARRIVAL_TIME_S, fileName);
      arrivalUnitMs = 1000.0;
    } else {
      arrivalCol = column(header, m, TraceSchema.ARRIVAL_TIME_MS, fileName);
      arrivalUnitMs = 1.0;
    }
    for (Map.Entry<String, String> e : m.entrySet()) {
      if (e.getKey().startsWith(ColumnMapping.TAG_PREFIX)) {
        tagNames.add(e.getKey().substring(ColumnMapping.TAG_PREFIX.length()));
        tagCols.add(Columns.require(header, e.getValue(), e.getKey(), fileName));
      }
    }
  }

  /** The mapped column (must exist), or without a mapping the canonical column if present, else -1. */
  private static int column(List<String> header, Map<String, String> m, String canonical, String fileName) {
    if (m.isEmpty()) {
      return Columns.indexOf(header, canonical);
    }
    String source = m.get(canonical);
    return source == null ? -1 : Columns.require(header, source, canonical, fileName);
  }

  @Override
  public TraceRow map(SourceRow row) throws RowReject {
    Long arrivalMs = null;
    if (arrivalCol >= 0) {
      // a trace either has arrival times or not: a blank cell in a mapped column is a reject
      arrivalMs = Fields.millis(row.value(arrivalCol), arrivalUnitMs);
    }
    long prompt = Fields.integer(row.value(promptCol), TraceSchema.PROMPT_TOKENS);
    long output = Fields.integer(row.value(outputCol), TraceSchema.OUTPUT_TOKENS);
    String requestId = requestIdCol < 0 ? null : Fields.optional(row.value(requestIdCol));
    String model = modelCol < 0 ? null : Fields.optional(row.value(modelCol));
    TreeMap<String, String> tags = null;
    for (int i = 0; i < tagCols.size(); i++) {
      String v = row.value(tagCols.get(i));
      if (v != null) {
        if (tags == null) {
          tags = new TreeMap<>();
        }
        tags.put(tagNames.get(i), v);
      }
    }
    return RowMapper.row(requestId, arrivalMs, prompt, output, model, tags);
  }
}
