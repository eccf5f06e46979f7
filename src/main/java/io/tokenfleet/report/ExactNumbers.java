package io.tokenfleet.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Machine-readable numbers for files (CSV, Parquet side files): locale-independent, byte-identical on
 * every run and JDK, and exact — {@code Double.parseDouble(exact(d))} gives back the same bits.
 *
 * <p>The rule for doubles is Double.toString-like but implemented here so that JDK 17 (whose
 * Double.toString is not always shortest, JDK-4511638) and later JDKs write the same bytes:
 * <ul>
 *   <li>the fewest significant digits (1..17) whose correctly rounded (half-even) decimal parses back
 *       to the same double;</li>
 *   <li>plain notation with at least one fraction digit when 1e-3 &lt;= |d| &lt; 1e7
 *       ({@code 0.25}, {@code 1234567.0});</li>
 *   <li>otherwise scientific with an upper-case E and no plus sign ({@code 3.2E18}, {@code 4.12E-4},
 *       {@code 1.0E7});</li>
 *   <li>{@code 0.0}, {@code -0.0}, {@code NaN}, {@code Infinity}, {@code -Infinity} as Java writes them.</li>
 * </ul>
 * Integers (counts) are written with {@link Long#toString(long)}: no grouping, no exponent.
 */
public final class ExactNumbers {
  private ExactNumbers() {}

  /** Exact, shortest, locale-independent text of {@code value}; see the class comment for the rule. */
  public static String exact(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0.0) {
      return Double.doubleToRawLongBits(value) == 0L ? "0.0" : "-0.0";
    }
    BigDecimal digits = shortestDecimal(value);
    double magnitude = Math.abs(value);
    return magnitude >= 1e-3 && magnitude < 1e7 ? plain(digits) : scientific(digits);
  }

  /** Counts: the decimal digits of {@code value}, no grouping. */
  public static String exact(long value) {
    return Long.toString(value);
  }

  /** Parses what {@link #exact(double)} writes (and anything else Double.parseDouble accepts). */
  public static double parseDouble(String text) {
    return Double.parseDouble(text);
  }

  private static BigDecimal shortestDecimal(double value) {
    // new BigDecimal(double) is the exact binary value; rounding it to p digits and checking the
    // round trip finds the shortest decimal that identifies the double (17 digits always suffice).
    BigDecimal exactBinary = new BigDecimal(value);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal candidate = exactBinary.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(candidate.toString()) == value) {
        return candidate.stripTrailingZeros();
      }
    }
    throw new AssertionError("17 significant digits must round-trip a double, failed for " + value);
  }

  private static String plain(BigDecimal digits) {
    String text = digits.toPlainString();
    return text.indexOf('.') >= 0 ? text : text + ".0";
  }

  private static String scientific(BigDecimal digits) {
    String unscaled = digits.unscaledValue().abs().toString();
    int exponent = unscaled.length() - 1 - digits.scale();
    StringBuilder out = new StringBuilder(unscaled.length() + 8);
    if (digits.signum() < 0) {
      out.append('-');
    }
    out.append(unscaled.charAt(0)).append('.');
    out.append(unscaled.length() > 1 ? unscaled.substring(1) : "0");
    return out.append('E').append(exponent).toString();
  }
}
