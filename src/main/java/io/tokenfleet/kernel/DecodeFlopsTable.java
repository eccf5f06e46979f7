package io.tokenfleet.kernel;

/**
 * {@link RequestFlops#decodeFlops} of any request whose last position P + M - 1 is at most
 * {@link #maxPosition()}, bit for bit, by table lookup: for costing millions of shapes of one
 * model and strategy.
 *
 * <p>The closed form's integer sums over positions are differences of prefix sums:
 * keys(P+1..P+M-1) = S(P+M-1) - S(P) and keysOfReruns = T(P+M-1) - T(P) (see
 * {@link TokenSums}). The table holds S or T as longs, exact (S(n) <= n^2/2 and
 * T(n) <= n^3/6 stay below 2^63 for n <= 2^20, the largest table), so the difference is the very
 * long the closed form computes, and the FLOPs are combined with the same double operations.
 *
 * <p>Memory: 8 bytes per position. Immutable.
 */
public final class DecodeFlopsTable {
  /** Longest table: keeps T(n) <= n^3/6 below 2^63. */
  public static final int MAX_POSITIONS = 1 << 20;

  private final FlopsCoefficients coefficients;
  private final double width;
  private final boolean kvCache;
  /** S(n) = sum_{t<=n} min(t, W) with a cache, T(n) = sum_{m<=n} S(m) without. */
  private final long[] prefixKeys;

  private DecodeFlopsTable(FlopsCoefficients coefficients, DecodingStrategy strategy, long[] prefixKeys) {
    this.coefficients = coefficients;
    this.width = strategy.width();
    this.kvCache = strategy.kvCache();
    this.prefixKeys = prefixKeys;
  }

  /**
   * The table of {@code strategy} on a model of coefficients {@code c} up to {@code maxPosition}.
   *
   * @param maxPosition in [1, {@link #MAX_POSITIONS}]
   */
  public static DecodeFlopsTable of(FlopsCoefficients c, DecodingStrategy strategy, int maxPosition) {
    Checks.notNull("strategy", strategy);
    if (maxPosition < 1 || maxPosition > MAX_POSITIONS) {
      throw new IllegalArgumentException("maxPosition must be in [1, " + MAX_POSITIONS + "], got " + maxPosition);
    }
    int w = c.slidingWindowTokens();
    long[] prefix = new long[maxPosition + 1];
    long s = 0;
    long t = 0;
    for (int n = 1; n <= maxPosition; n++) {
      s += w > 0 ? Math.min(n, w) : n;
      t += s;
      prefix[n] = strategy.kvCache() ? s : t;
    }
    return new DecodeFlopsTable(c, strategy, prefix);
  }

  /** The largest P + M - 1 the table answers for. */
  public int maxPosition() {
    return prefixKeys.length - 1;
  }

  /**
   * Decode FLOPs of a request of {@code promptTokens} P and {@code outputTokens} M, equal to
   * {@link RequestFlops#decodeFlops}. No argument checks (hot path): requires P >= 1, M >= 1 and
   * P + M - 1 <= {@link #maxPosition()}.
   */
  public double decodeFlops(int promptTokens, int outputTokens) {
    long p = promptTokens;
    long steps = outputTokens - 1;
    double keys = width * (double) (prefixKeys[(int) (p + steps)] - prefixKeys[promptTokens]);
    double fed = kvCache ? width * steps : width * (double) (triangle(p + steps) - triangle(p));
    return RequestFlops.decode(coefficients, fed, keys, width * steps);
  }

  private static long triangle(long n) {
    return n * (n + 1) / 2;
  }
}
