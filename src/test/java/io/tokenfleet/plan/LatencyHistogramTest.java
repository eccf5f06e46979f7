package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void quantilesAreNeverBelowTheExactOneAndAtMostOnePercentAbove() {
    SplittableRandom rnd = new SplittableRandom(1);
    double[] values = new double[10_000];
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(rnd.nextGaussian() * 2 - 3); // lognormal around 50 ms
      (i % 2 == 0 ? a : b).add(values[i]);
    }
    LatencyHistogram merged = a.copy().merge(b);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
      double exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      double approx = merged.quantile(q);
      assertTrue(approx >= exact && approx <= exact * 1.01, "q" + q + ": " + approx + " vs exact " + exact);
    }
    assertEquals(values.length, merged.count());
    assertEquals(Arrays.stream(values).max().getAsDouble(), merged.maxSeconds(), 0);
    assertEquals(Arrays.stream(values).average().getAsDouble(), merged.meanSeconds(), 1e-12);
    assertEquals(merged, b.copy().merge(a));
  }
}
