package io.tokenfleet.fleet;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Mergeable histogram of non-negative values on log-spaced buckets, for percentiles that do not
 * depend on partitioning: counts add, so any split and merge order gives the same histogram.
 *
 * <p>Buckets: each power of two is split into 2^7 = 128 buckets of equal width, indexed directly
 * by the top bits of the double (exponent and 7 leading mantissa bits), so a bucket spans a
 * relative width of at most 1/128. A percentile is reported as the bucket's midpoint, clamped to
 * the exact minimum and maximum seen: relative error at most 1/256 (0.4%). Zero has its own count.
 *
 * <p>Percentile definition: nearest rank, the smallest value v such that at least ceil(q x n)
 * observations are <= v.
 */
public final class LogHistogram implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SUB_BITS = 7;
  private static final int SHIFT = 52 - SUB_BITS;
  private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

  private long zeros;
  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private int offset; // bucket index of counts[0]
  private long[] counts = new long[0];

  /** Records one value (non-negative, finite). */
  public void add(double value) {
    add(value, 1);
  }

  /** Records {@code value} {@code times} times. */
  public void add(double value, long times) {
    long bits = Double.doubleToRawLongBits(value);
    if (bits > 0 && bits < INFINITY_BITS && times > 0) { // fast path: positive and finite
      count += times;
      if (value < min) {
        min = value;
      }
      if (value > max) {
        max = value;
      }
      int index = (int) (bits >>> SHIFT);
      if (index < offset || index - offset >= counts.length) {
        ensure(index, index);
      }
      counts[index - offset] += times;
      return;
    }
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("value must be finite and >= 0, got " + value);
    }
    if (times < 0) {
      throw new IllegalArgumentException("times must be >= 0, got " + times);
    }
    if (times == 0) {
      return;
    }
    count += times; // value is 0 or -0
    min = Math.min(min, 0);
    max = Math.max(max, 0);
    zeros += times;
  }

  /** Adds every observation of {@code other}. */
  public void merge(LogHistogram other) {
    if (other.count == 0) {
      return;
    }
    count += other.count;
    zeros += other.zeros;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    if (other.counts.length > 0) {
      ensure(other.offset, other.offset + other.counts.length - 1);
      for (int i = 0; i < other.counts.length; i++) {
        counts[other.offset + i - offset] += other.counts[i];
      }
    }
  }

  /** Observations recorded. */
  public long count() {
    return count;
  }

  /** Exact smallest value, NaN when empty. */
  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  /** Exact largest value, NaN when empty. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /**
   * The q-quantile (0 < q <= 1) by nearest rank, within 0.4% relative; NaN when empty.
   */
  public double quantile(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in (0, 1], got " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * count);
    if (rank >= count) {
      return max;
    }
    long seen = zeros;
    if (seen >= rank) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, Math.max(min, midpoint(offset + i)));
      }
    }
    return max;
  }

  /**
   * Coarsens the histogram onto caller-given increasing bin edges (e.g. log-spaced dollars):
   * each fine bucket is assigned by its midpoint; zeros fall in the first bin.
   */
  public long[] countsOn(double[] edges) {
    long[] result = new long[edges.length - 1];
    if (edges.length < 2) {
      return result;
    }
    if (zeros > 0) {
      result[0] += zeros;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      double mid = Math.min(max, Math.max(min, midpoint(offset + i)));
      int bin = Arrays.binarySearch(edges, mid);
      bin = bin >= 0 ? bin : -bin - 2;
      bin = Math.max(0, Math.min(result.length - 1, bin));
      result[bin] += counts[i];
    }
    return result;
  }

  private static double midpoint(int index) {
    double low = Double.longBitsToDouble((long) index << SHIFT);
    double high = Double.longBitsToDouble((long) (index + 1) << SHIFT);
    return low + (high - low) / 2;
  }

  private void ensure(int lowIndex, int highIndex) {
    if (counts.length == 0) {
      offset = lowIndex;
      counts = new long[highIndex - lowIndex + 1];
      return;
    }
    int newLow = Math.min(offset, lowIndex);
    int newHigh = Math.max(offset + counts.length - 1, highIndex);
    if (newLow == offset && newHigh == offset + counts.length - 1) {
      return;
    }
    long[] grown = new long[newHigh - newLow + 1];
    System.arraycopy(counts, 0, grown, offset - newLow, counts.length);
    counts = grown;
    offset = newLow;
  }
}
