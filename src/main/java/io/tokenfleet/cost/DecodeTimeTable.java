package io.tokenfleet.cost;

import io.tokenfleet.kernel.DecodingStrategy;

/**
 * The decode time of any request shape on one replica and batch, by two table lookups: what lets
 * fleet-cost cost millions of distinct shapes at a few nanoseconds each, where the closed form of
 * {@link RequestCostModel#decodeSeconds} takes 25-50 ns.
 *
 * <p>Why it works: a decode step depends on its request only through the position c = P + j it
 * feeds and the n = B k sequences in the step. With a KV cache each sequence reads
 * min(c, W) - 1 cached positions; without one each re-runs positions 1..c. So for fixed n the
 * step time is a function tau(c) (max of compute and memory time plus the additive part, as
 * {@link RooflineStepTimer}), and the decode time of a request is
 * sum_{c = P+1}^{P+M-1} tau(c) = S(P + M - 1) - S(P), with S the prefix sums of tau.
 *
 * <p>The prefix sums are double-double (a rounded sum and its running error, Knuth's TwoSum), so
 * the difference is correct to a few units in the last place even for a short decode late in a
 * long context, where a plain prefix sum would lose digits to cancellation. Tests check it against
 * the closed form and against a step-by-step sum.
 *
 * <p>Memory: 16 bytes per position up to {@link #maxPosition()}. Immutable.
 */
public final class DecodeTimeTable {
  private final double[] prefixSeconds;
  private final double[] prefixErrorSeconds;

  private DecodeTimeTable(double[] prefixSeconds, double[] prefixErrorSeconds) {
    this.prefixSeconds = prefixSeconds;
    this.prefixErrorSeconds = prefixErrorSeconds;
  }

  /**
   * The table of {@code batch} requests decoding under {@code strategy} on {@code prepared}, for
   * requests whose last position P + M - 1 is at most {@code maxPosition}.
   *
   * @param batch B >= 1 requests of one shape served together
   * @param maxPosition >= 1
   */
  public static DecodeTimeTable of(PreparedDeployment prepared, DecodingStrategy strategy, int batch, int maxPosition) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    if (maxPosition < 1) {
      throw new IllegalArgumentException("maxPosition must be >= 1, got " + maxPosition);
    }
    RooflineStepTimer timer = prepared.timer();
    int w = prepared.deployment().model().slidingWindowTokens();
    double n = (double) batch * strategy.width();
    boolean kvCache = strategy.kvCache();
    double[] sum = new double[maxPosition + 1];
    double[] error = new double[maxPosition + 1];
    double s = 0;
    double e = 0;
    for (int c = 1; c <= maxPosition; c++) {
      double tau = stepSeconds(timer, c, n, kvCache, w);
      double t = s + tau;
      double tauPart = t - s; // TwoSum: t + its error is exactly s + tau
      e += (s - (t - tauPart)) + (tau - tauPart);
      s = t;
      sum[c] = s;
      error[c] = e;
    }
    return new DecodeTimeTable(sum, error);
  }

  /** The largest P + M - 1 the table answers for. */
  public int maxPosition() {
    return prefixSeconds.length - 1;
  }

  /**
   * All decode steps of a request of {@code promptTokens} P and {@code outputTokens} M, seconds
   * (0 when M = 1). No argument checks (hot path): requires P >= 1, M >= 1 and
   * P + M - 1 <= {@link #maxPosition()}.
   */
  public double decodeSeconds(int promptTokens, int outputTokens) {
    int last = promptTokens + outputTokens - 1;
    return (prefixSeconds[last] - prefixSeconds[promptTokens])
        + (prefixErrorSeconds[last] - prefixErrorSeconds[promptTokens]);
  }

  /**
   * One decode step feeding position {@code c} for {@code n} sequences: the closed form's sum over
   * a single step, j = 1 after a prompt of c - 1, so table and closed form share one definition
   * of a step's shape.
   */
  private static double stepSeconds(RooflineStepTimer timer, long c, double n, boolean kvCache, int w) {
    return RequestCostModel.decodeSeconds(timer, c - 1, 1, n, kvCache, w);
  }
}
