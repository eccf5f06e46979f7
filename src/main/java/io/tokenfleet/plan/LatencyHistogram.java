package io.tokenfleet.plan;

import java.util.Arrays;

/**
 * Mergeable latency distribution on fixed log-spaced buckets, so per-replica results can be
 * combined in any order (addition of counts is associative and exact).
 *
 * <p>Buckets: [1e-6 s x 1.01^i, 1e-6 s x 1.01^(i+1)) for i in [0, 2777), covering 1 us to ~1e6 s;
 * values below 1 us fall in an underflow bucket reported as 1 us, values above in an overflow
 * bucket reported as the exact maximum. {@link #quantile} returns the upper edge of the bucket
 * holding the nearest-rank quantile, so it is never below the exact quantile and at most 1%
 * above it (relative error <= 1.01 - 1). Mean and max are exact up to floating-point summation.
 *
 * <p>Mutable while accumulating (single thread); copy before sharing.
 */
public final class LatencyHistogram implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Lower edge of the first bucket, seconds. */
  public static final double MIN_SECONDS = 1e-6;
  /** Ratio of consecutive bucket edges; the stated relative error of quantiles is GROWTH - 1. */
  public static final double GROWTH = 1.01;
  private static final double LOG_GROWTH = Math.log(GROWTH);
  /** Buckets between 1 us and 1e6 s: ceil(ln(1e12) / ln(1.01)). */
  static final int BUCKETS = (int) Math.ceil(Math.log(1e12) / LOG_GROWTH);

  // [0] underflow, [1..BUCKETS] log buckets, [BUCKETS + 1] overflow
  private final long[] counts = new long[BUCKETS + 2];
  private long count;
  private double sumSeconds;
  private double maxSeconds;

  /** Adds one latency; NaN is ignored (e.g. TPOT of a one-token request), negatives are rejected. */
  public void add(double seconds) {
    if (Double.isNaN(seconds)) {
      return;
    }
    if (seconds < 0) {
      throw new IllegalArgumentException("latency must be >= 0 seconds, got " + seconds);
    }
    counts[bucketOf(seconds)]++;
    count++;
    sumSeconds += seconds;
    maxSeconds = Math.max(maxSeconds, seconds);
  }

  static int bucketOf(double seconds) {
    if (seconds < MIN_SECONDS) {
      return 0;
    }
    int i = (int) Math.floor(Math.log(seconds / MIN_SECONDS) / LOG_GROWTH);
    // guard the edges against rounding of log
    if (i < BUCKETS && upperEdge(i + 1) <= seconds) {
      i++;
    } else if (i > 0 && lowerEdge(i + 1) > seconds) {
      i--;
    }
    return i >= BUCKETS ? BUCKETS + 1 : i + 1;
  }

  private static double lowerEdge(int bucket) {
    return MIN_SECONDS * Math.pow(GROWTH, bucket - 1);
  }

  private static double upperEdge(int bucket) {
    return MIN_SECONDS * Math.pow(GROWTH, bucket);
  }

  /** Adds every count of {@code other} to this one. */
  public LatencyHistogram merge(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
    sumSeconds += other.sumSeconds;
    maxSeconds = Math.max(maxSeconds, other.maxSeconds);
    return this;
  }

  public LatencyHistogram copy() {
    LatencyHistogram c = new LatencyHistogram();
    c.merge(this);
    return c;
  }

  public long count() {
    return count;
  }

  /** Exact mean (NaN when empty). */
  public double meanSeconds() {
    return count == 0 ? Double.NaN : sumSeconds / count;
  }

  /** Exact maximum (NaN when empty). */
  public double maxSeconds() {
    return count == 0 ? Double.NaN : maxSeconds;
  }

  /**
   * Nearest-rank quantile q in (0, 1], as the upper edge of its bucket capped at the exact max:
   * exact <= returned <= exact x 1.01. NaN when empty.
   */
  public double quantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * count);
    long seen = 0;
    for (int b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen >= rank) {
        if (b == 0) {
          return Math.min(MIN_SECONDS, maxSeconds);
        }
        if (b == BUCKETS + 1) {
          return maxSeconds;
        }
        return Math.min(upperEdge(b), maxSeconds);
      }
    }
    return maxSeconds;
  }

  /**
   * An upper bound on the sum of the {@code v} largest values: the top buckets' counts times their
   * upper edges (capped at the exact max; the overflow bucket at the max). At most 1% above the
   * exact sum of the v largest; all values when v >= count.
   */
  public double sumOfLargestUpperBound(long v) {
    if (v <= 0 || count == 0) {
      return 0;
    }
    double sum = 0;
    long left = v;
    for (int b = counts.length - 1; b >= 0 && left > 0; b--) {
      long take = Math.min(left, counts[b]);
      if (take == 0) {
        continue;
      }
      double edge = b == BUCKETS + 1 ? maxSeconds : Math.min(b == 0 ? MIN_SECONDS : upperEdge(b), maxSeconds);
      sum += take * edge;
      left -= take;
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && count == h.count && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }
}
