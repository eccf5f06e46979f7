package io.tokenfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactNumbersTest {

  @Test
  void writesTheShortestDecimalInPlainOrScientificNotation() {
    // expected strings follow the documented rule by hand: shortest digits; plain for 1e-3 <= |d| < 1e7
    assertEquals("0.1", ExactNumbers.exact(0.1));
    assertEquals("0.3", ExactNumbers.exact(0.3));
    assertEquals("0.30000000000000004", ExactNumbers.exact(0.1 + 0.2)); // 0.1 + 0.2 is not the double 0.3
    assertEquals("1.0", ExactNumbers.exact(1.0));
    assertEquals("2.5", ExactNumbers.exact(2.5));
    assertEquals("1234567.0", ExactNumbers.exact(1234567.0));
    assertEquals("0.001", ExactNumbers.exact(1e-3));
    assertEquals("1.0E7", ExactNumbers.exact(1e7));
    assertEquals("9.99E-4", ExactNumbers.exact(9.99e-4));
    assertEquals("3.2E18", ExactNumbers.exact(3.2e18));
    assertEquals("-4.12E-4", ExactNumbers.exact(-4.12e-4));
    assertEquals("1.7976931348623157E308", ExactNumbers.exact(Double.MAX_VALUE));
    // one digit identifies the smallest subnormal (4.94e-324 rounds to 5e-324); Java writes two, 4.9E-324
    assertEquals("5.0E-324", ExactNumbers.exact(Double.MIN_VALUE));
    assertEquals("2.0E23", ExactNumbers.exact(2e23));
    assertEquals("0.0", ExactNumbers.exact(0.0));
    assertEquals("-0.0", ExactNumbers.exact(-0.0));
    assertEquals("NaN", ExactNumbers.exact(Double.NaN));
    assertEquals("Infinity", ExactNumbers.exact(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", ExactNumbers.exact(Double.NEGATIVE_INFINITY));
    assertEquals("9007199254740993", ExactNumbers.exact(9007199254740993L)); // 2^53 + 1: exact as a long
  }

  @Test
  void everyDoubleParsesBackToTheSameBits() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int i = 0; i < 20_000; i++) {
      // random bit patterns cover subnormals, huge and tiny exponents; skip NaN payloads
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d)) {
        continue;
      }
      String text = ExactNumbers.exact(d);
      assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
    }
    for (int i = 0; i < 20_000; i++) {
      // values in the ranges a summary holds: dollars, seconds, FLOPs
      double d = random.nextDouble() * Math.pow(10, random.nextInt(-9, 26));
      assertEquals(d, Double.parseDouble(ExactNumbers.exact(d)));
    }
  }

  @Test
  void neverDependsOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY); // decimal comma, '.' grouping
      assertEquals("1234.5", ExactNumbers.exact(1234.5));
      assertEquals("$1,234.50", HumanNumbers.dollars(1234.5));
      assertEquals("1234567", ExactNumbers.exact(1234567L));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void isNoLongerThanWhatJavaWrites() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      double d = random.nextDouble() * Math.pow(10, random.nextInt(-12, 30));
      // both are round-trip representations in the same notation; ours picks the fewest digits
      assertEquals(true, ExactNumbers.exact(d).length() <= Double.toString(d).length(), Double.toString(d));
    }
  }
}
