package io.tokenfleet.plan;

import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.StepTimer;

/**
 * Test timer: seconds = fixed + perPrefillToken x prefillTokens + perDecodeSequence x
 * decodeSequences + perContextToken x decodeContextTokens + perPrefillKey x prefillAttentionKeys,
 * and 0 for an empty shape, so expected latencies can be worked out by hand.
 */
record LinearStepTimer(double fixed, double perPrefillToken, double perDecodeSequence, double perContextToken,
    double perPrefillKey) implements StepTimer {

  @Override
  public double iterationSeconds(IterationShape s) {
    if (s.isEmpty()) {
      return 0;
    }
    return fixed + perPrefillToken * s.prefillTokens() + perDecodeSequence * s.decodeSequences()
        + perContextToken * s.decodeContextTokens() + perPrefillKey * s.prefillAttentionKeys();
  }
}
