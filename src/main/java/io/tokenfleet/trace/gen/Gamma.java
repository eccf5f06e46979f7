package io.tokenfleet.trace.gen;

import java.util.SplittableRandom;

/**
 * Gamma(shape, scale 1) draws by Marsaglia and Tsang, "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 2000; for shape < 1 the boost Gamma(k) = Gamma(k+1) * U^(1/k)
 * from the same paper.
 */
final class Gamma {
  private Gamma() {}

  static double next(SplittableRandom random, double shape) {
    if (shape < 1.0) {
      double u = 1.0 - random.nextDouble();
      return next(random, shape + 1.0) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = Gaussian.next(random);
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = 1.0 - random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
