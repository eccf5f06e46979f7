package io.tokenfleet.trace;

import java.util.List;
import java.util.TreeMap;

/**
 * BurstGPT (Wang et al., "BurstGPT: A Real-world Workload Dataset to Optimize LLM Serving Systems", 2024; HPMLL/BurstGPT): Timestamp (seconds since trace start),
 * Model, Request tokens, Response tokens, Total tokens, Log Type. Failed requests are logged
 * with 0 response tokens and are rejected with their own reason. Total tokens is not used
 * (it is Request + Response). Log Type is kept as tag log_type.
 */
final class BurstGptRowMapper implements RowMapper {
  static final String FAILED = "burstgpt failed request (0 response tokens)";
  static final String LOG_TYPE = "log_type";

  private final int timestampCol;
  private final int modelCol;
  private final int requestCol;
  private final int responseCol;
  private final int logTypeCol;

  BurstGptRowMapper(List<String> header, String fileName) {
    timestampCol = Columns.require(header, "Timestamp", "arrival_time_ms", fileName);
    modelCol = Columns.require(header, "Model", "model", fileName);
    requestCol = Columns.require(header, "Request tokens", "prompt_tokens", fileName);
    responseCol = Columns.require(header, "Response tokens", "output_tokens", fileName);
    logTypeCol = Columns.indexOf(header, "Log Type");
  }

  @Override
  public TraceRow map(SourceRow row) throws RowReject {
    long arrivalMs = Fields.millis(row.value(timestampCol), 1000.0);
    long prompt = Fields.integer(row.value(requestCol), TraceSchema.PROMPT_TOKENS);
    long output = Fields.integer(row.value(responseCol), TraceSchema.OUTPUT_TOKENS);
    if (output == 0) {
      throw new RowReject(FAILED);
    }
    TreeMap<String, String> tags = null;
    String logType = logTypeCol < 0 ? null : Fields.optional(row.value(logTypeCol));
    if (logType != null) {
      tags = new TreeMap<>();
      tags.put(LOG_TYPE, logType);
    }
    return RowMapper.row(null, arrivalMs, prompt, output, Fields.optional(row.value(modelCol)), tags);
  }
}
