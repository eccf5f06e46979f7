package io.tokenfleet.plan;

import java.util.SplittableRandom;

/** Seeded synthetic requests for tests: Poisson arrivals, uniform lengths, a mix of widths. */
final class SyntheticTrace {
  private SyntheticTrace() {}

  static RequestTable poisson(long seed, int n, double ratePerSecond, int maxPrompt, int maxOutput, int[] widthChoices) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] ids = new long[n];
    double[] arrivals = new double[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    double t = 0;
    for (int i = 0; i < n; i++) {
      t += -Math.log(1 - rnd.nextDouble()) / ratePerSecond;
      ids[i] = i;
      arrivals[i] = t;
      prompts[i] = 1 + rnd.nextInt(maxPrompt);
      outputs[i] = 1 + rnd.nextInt(maxOutput);
      widths[i] = widthChoices[rnd.nextInt(widthChoices.length)];
    }
    return RequestTable.of(ids, arrivals, prompts, outputs, widths);
  }
}
