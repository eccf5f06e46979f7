package io.tokenfleet.cost;

/**
 * An affine function of an {@link IterationShape}, in seconds: a constant paid by every
 * non-empty iteration plus seconds per unit of each shape field. The time models are made of three
 * of these (compute, memory, additive; see {@link RooflineStepTimer}), which is what lets
 * {@link RequestCostModel} sum a request's decode steps in closed form.
 *
 * @param constantSeconds paid once by a non-empty iteration
 * @param perPrefillToken seconds per prompt token fed
 * @param perPrefillKey seconds per prefill query-key pair (one layer's count)
 * @param perDecodeSequence seconds per decoding sequence (its one token, its self-attention key)
 * @param perDecodeContextToken seconds per cached position a decoding sequence reads
 * @param perLogitToken seconds per token whose logits are computed
 */
public record StepCoefficients(
    double constantSeconds,
    double perPrefillToken,
    double perPrefillKey,
    double perDecodeSequence,
    double perDecodeContextToken,
    double perLogitToken) implements java.io.Serializable {

  /** All zero: contributes nothing. */
  public static final StepCoefficients ZERO = new StepCoefficients(0, 0, 0, 0, 0, 0);

  public StepCoefficients {
    double[] all = {constantSeconds, perPrefillToken, perPrefillKey, perDecodeSequence, perDecodeContextToken, perLogitToken};
    for (double v : all) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("step coefficients must be finite, got " + v);
      }
    }
  }

  /** Seconds for {@code shape}; 0 for an empty shape. */
  public double seconds(IterationShape shape) {
    if (shape.isEmpty()) {
      return 0;
    }
    return constantSeconds + perPrefillToken * shape.prefillTokens() + perPrefillKey * shape.prefillAttentionKeys()
        + perDecodeSequence * shape.decodeSequences() + perDecodeContextToken * shape.decodeContextTokens()
        + perLogitToken * shape.logitTokens();
  }

  /** The same function applied to shape fields that are polynomials of the step index j. */
  Poly seconds(Poly prefillTokens, Poly prefillKeys, Poly decodeSequences, Poly decodeContext, Poly logitTokens) {
    return Poly.constant(constantSeconds)
        .plus(prefillTokens.times(perPrefillToken))
        .plus(prefillKeys.times(perPrefillKey))
        .plus(decodeSequences.times(perDecodeSequence))
        .plus(decodeContext.times(perDecodeContextToken))
        .plus(logitTokens.times(perLogitToken));
  }
}
