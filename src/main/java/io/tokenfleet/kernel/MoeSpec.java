package io.tokenfleet.kernel;

/**
 * Mixture-of-experts feed-forward layout.
 *
 * @param experts routed experts per MoE layer (E)
 * @param topK routed experts each token passes through
 * @param sharedExperts experts every token passes through (DeepSeek); 0 for Mixtral
 * @param expertDFf hidden size of one expert (routed and shared)
 * @param denseLeadingLayers first layers that use a dense FFN of the model's d_ff instead of MoE
 */
public record MoeSpec(int experts, int topK, int sharedExperts, int expertDFf, int denseLeadingLayers) implements java.io.Serializable {
  public MoeSpec {
    Checks.positive("experts", experts);
    Checks.positive("topK", topK);
    Checks.nonNegative("sharedExperts", sharedExperts);
    Checks.positive("expertDFf", expertDFf);
    Checks.nonNegative("denseLeadingLayers", denseLeadingLayers);
    if (topK > experts) {
      throw new IllegalArgumentException("topK must be <= experts, got topK=" + topK + " experts=" + experts);
    }
  }
}
