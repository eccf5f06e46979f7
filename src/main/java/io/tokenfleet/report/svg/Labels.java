package io.tokenfleet.report.svg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Default tick and value labels: compact, locale-independent. */
public final class Labels {
  private Labels() {}

  /**
   * Three significant digits without trailing zeros: {@code 0.0001}, {@code 2.5}, {@code 1,200};
   * e-notation below 1e-4 and from 1e9 ({@code 1e-07}, {@code 3.2e+18}).
   */
  public static String compact(double value) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 1e-4 || magnitude >= 1e9) {
      BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN));
      String mantissa = rounded.unscaledValue().toString();
      int exponent = mantissa.replace("-", "").length() - 1 - rounded.scale();
      BigDecimal m = rounded.movePointLeft(exponent).stripTrailingZeros();
      return m.toPlainString() + "e" + exponent;
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    if (rounded.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
      return String.format(Locale.ROOT, "%,d", rounded.toBigInteger());
    }
    return rounded.toPlainString();
  }
}
