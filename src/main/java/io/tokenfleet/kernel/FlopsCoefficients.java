package io.tokenfleet.kernel;

/**
 * The three per-model constants every FLOPs figure is made of, computed once per model so a
 * request costs O(1). Conventions: 1 multiply-add = 2 FLOPs; matmuls only (Kaplan et al. 2020,
 * Table 1).
 *
 * @param linearFlopsPerToken 2 x the matrix weights one token passes through in all blocks:
 *     Q d x d_attn, K and V d x d_kv, O d_attn x d, FFN 2 or 3 x d x d_ff, MoE router d x E plus
 *     top_k (and shared) experts
 * @param attentionFlopsPerKey QK^T (2 d_attn) plus AV (2 d_attn) for one query-key pair, summed
 *     over layers: 4 x n_layer x d_attn
 * @param logitFlops de-embedding for one token whose next-token distribution is used: 2 d_model n_vocab
 * @param slidingWindowTokens W, 0 for full attention
 */
public record FlopsCoefficients(
    double linearFlopsPerToken, double attentionFlopsPerKey, double logitFlops, int slidingWindowTokens) implements java.io.Serializable {

  /** Coefficients of {@code spec}. */
  public static FlopsCoefficients of(ModelSpec spec) {
    ParameterCounts params = ParameterCounts.of(spec);
    return new FlopsCoefficients(
        2.0 * params.matrixParamsPerToken(),
        4.0 * spec.layers() * spec.dAttn(),
        2.0 * spec.dModel() * (double) spec.vocabSize(),
        spec.slidingWindowTokens());
  }
}
