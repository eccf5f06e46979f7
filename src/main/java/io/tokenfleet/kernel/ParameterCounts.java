package io.tokenfleet.kernel;

/**
 * Parameter counts of a {@link ModelSpec}, exact (weights only: no rotary or causal-mask buffers).
 *
 * @param total every weight: embeddings, matrices, biases, norms
 * @param nonEmbedding Kaplan et al.'s N: weight matrices of the blocks only (attention, FFN, every
 *     expert, MoE router); no embeddings, biases or norms
 * @param activePerToken weights one token touches: total minus the routed experts it skips
 * @param matrixParamsPerToken matrix weights one token passes through inside the blocks (the
 *     active part of N); linear FLOPs per token are twice this
 * @param embedding token embedding + learned positions + untied de-embedding
 * @param biases bias vectors of linear layers
 * @param norms norm weights (and biases for LayerNorm)
 */
public record ParameterCounts(
    long total,
    long nonEmbedding,
    long activePerToken,
    long matrixParamsPerToken,
    long embedding,
    long biases,
    long norms) {

  /** Counts the parameters of {@code spec}. */
  public static ParameterCounts of(ModelSpec spec) {
    long d = spec.dModel();
    long dAttn = spec.dAttn();
    long dKv = spec.dKv();
    int mats = spec.ffn().matrices();

    long embedding = (long) spec.vocabSize() * d
        + (spec.positionEmbedding() == PositionEmbedding.LEARNED ? (long) spec.maxContextTokens() * d : 0)
        + (spec.tiedEmbeddings() ? 0 : (long) spec.vocabSize() * d);

    // Q: d x d_attn, K and V: d x d_kv each, O: d_attn x d.
    long attentionMatrices = d * dAttn + 2 * d * dKv + dAttn * d;
    long denseFfnMatrices = mats * d * spec.dFf();
    long attentionBiases = switch (spec.linearBiases()) {
      case NONE -> 0;
      case QKV_ONLY -> dAttn + 2 * dKv;
      case ALL -> dAttn + 2 * dKv + d;
    };
    boolean ffnBiases = spec.linearBiases() == LinearBiases.ALL;
    // Up (and gate) matrices carry d_ff biases each; the down matrix carries d.
    long denseFfnBiases = ffnBiases ? (mats - 1L) * spec.dFf() + d : 0;

    long moeTotalMatrices = 0;
    long moeActiveMatrices = 0;
    long moeBiases = 0;
    long skippedPerMoeLayer = 0;
    MoeSpec moe = spec.moe();
    if (moe != null) {
      long expertMatrices = mats * d * moe.expertDFf();
      long expertBiases = ffnBiases ? (mats - 1L) * moe.expertDFf() + d : 0;
      long router = d * moe.experts();
      moeTotalMatrices = (long) (moe.experts() + moe.sharedExperts()) * expertMatrices + router;
      moeActiveMatrices = (long) (moe.topK() + moe.sharedExperts()) * expertMatrices + router;
      moeBiases = (long) (moe.experts() + moe.sharedExperts()) * expertBiases;
      skippedPerMoeLayer = (long) (moe.experts() - moe.topK()) * (expertMatrices + expertBiases);
    }

    long layers = spec.layers();
    long denseLayers = spec.denseLayers();
    long moeLayers = spec.moeLayers();
    long nonEmbedding = layers * attentionMatrices + denseLayers * denseFfnMatrices + moeLayers * moeTotalMatrices;
    long matrixPerToken = layers * attentionMatrices + denseLayers * denseFfnMatrices + moeLayers * moeActiveMatrices;
    long biases = layers * attentionBiases + denseLayers * denseFfnBiases + moeLayers * moeBiases;
    long normCount = layers * spec.normsPerLayer() + (spec.finalNorm() ? 1 : 0) + (spec.embeddingNorm() ? 1 : 0);
    long norms = normCount * spec.normKind().vectorsPerNorm() * d;
    long total = embedding + nonEmbedding + biases + norms;
    long active = total - moeLayers * skippedPerMoeLayer;
    return new ParameterCounts(total, nonEmbedding, active, matrixPerToken, embedding, biases, norms);
  }
}
