package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

  @Test
  void quantilesAreWithinFourTenthsOfAPercentOfExactNearestRank() {
    Random random = new Random(11);
    double[] values = new double[50_001];
    LogHistogram histogram = new LogHistogram();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 3) * 0.01; // spans many octaves
      histogram.add(values[i]);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
      double exact = sorted[(int) Math.ceil(q * sorted.length) - 1];
      double estimate = histogram.quantile(q);
      assertTrue(Math.abs(estimate - exact) <= exact / 256 + 1e-300,
          "q=" + q + " exact=" + exact + " estimate=" + estimate);
    }
    assertEquals(sorted[0], histogram.min());
    assertEquals(sorted[sorted.length - 1], histogram.max());
    assertEquals(sorted[sorted.length - 1], histogram.quantile(1.0));
  }

  @Test
  void mergeInAnyOrderEqualsOneHistogram() {
    Random random = new Random(5);
    LogHistogram whole = new LogHistogram();
    LogHistogram[] parts = {new LogHistogram(), new LogHistogram(), new LogHistogram()};
    for (int i = 0; i < 10_000; i++) {
      double v = random.nextInt(10) == 0 ? 0 : random.nextDouble() * 1000;
      whole.add(v);
      parts[i % 3].add(v);
    }
    LogHistogram merged = new LogHistogram();
    merged.merge(parts[2]);
    merged.merge(parts[0]);
    merged.merge(parts[1]);
    for (double q : new double[] {0.05, 0.5, 0.99}) {
      assertEquals(whole.quantile(q), merged.quantile(q));
    }
    assertEquals(whole.count(), merged.count());
    double[] edges = {0, 1, 10, 100, 1000, 10_000};
    assertEquals(Arrays.toString(whole.countsOn(edges)), Arrays.toString(merged.countsOn(edges)));
    assertEquals(10_000, Arrays.stream(merged.countsOn(edges)).sum());
  }

  @Test
  void smallExampleByHand() {
    LogHistogram h = new LogHistogram();
    h.add(1.0, 99);
    h.add(100.0);
    // nearest rank: p50 -> 50th of 100 observations = 1.0; p99 -> 99th = 1.0; p100 = 100.0.
    // 1.0 sits at the low edge of its bucket [1, 1 + 1/128): the midpoint is 1 + 1/256.
    assertEquals(1.0 + 1.0 / 256, h.quantile(0.5));
    assertEquals(1.0 + 1.0 / 256, h.quantile(0.99));
    LogHistogram single = new LogHistogram();
    single.add(3.7, 1000);
    assertEquals(3.7, single.quantile(0.5)); // min = max clamps the midpoint to the exact value
    assertEquals(100.0, h.quantile(1.0));
    assertEquals(Double.NaN, new LogHistogram().quantile(0.5));
  }

  @Test
  void zerosSubnormalsAndBadValues() {
    LogHistogram h = new LogHistogram();
    h.add(0.0, 3);
    h.add(-0.0, 2); // -0.0 >= 0: a zero
    h.add(Double.MIN_VALUE, 4);
    h.add(5.0, 0); // nothing recorded
    assertEquals(9, h.count());
    assertEquals(0.0, h.min());
    assertEquals(Double.MIN_VALUE, h.max());
    assertEquals(0.0, h.quantile(5.0 / 9));
    assertEquals(Double.MIN_VALUE, h.quantile(6.0 / 9));
    assertEquals("value must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> h.add(-1.0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> h.add(Double.POSITIVE_INFINITY));
    assertEquals("times must be >= 0, got -1", assertThrows(IllegalArgumentException.class, () -> h.add(1.0, -1)).getMessage());
    assertEquals(9, h.count());
  }
}
