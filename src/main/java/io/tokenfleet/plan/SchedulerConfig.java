package io.tokenfleet.plan;

/**
 * Scheduler settings of one replica, after vLLM's (block_size, max_num_batched_tokens,
 * max_num_seqs, enable_chunked_prefill, the 1% admission watermark of its block manager), plus
 * the model's attention window, which decides how many KV blocks a sequence keeps.
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
 * @param timelineWindowSeconds width of the coarse timeline windows, > 0 and a whole number of
 *     milliseconds (windows are indexed like the load profile's, by integer milliseconds)
 * @param slidingWindowTokens the model's attention window W, >= 0 (0 = full attention): a token at
 *     position t attends min(t, W) keys, and a block whose positions are all outside every
 *     sequence's last W positions is freed, as vLLM's sliding-window block manager does
 */
public record SchedulerConfig(
    int blockSizeTokens,
    long kvCapacityBlocks,
    int maxNumBatchedTokens,
    int maxNumSeqs,
    boolean chunkedPrefill,
    double watermarkFraction,
    double timelineWindowSeconds,
    int slidingWindowTokens) implements java.io.Serializable {

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
    if (!(timelineWindowSeconds >= 1e-3) || Double.isInfinite(timelineWindowSeconds)
        || timelineWindowSeconds * 1e3 != Math.rint(timelineWindowSeconds * 1e3)) {
      throw new IllegalArgumentException("timelineWindowSeconds must be > 0, finite and a whole number of milliseconds, got "
          + timelineWindowSeconds);
    }
    if (slidingWindowTokens < 0) {
      throw new IllegalArgumentException("slidingWindowTokens must be >= 0 (0 = full attention), got " + slidingWindowTokens);
    }
  }

  /** Full attention (no sliding window). */
  public SchedulerConfig(int blockSizeTokens, long kvCapacityBlocks, int maxNumBatchedTokens, int maxNumSeqs,
      boolean chunkedPrefill, double watermarkFraction, double timelineWindowSeconds) {
    this(blockSizeTokens, kvCapacityBlocks, maxNumBatchedTokens, maxNumSeqs, chunkedPrefill, watermarkFraction,
        timelineWindowSeconds, 0);
  }

  /** vLLM-like defaults (block 16, 8192 batched tokens, 256 sequences, chunked prefill, 1% watermark, 60 s windows). */
  public static SchedulerConfig defaults(long kvCapacityBlocks) {
    return new SchedulerConfig(16, kvCapacityBlocks, 8192, 256, true, 0.01, 60);
  }

  /** The same settings for a model with attention window {@code tokens} (0 = none). */
  public SchedulerConfig withSlidingWindow(int tokens) {
    return new SchedulerConfig(blockSizeTokens, kvCapacityBlocks, maxNumBatchedTokens, maxNumSeqs, chunkedPrefill,
        watermarkFraction, timelineWindowSeconds, tokens);
  }

  /** Timeline window in whole milliseconds. */
  public long timelineWindowMillis() {
    return Math.round(timelineWindowSeconds * 1e3);
  }

  /** Blocks kept free at admission: floor(watermarkFraction x capacity). */
  public long watermarkBlocks() {
    return (long) Math.floor(watermarkFraction * kvCapacityBlocks);
  }

  /** Blocks for the given number of token positions: ceil(tokens / blockSizeTokens). */
  public long blocksFor(long tokens) {
    return (tokens + blockSizeTokens - 1) / blockSizeTokens;
  }

  /**
   * KV blocks a request holds once its P prompt positions and {@code generated} positions of each
   * of its k sequences are written. Layout: ceil(P / B) prompt blocks shared by the sequences,
   * then per sequence ceil(g / B) blocks of its own. Under a sliding window W only each
   * sequence's last W positions are live (P + g - W positions are behind every sequence), and a
   * block is freed once all its positions are behind; without one this is
   * ceil(P / B) + k x ceil(g / B).
   */
  public long heldBlocks(long promptTokens, long generated, int sequences) {
    long promptBlocks = blocksFor(promptTokens);
    long ownBlocks = blocksFor(generated);
    if (slidingWindowTokens == 0) {
      return promptBlocks + sequences * ownBlocks;
    }
    long behind = Math.max(0, promptTokens + generated - slidingWindowTokens);
    // the prompt's last (partial) block is freed only when its last position, P, is behind
    long promptFreed = behind >= promptTokens ? promptBlocks : behind / blockSizeTokens;
    long ownFreed = Math.max(0, generated - slidingWindowTokens) / blockSizeTokens;
    return promptBlocks - promptFreed + sequences * (ownBlocks - ownFreed);
  }

  /**
   * The most KV blocks a request of P prompt and M output tokens on k sequences ever holds: the
   * maximum of {@link #heldBlocks} over g = 0..M-1 (the M-th token is never fed). Without a
   * window that is g = M - 1. With one it is found in O(1): blocks are only added at g = 1 mod B
   * (a sequence starts a block), so the maximum is at g = 0 or at such a g; while g < W every B
   * steps add k blocks and free at most one prompt block (each B positions behind covers one
   * block), so the last such g below min(M - 1, W) - 1 dominates the earlier ones; from g = W on
   * the prompt is behind and every such g holds the same k x (ceil((W - 1) / B) + 1) blocks.
   */
  public long peakBlocks(long promptTokens, long outputTokens, int sequences) {
    long last = outputTokens - 1;
    if (slidingWindowTokens == 0) {
      return heldBlocks(promptTokens, last, sequences);
    }
    long w = slidingWindowTokens;
    long peak = heldBlocks(promptTokens, 0, sequences);
    long belowWindow = Math.min(last, w - 1);
    if (belowWindow >= 1) {
      long g = (belowWindow - 1) / blockSizeTokens * blockSizeTokens + 1;
      peak = Math.max(peak, heldBlocks(promptTokens, g, sequences));
    }
    long firstAtWindow = w + Math.floorMod(1 - w, (long) blockSizeTokens);
    if (firstAtWindow <= last) {
      peak = Math.max(peak, heldBlocks(promptTokens, firstAtWindow, sequences));
    }
    return peak;
  }
}
