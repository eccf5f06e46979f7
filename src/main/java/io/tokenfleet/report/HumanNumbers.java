package io.tokenfleet.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers for people (Markdown and HTML reports): at most three significant digits (no trailing zeros),
 * ',' thousands grouping,
 * '.' decimal point, whatever the machine's locale. Not for files that are read back (see
 * {@link ExactNumbers}). Non-finite values are written {@code n/a}.
 */
public final class HumanNumbers {
  private HumanNumbers() {}

  static final String NOT_AVAILABLE = "n/a";

  /**
   * {@code value} rounded (half-even) to {@code digits} significant digits without trailing zeros
   * ({@code 0.75}, {@code 50}, {@code 1,235}); plain for 1e-6 <= |value| < 1e15, else e-notation.
   */
  public static String significant(double value, int digits) {
    if (!Double.isFinite(value)) {
      return NOT_AVAILABLE;
    }
    if (value == 0.0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 1e-6 || magnitude >= 1e15) {
      return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
      // integer part with grouping; the digits beyond 'digits' significant ones are zeros already
      return String.format(Locale.ROOT, "%,d", rounded.setScale(0, RoundingMode.HALF_EVEN).toBigInteger());
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** Dollars: {@code $1,234.57} from $1 up, three significant digits below ({@code $0.000412}). */
  public static String dollars(double dollars) {
    if (!Double.isFinite(dollars)) {
      return NOT_AVAILABLE;
    }
    if (Math.abs(dollars) >= 1.0) {
      return (dollars < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(dollars));
    }
    return (dollars < 0 ? "-$" : "$") + significant(Math.abs(dollars), 3);
  }

  /** Dollars for axis ticks: no cents, three significant digits ({@code $0.001}, {@code $10}, {@code $100,000}). */
  public static String dollarsTick(double dollars) {
    if (!Double.isFinite(dollars)) {
      return NOT_AVAILABLE;
    }
    return (dollars < 0 ? "-$" : "$") + io.tokenfleet.report.svg.Labels.compact(Math.abs(dollars));
  }

  /** Latencies: milliseconds below 10 s ({@code 9,500 ms}, {@code 12.3 ms}), seconds from 10 s ({@code 240 s}). */
  public static String latency(double seconds) {
    if (!Double.isFinite(seconds)) {
      return NOT_AVAILABLE;
    }
    return Math.abs(seconds) >= 10 ? significant(seconds, 3) + " s" : significant(seconds * 1e3, 3) + " ms";
  }

  /** Counts with grouping: {@code 1,234,567}. */
  public static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** Bytes in decimal units (1 GB = 1e9 bytes): {@code 12.3 GB}, {@code 512 MB}. */
  public static String bytes(double bytes) {
    if (!Double.isFinite(bytes)) {
      return NOT_AVAILABLE;
    }
    double magnitude = Math.abs(bytes);
    if (magnitude >= 1e12) {
      return significant(bytes / 1e12, 3) + " TB";
    }
    if (magnitude >= 1e9) {
      return significant(bytes / 1e9, 3) + " GB";
    }
    if (magnitude >= 1e6) {
      return significant(bytes / 1e6, 3) + " MB";
    }
    if (magnitude >= 1e3) {
      return significant(bytes / 1e3, 3) + " kB";
    }
    return significant(bytes, 3) + " B";
  }

  /** FLOPs in e-notation: {@code 3.20e+18}. */
  public static String flops(double flops) {
    return Double.isFinite(flops) ? String.format(Locale.ROOT, "%.2e", flops) : NOT_AVAILABLE;
  }

  /** A ratio as a multiplier with two decimals: {@code 2.00x}. */
  public static String multiplier(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : NOT_AVAILABLE;
  }
}
