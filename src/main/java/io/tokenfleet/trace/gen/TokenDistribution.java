package io.tokenfleet.trace.gen;

import java.util.SplittableRandom;

/** A distribution of token counts (>= 1) for synthetic traces. */
public interface TokenDistribution {
  /** One draw, >= 1 and <= {@link Integer#MAX_VALUE}. */
  int sample(SplittableRandom random);

  /** Human-readable form, e.g. "lognormal:6.9276,0.7529". */
  String describe();
}
