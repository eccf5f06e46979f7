package io.tokenfleet.fleet;

import java.util.Arrays;

/**
 * Distribution of dollars per request for one summary variant, as a histogram on log-spaced bins.
 *
 * @param model model preset name
 * @param strategy strategy with cache suffix, e.g. beam:4/no-cache
 * @param deployment gpu:tp
 * @param binEdgesDollars n + 1 increasing bin edges in dollars
 * @param counts n request counts; counts[i] covers [edges[i], edges[i+1])
 */
public record CostDistribution(String model, String strategy, String deployment, double[] binEdgesDollars, long[] counts) {
  public CostDistribution {
    if (binEdgesDollars.length != counts.length + 1) {
      throw new IllegalArgumentException("binEdgesDollars must have counts.length + 1 = " + (counts.length + 1)
          + " entries, got " + binEdgesDollars.length);
    }
    binEdgesDollars = binEdgesDollars.clone();
    counts = counts.clone();
  }

  @Override
  public double[] binEdgesDollars() {
    return binEdgesDollars.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CostDistribution c && model.equals(c.model) && strategy.equals(c.strategy)
        && deployment.equals(c.deployment) && Arrays.equals(binEdgesDollars, c.binEdgesDollars) && Arrays.equals(counts, c.counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * model.hashCode() + strategy.hashCode()) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "CostDistribution[" + model + ", " + strategy + ", " + deployment + ", " + Arrays.toString(counts) + "]";
  }
}
