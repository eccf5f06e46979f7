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

  /**
   * The same function of decode steps whose shape fields are polynomials of the step index j of at
   * most these degrees (prefill tokens and decode context affine, prefill keys quadratic, decode
   * sequences and logit tokens constant), as the coefficients of a polynomial of j.
   */
  Poly seconds(double prefillTokens0, double prefillTokens1, double prefillKeys0, double prefillKeys1, double prefillKeys2,
      double decodeSequences0, double decodeContext0, double decodeContext1, double logitTokens0) {
    return new Poly(
        constantSeconds + perPrefillToken * prefillTokens0 + perPrefillKey * prefillKeys0
            + perDecodeSequence * decodeSequences0 + perDecodeContextToken * decodeContext0 + perLogitToken * logitTokens0,
        perPrefillToken * prefillTokens1 + perPrefillKey * prefillKeys1 + perDecodeContextToken * decodeContext1,
        perPrefillKey * prefillKeys2);
  }
}
