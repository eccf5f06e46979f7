package io.tokenfleet.trace;

import java.util.List;
import java.util.TreeMap;

/**
 * Mooncake FAST'25 traces (kvcache-ai/Mooncake, JSONL or CSV): timestamp (ms since trace start),
 * input_length, output_length, hash_ids (512-token prefix-block ids, a JSON array or a
 * space-separated list). Tags: hash_block_count always (when the column exists), and the id
 * list itself as hash_ids (space-separated) only when asked, since it dominates file size.
 */
final class MooncakeRowMapper implements RowMapper {
  static final String HASH_BLOCK_COUNT = "hash_block_count";
  static final String HASH_IDS = "hash_ids";

  private final int timestampCol;
  private final int inputCol;
  private final int outputCol;
  private final int hashCol;
  private final boolean keepHashIds;

  MooncakeRowMapper(List<String> header, String fileName, boolean keepHashIds) {
    timestampCol = Columns.require(header, "timestamp", "arrival_time_ms", fileName);
    inputCol = Columns.require(header, "input_length", "prompt_tokens", fileName);
    outputCol = Columns.require(header, "output_length", "output_tokens", fileName);
    hashCol = Columns.indexOf(header, "hash_ids");
    this.keepHashIds = keepHashIds;
  }

  @Override
  public TraceRow map(SourceRow row) throws RowReject {
    long arrivalMs = Fields.millis(row.value(timestampCol), 1.0);
    long prompt = Fields.integer(row.value(inputCol), TraceSchema.PROMPT_TOKENS);
    long output = Fields.integer(row.value(outputCol), TraceSchema.OUTPUT_TOKENS);
    TreeMap<String, String> tags = null;
    if (hashCol >= 0) {
      String ids = row.value(hashCol);
      String normalized = ids == null ? "" : ids.replace('[', ' ').replace(']', ' ').replace(',', ' ').strip();
      String[] parts = normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
      tags = new TreeMap<>();
      tags.put(HASH_BLOCK_COUNT, Integer.toString(parts.length));
      if (keepHashIds) {
        tags.put(HASH_IDS, String.join(" ", parts));
      }
    }
    return RowMapper.row(null, arrivalMs, prompt, output, null, tags);
  }
}
