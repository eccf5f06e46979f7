package io.tokenfleet.plan;

/**
 * Scheduler settings of one replica, after vLLM's (block_size, max_num_batched_tokens,
 * max_num_seqs, enable_chunked_prefill, the 1% admission watermark of its block manager).
 *
 * @param blockSizeTokens tokens per KV block (paged attention), >= 1; vLLM default 16
 * @param kvCapacityBlocks KV blocks the replica holds (from the deployment's free memory), >= 1
 * @param maxNumBatchedTokens prompt plus decode tokens one iteration may feed, >= 1
 * @param maxNumSeqs running sequences at most (a request of width k counts k), >= 1
 * @param chunkedPrefill true: decodes first, then prompt chunks fill the remaining token budget
 *     (vLLM V1 / Sarathi); false: an iteration is either whole prompts or decodes, and waiting
 *     prompts go first (vLLM V0 default)
 * @param watermarkFraction fraction of the blocks kept free when admitting (not when decoding),
 *     in [0, 1); avoids admitting a request that would be preempted at once
 * @param timelineWindowSeconds width of the coarse timeline windows, > 0
 */
public record SchedulerConfig(
    int blockSizeTokens,
    long kvCapacityBlocks,
    int maxNumBatchedTokens,
    int maxNumSeqs,
    boolean chunkedPrefill,
    double watermarkFraction,
    double timelineWindowSeconds) implements java.io.Serializable {

  public SchedulerConfig {
    if (blockSizeTokens < 1) {
      throw new IllegalArgumentException("blockSizeTokens must be >= 1, got " + blockSizeTokens);
    }
    if (kvCapacityBlocks < 1) {
      throw new IllegalArgumentException("kvCapacityBlocks must be >= 1, got " + kvCapacityBlocks);
    }
    if (maxNumBatchedTokens < 1) {
      throw new IllegalArgumentException("maxNumBatchedTokens must be >= 1, got " + maxNumBatchedTokens);
    }
    if (maxNumSeqs < 1) {
      throw new IllegalArgumentException("maxNumSeqs must be >= 1, got " + maxNumSeqs);
    }
    if (!(watermarkFraction >= 0 && watermarkFraction < 1)) {
      throw new IllegalArgumentException("watermarkFraction must be in [0, 1), got " + watermarkFraction);
    }
    if (!(timelineWindowSeconds > 0) || Double.isInfinite(timelineWindowSeconds)) {
      throw new IllegalArgumentException("timelineWindowSeconds must be > 0 and finite, got " + timelineWindowSeconds);
    }
  }

  /** vLLM-like defaults (block 16, 8192 batched tokens, 256 sequences, chunked prefill, 1% watermark, 60 s windows). */
  public static SchedulerConfig defaults(long kvCapacityBlocks) {
    return new SchedulerConfig(16, kvCapacityBlocks, 8192, 256, true, 0.01, 60);
  }

  /** Blocks kept free at admission: floor(watermarkFraction x capacity). */
  public long watermarkBlocks() {
    return (long) Math.floor(watermarkFraction * kvCapacityBlocks);
  }

  /** Blocks for the given number of token positions: ceil(tokens / blockSizeTokens). */
  public long blocksFor(long tokens) {
    return (tokens + blockSizeTokens - 1) / blockSizeTokens;
  }
}
