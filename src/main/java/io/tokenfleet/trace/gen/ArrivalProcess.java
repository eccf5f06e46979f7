package io.tokenfleet.trace.gen;

import java.util.SplittableRandom;

/**
 * Inter-arrival times in seconds: Poisson (exponential gaps, CV 1) or gamma-distributed gaps
 * with a chosen coefficient of variation (CV > 1 is burstier than Poisson).
 *
 * @param ratePerSecond mean arrivals per second, > 0
 * @param cv coefficient of variation of the gaps (1 = Poisson), > 0
 */
public record ArrivalProcess(double ratePerSecond, double cv) {
  public ArrivalProcess {
    if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) {
      throw new IllegalArgumentException("arrival rate must be > 0 per second, got " + ratePerSecond);
    }
    if (!(cv > 0) || !Double.isFinite(cv)) {
      throw new IllegalArgumentException("arrival cv must be > 0, got " + cv);
    }
  }

  public static ArrivalProcess poisson(double ratePerSecond) {
    return new ArrivalProcess(ratePerSecond, 1.0);
  }

  /** The next gap in seconds, mean 1/rate. */
  public double nextGapSeconds(SplittableRandom random) {
    if (cv == 1.0) {
      return -Math.log(1.0 - random.nextDouble()) / ratePerSecond;
    }
    // gamma with shape k = 1/cv^2 and scale theta = cv^2/rate has mean k*theta = 1/rate and CV 1/sqrt(k) = cv
    double shape = 1.0 / (cv * cv);
    return Gamma.next(random, shape) * (cv * cv) / ratePerSecond;
  }

  public String describe() {
    return cv == 1.0 ? "poisson:" + ratePerSecond : "gamma:" + ratePerSecond + "," + cv;
  }
}
