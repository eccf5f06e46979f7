package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  /** Extreme magnitudes: 1e25 FLOPs next to 1e-300, subnormals, and many equal tiny values. */
  private static List<Double> extremeValues(long seed, int n) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> values.add(random.nextDouble() * 1e25);
        case 1 -> values.add(random.nextDouble() * 1e-300);
        case 2 -> values.add(Double.MIN_VALUE * random.nextInt(1000));
        case 3 -> values.add(Math.scalb(1.0, random.nextInt(2000) - 1000));
        case 4 -> values.add(Double.MAX_VALUE / 1e6);
        default -> values.add(0.1);
      }
    }
    return values;
  }

  @Test
  void equalsBigDecimalSumOnExtremeValues() {
    List<Double> values = extremeValues(42, 20_000);
    BigDecimal exact = BigDecimal.ZERO;
    ExactSum sum = new ExactSum();
    for (double v : values) {
      exact = exact.add(new BigDecimal(v));
      sum.add(v);
    }
    assertEquals(0, exact.compareTo(sum.toBigDecimal()));
    assertEquals(exact.doubleValue(), sum.doubleValue());
  }

  @Test
  void orderAndPartitioningDoNotChangeTheResult() {
    List<Double> values = extremeValues(7, 10_000);
    ExactSum whole = new ExactSum();
    values.forEach(whole::add);
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new Random(1));
    ExactSum merged = new ExactSum();
    for (int part = 0; part < 7; part++) {
      ExactSum partial = new ExactSum();
      for (int i = part; i < shuffled.size(); i += 7) {
        partial.add(shuffled.get(i));
      }
      merged.merge(partial);
    }
    assertEquals(0, whole.toBigDecimal().compareTo(merged.toBigDecimal()));
    // A naive double sum in two orders typically differs: the reason this class exists.
    assertEquals(whole.doubleValue(), merged.doubleValue());
  }

  @Test
  void manyAdditionsIntoOneBucketCarryWithoutLoss() {
    ExactSum sum = new ExactSum();
    long n = 3_000_000; // far beyond 2^10 additions of a 53-bit mantissa into one bucket
    for (long i = 0; i < n; i++) {
      sum.add(0.1);
    }
    assertEquals(0, new BigDecimal(0.1).multiply(BigDecimal.valueOf(n)).compareTo(sum.toBigDecimal()));
  }

  @Test
  void repeatedValueAddsExactly() {
    ExactSum sum = new ExactSum();
    sum.add(0.1, 123_456_789L);
    sum.add(1e20 / 3, 999_999_937L);
    BigDecimal expected = new BigDecimal(0.1).multiply(BigDecimal.valueOf(123_456_789L))
        .add(new BigDecimal(1e20 / 3).multiply(BigDecimal.valueOf(999_999_937L)));
    assertEquals(0, expected.compareTo(sum.toBigDecimal()));
  }

  /**
   * Counts of one to six base-2^9 digits, subnormals, the largest double at the largest count
   * (the carry headroom), and signed zero, against BigDecimal.
   */
  @Test
  void repeatedValuesOfEveryKindAddExactly() {
    double[] values = {0.1, 3.0, Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MIN_NORMAL, 1e300, Double.MAX_VALUE, 0.0, -0.0};
    long[] counts = {0, 1, 2, 511, 512, 513, 262_143, 262_144, 123_456_789_012L, (1L << 53) - 1};
    ExactSum sum = new ExactSum();
    BigDecimal expected = BigDecimal.ZERO;
    for (int round = 0; round < 3; round++) {
      for (double v : values) {
        for (long c : counts) {
          sum.add(v, c);
          expected = expected.add(new BigDecimal(v).multiply(BigDecimal.valueOf(c)));
        }
      }
    }
    assertEquals(0, expected.compareTo(sum.toBigDecimal()));
    assertEquals(expected.doubleValue(), sum.doubleValue());
    assertEquals("count must be in [0, 2^53), got -1",
        assertThrows(IllegalArgumentException.class, () -> sum.add(1.0, -1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> sum.add(1.0, 1L << 53));
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ExactSum sum = new ExactSum();
    extremeValues(3, 1000).forEach(sum::add);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(sum);
    }
    ExactSum back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ExactSum) in.readObject();
    }
    assertEquals(0, sum.toBigDecimal().compareTo(back.toBigDecimal()));
  }

  @Test
  void rejectsNegativeAndNonFinite() {
    ExactSum sum = new ExactSum();
    assertEquals("value must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> sum.add(-1.0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> sum.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> sum.add(Double.POSITIVE_INFINITY));
  }
}
