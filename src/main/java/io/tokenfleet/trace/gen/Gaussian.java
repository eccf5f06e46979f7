package io.tokenfleet.trace.gen;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Box-Muller transform (Box and Muller, Ann. Math. Stat. 29, 1958),
 * implemented here rather than {@code nextGaussian()} so the sequence for a seed does not depend
 * on the JDK's choice of algorithm. Uses exactly two uniforms per draw (one value is discarded),
 * which keeps draws per row fixed.
 */
final class Gaussian {
  private Gaussian() {}

  static double next(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
