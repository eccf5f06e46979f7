package io.tokenfleet.trace.gen;

import java.util.SplittableRandom;

/**
 * Token counts exp(mu + sigma * Z), Z standard normal, rounded to the nearest integer and
 * clamped to [1, maxTokens]. The median of the unclamped draw is exp(mu).
 *
 * @param mu mean of ln(tokens)
 * @param sigma standard deviation of ln(tokens), >= 0
 * @param maxTokens upper clamp (e.g. a context limit), >= 1
 */
public record LogNormalTokens(double mu, double sigma, int maxTokens) implements TokenDistribution {
  public LogNormalTokens {
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("lognormal mu must be finite, got " + mu);
    }
    if (!(sigma >= 0) || !Double.isFinite(sigma)) {
      throw new IllegalArgumentException("lognormal sigma must be >= 0, got " + sigma);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
  }

  @Override
  public int sample(SplittableRandom random) {
    double x = Math.exp(mu + sigma * Gaussian.next(random));
    long rounded = Math.round(x);
    return (int) Math.max(1, Math.min(maxTokens, rounded));
  }

  @Override
  public String describe() {
    return "lognormal:" + mu + "," + sigma;
  }
}
