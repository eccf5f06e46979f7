package io.tokenfleet.fleet;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact sum of non-negative doubles, independent of the order of additions and of how the inputs
 * are split into partial sums and merged. This is what makes fleet totals identical for any number
 * of Spark partitions or executors.
 *
 * <p>How: a double is m x 2^(e-1075) with an integer mantissa m < 2^53 and biased exponent e. The
 * accumulator keeps one signed 64-bit bucket per biased exponent and adds m into bucket e; a
 * bucket that passes 2^62 carries its high bits to bucket e + 10 (2^10 x 2^(e-1075) =
 * 2^(e+10-1075)), which loses nothing. The value is rounded to a double only when read, once,
 * with round-half-even. Cost: a few nanoseconds per addition; 16 KiB of buckets, serialised
 * sparsely by range.
 *
 * <p>Not thread-safe; merge partial sums instead.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * Biased exponents 0..2047 plus room for carries: values below 2^1024 times counts below 2^53,
   * summed at most 2^63 times, stay below 2^1140, which bucket 2153 holds (2^62 x 2^(2153-1075)).
   */
  private static final int BUCKETS = 2048 + 128;
  private static final long CARRY_LIMIT = 1L << 62;
  private static final int CARRY_SHIFT = 10;
  /** Digits of a count such that a 53-bit mantissa times one stays below 2^62 (the carry limit). */
  private static final int COUNT_DIGIT_BITS = 9;
  private static final long COUNT_DIGIT_MASK = (1L << COUNT_DIGIT_BITS) - 1;
  private static final long MANTISSA_MASK = 0xF_FFFF_FFFF_FFFFL;
  private static final long IMPLICIT_BIT = 1L << 52;
  /** Bits of Double.MIN_NORMAL minus one: positive normal doubles have bits above it. */
  private static final long MIN_NORMAL_BITS = Double.doubleToRawLongBits(Double.MIN_NORMAL) - 1;
  private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

  private long[] buckets = new long[BUCKETS];
  private int lowest = BUCKETS;
  private int highest = -1;

  /**
   * Adds {@code value}.
   *
   * @throws IllegalArgumentException if value is negative, NaN or infinite
   */
  public void add(double value) {
    add(value, 1);
  }

  /**
   * Adds {@code value x count} exactly (for a value repeated count times), as cheaply as one
   * addition for counts below 2^9: the mantissa times each base-2^9 digit of the count stays below
   * 2^62, and a digit d_i at weight 2^(9i) goes to bucket e + 9i.
   *
   * @throws IllegalArgumentException if value is negative, NaN or infinite, or count is outside [0, 2^53)
   */
  public void add(double value, long count) {
    long bits = Double.doubleToRawLongBits(value);
    // Fast path (fleet-cost's per-shape sums): positive, normal, finite, count in [1, 2^9).
    if (bits > MIN_NORMAL_BITS && bits < INFINITY_BITS && count > 0 && count <= COUNT_DIGIT_MASK) {
      addMantissa((int) (bits >>> 52), ((bits & MANTISSA_MASK) | IMPLICIT_BIT) * count);
      return;
    }
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("value must be finite and >= 0, got " + value);
    }
    if (count < 0 || count >= (1L << 53)) {
      throw new IllegalArgumentException("count must be in [0, 2^53), got " + count);
    }
    int exponent = (int) ((bits >>> 52) & 0x7FF); // -0.0 has the sign bit: exponent 0, mantissa 0
    long mantissa = bits & MANTISSA_MASK;
    if (exponent == 0) {
      if (mantissa == 0) {
        return;
      }
      exponent = 1; // subnormal: no implicit bit, same scale as exponent 1
    } else {
      mantissa |= IMPLICIT_BIT;
    }
    for (long rest = count; rest != 0; rest >>>= COUNT_DIGIT_BITS, exponent += COUNT_DIGIT_BITS) {
      long digit = rest & COUNT_DIGIT_MASK;
      if (digit != 0) {
        addMantissa(exponent, mantissa * digit);
      }
    }
  }

  /** Adds every addition made to {@code other}. */
  public void merge(ExactSum other) {
    for (int e = other.lowest; e <= other.highest; e++) {
      if (other.buckets[e] != 0) {
        addMantissa(e, other.buckets[e]);
      }
    }
  }

  /** The sum, correctly rounded to the nearest double (BigDecimal.doubleValue rounds once). */
  public double doubleValue() {
    return toBigDecimal().doubleValue();
  }

  /** The exact sum. */
  public BigDecimal toBigDecimal() {
    if (highest < 0) {
      return BigDecimal.ZERO;
    }
    BigInteger scaled = BigInteger.ZERO; // sum of bucket[e] x 2^(e - lowest)
    for (int e = highest; e >= lowest; e--) {
      scaled = scaled.shiftLeft(1).add(BigInteger.valueOf(buckets[e]));
    }
    int scale = lowest - 1075;
    return scale >= 0
        ? new BigDecimal(scaled.shiftLeft(scale))
        : new BigDecimal(scaled).divide(new BigDecimal(BigInteger.ONE.shiftLeft(-scale)));
  }

  private void addMantissa(int exponent, long mantissa) {
    int e = exponent;
    long carry = mantissa;
    while (carry != 0) {
      long b = buckets[e] + carry;
      if (e < lowest) {
        lowest = e;
      }
      if (e > highest) {
        highest = e;
      }
      if (b < CARRY_LIMIT && b > -CARRY_LIMIT) {
        buckets[e] = b;
        return;
      }
      long high = b >> CARRY_SHIFT; // arithmetic shift: floor division by 2^10
      buckets[e] = b - (high << CARRY_SHIFT);
      carry = high;
      e += CARRY_SHIFT;
    }
  }

  private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
    out.writeInt(lowest);
    out.writeInt(highest);
    for (int e = lowest; e <= highest; e++) {
      out.writeLong(buckets[e]);
    }
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
    buckets = new long[BUCKETS];
    lowest = in.readInt();
    highest = in.readInt();
    for (int e = lowest; e <= highest; e++) {
      buckets[e] = in.readLong();
    }
  }
}
