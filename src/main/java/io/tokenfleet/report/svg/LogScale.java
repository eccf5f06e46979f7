package io.tokenfleet.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 log scale whose domain is widened to whole decades; ticks every ceil(decades / 8)
 * decades, so at most nine. Values <= 0 cannot be shown.
 */
public final class LogScale implements Scale {
  private final int minExponent;
  private final int maxExponent;
  private final double rangeStart;
  private final double rangeEnd;

  /**
   * @param minPositive smallest value to show, > 0
   * @param max largest value to show, >= minPositive
   */
  public LogScale(double minPositive, double max, double rangeStart, double rangeEnd) {
    if (!(minPositive > 0) || !(max >= minPositive) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("log scale needs 0 < minPositive <= max < infinity, got minPositive="
          + minPositive + ", max=" + max);
    }
    int lo = (int) Math.floor(Math.log10(minPositive) + 1e-9);
    int hi = (int) Math.ceil(Math.log10(max) - 1e-9);
    this.minExponent = lo;
    this.maxExponent = hi > lo ? hi : lo + 1;
    this.rangeStart = rangeStart;
    this.rangeEnd = rangeEnd;
  }

  @Override
  public double pixel(double value) {
    double exponent = value > 0 ? Math.log10(value) : minExponent;
    double clamped = Math.max(minExponent, Math.min(maxExponent, exponent));
    return rangeStart + (clamped - minExponent) / (maxExponent - minExponent) * (rangeEnd - rangeStart);
  }

  @Override
  public List<Double> ticks() {
    int decades = maxExponent - minExponent;
    int every = (decades + 7) / 8; // ceil(decades / 8): at most nine labels
    List<Double> ticks = new ArrayList<>();
    for (int e = minExponent; e <= maxExponent; e += every) {
      // parse "1e<e>" instead of Math.pow so that ticks are the exact doubles nearest to powers of ten
      ticks.add(Double.parseDouble("1e" + e));
    }
    return ticks;
  }

  @Override
  public double domainMin() {
    return Double.parseDouble("1e" + minExponent);
  }

  @Override
  public double domainMax() {
    return Double.parseDouble("1e" + maxExponent);
  }

  @Override
  public boolean canShow(double value) {
    return value > 0 && Double.isFinite(value);
  }

  @Override
  public boolean isLog() {
    return true;
  }
}
