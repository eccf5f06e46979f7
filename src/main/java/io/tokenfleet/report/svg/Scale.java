package io.tokenfleet.report.svg;

import java.util.List;

/** Maps data values to pixels along one axis and proposes tick positions. */
public interface Scale {
  /** The pixel of {@code value}, clamped to the axis range. */
  double pixel(double value);

  /** Values at which to draw ticks, increasing, all inside the domain. */
  List<Double> ticks();

  /** Lower end of the domain (where bars start). */
  double domainMin();

  double domainMax();

  /** True when {@code value} can be placed on this scale (finite; positive for a log scale). */
  boolean canShow(double value);

  boolean isLog();

  /**
   * A log scale when the positive finite values span more than {@code maxLinearSpan} (e.g. 100x),
   * otherwise a linear scale from 0 (or the minimum, if negative) to the maximum.
   */
  static Scale forValues(double[] values, double rangeStart, double rangeEnd, double maxLinearSpan) {
    double minPositive = Double.POSITIVE_INFINITY;
    double min = 0;
    double max = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        continue;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v > 0) {
        minPositive = Math.min(minPositive, v);
      }
    }
    if (min >= 0 && minPositive < Double.POSITIVE_INFINITY && max / minPositive > maxLinearSpan) {
      return new LogScale(minPositive, max, rangeStart, rangeEnd);
    }
    return new LinearScale(min, max, rangeStart, rangeEnd);
  }
}
