package io.tokenfleet.trace.gen;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resamples observed token counts uniformly with replacement (the empirical distribution of a
 * trace column), clamped to maxTokens. Prompt and output columns are resampled independently,
 * so their correlation in the source trace is not kept.
 */
public final class EmpiricalTokens implements TokenDistribution {
  private final int[] values;
  private final int maxTokens;
  private final String source;

  /**
   * @param values observed counts, all >= 1 (copied)
   * @param maxTokens upper clamp, >= 1
   * @param source description for messages, e.g. "empirical:trace.parquet"
   */
  public EmpiricalTokens(int[] values, int maxTokens, String source) {
    if (values.length == 0) {
      throw new IllegalArgumentException("empirical distribution needs at least one value (" + source + " has no rows)");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
    this.values = Arrays.copyOf(values, values.length);
    this.maxTokens = maxTokens;
    this.source = source;
  }

  @Override
  public int sample(SplittableRandom random) {
    return Math.min(maxTokens, values[random.nextInt(values.length)]);
  }

  @Override
  public String describe() {
    return source;
  }
}
