package io.tokenfleet.report.svg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear scale whose domain is widened to "nice" tick steps (1, 2 or 5 times a power of ten),
 * about five to ten ticks. An empty or zero domain becomes [0, 1].
 */
public final class LinearScale implements Scale {
  private final double domainMin;
  private final double domainMax;
  private final double step;
  private final double rangeStart;
  private final double rangeEnd;

  public LinearScale(double min, double max, double rangeStart, double rangeEnd) {
    if (!(max > min)) {
      max = min + (min == 0 ? 1 : Math.abs(min));
    }
    this.step = niceStep((max - min) / 5);
    this.domainMin = tidy(Math.floor(min / step) * step);
    this.domainMax = tidy(Math.ceil(max / step) * step);
    this.rangeStart = rangeStart;
    this.rangeEnd = rangeEnd;
  }

  /** The smallest of 1, 2, 5 x 10^k that is >= {@code rough}. */
  static double niceStep(double rough) {
    double decade = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double factor : new double[] {1, 2, 5, 10}) {
      if (factor * decade >= rough * (1 - 1e-9)) {
        return factor * decade;
      }
    }
    return 10 * decade;
  }

  private static double tidy(double value) {
    return value == 0 ? 0.0 : new BigDecimal(value).round(new MathContext(12, RoundingMode.HALF_EVEN)).doubleValue();
  }

  @Override
  public double pixel(double value) {
    double clamped = Math.max(domainMin, Math.min(domainMax, value));
    return rangeStart + (clamped - domainMin) / (domainMax - domainMin) * (rangeEnd - rangeStart);
  }

  @Override
  public List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    long n = Math.round((domainMax - domainMin) / step);
    for (long i = 0; i <= n; i++) {
      // round to 12 significant digits so that 3 x 0.1 is the tick 0.3, not 0.30000000000000004
      ticks.add(tidy(domainMin + i * step));
    }
    return ticks;
  }

  @Override
  public double domainMin() {
    return domainMin;
  }

  @Override
  public double domainMax() {
    return domainMax;
  }

  @Override
  public boolean canShow(double value) {
    return Double.isFinite(value);
  }

  @Override
  public boolean isLog() {
    return false;
  }
}
