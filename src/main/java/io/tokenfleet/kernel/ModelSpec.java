package io.tokenfleet.kernel;

/**
 * A decoder-only transformer architecture: everything the kernel needs to count parameters,
 * FLOPs and bytes. Immutable; validated on construction.
 *
 * @param name preset or config name, for reports
 * @param layers n_layer
 * @param dModel d_model (hidden size)
 * @param heads query heads
 * @param kvHeads key/value heads (= heads for MHA, fewer for GQA, 1 for MQA); must divide heads
 * @param headDim dimension of one head; d_attn = heads x headDim, d_kv = kvHeads x headDim
 * @param dFf feed-forward hidden size of a dense layer
 * @param ffn GELU (2 matrices) or GATED (3 matrices)
 * @param vocabSize n_vocab
 * @param maxContextTokens n_ctx the model was trained for (position table size when LEARNED)
 * @param slidingWindowTokens attention window W (a token attends to min(t, W) keys); 0 = full attention
 * @param positionEmbedding LEARNED adds maxContextTokens x dModel parameters
 * @param tiedEmbeddings the de-embedding reuses the token embedding matrix
 * @param linearBiases which linear layers carry biases
 * @param normKind LayerNorm (weight + bias) or RMSNorm (weight)
 * @param normsPerLayer norms in each block (2 for pre-norm attention + FFN)
 * @param finalNorm a norm after the last block
 * @param embeddingNorm a norm right after the token embedding (BLOOM)
 * @param moe mixture-of-experts layout, or {@code null} for a dense model
 */
public record ModelSpec(
    String name,
    int layers,
    int dModel,
    int heads,
    int kvHeads,
    int headDim,
    int dFf,
    FfnKind ffn,
    int vocabSize,
    int maxContextTokens,
    int slidingWindowTokens,
    PositionEmbedding positionEmbedding,
    boolean tiedEmbeddings,
    LinearBiases linearBiases,
    NormKind normKind,
    int normsPerLayer,
    boolean finalNorm,
    boolean embeddingNorm,
    MoeSpec moe) implements java.io.Serializable {

  public ModelSpec {
    Checks.notNull("name", name);
    Checks.positive("layers", layers);
    Checks.positive("dModel", dModel);
    Checks.positive("heads", heads);
    Checks.positive("kvHeads", kvHeads);
    Checks.positive("headDim", headDim);
    Checks.positive("dFf", dFf);
    Checks.notNull("ffn", ffn);
    Checks.positive("vocabSize", vocabSize);
    Checks.positive("maxContextTokens", maxContextTokens);
    Checks.nonNegative("slidingWindowTokens", slidingWindowTokens);
    Checks.notNull("positionEmbedding", positionEmbedding);
    Checks.notNull("linearBiases", linearBiases);
    Checks.notNull("normKind", normKind);
    Checks.nonNegative("normsPerLayer", normsPerLayer);
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "kvHeads must divide heads, got heads=" + heads + " kvHeads=" + kvHeads);
    }
    if (moe != null && moe.denseLeadingLayers() > layers) {
      throw new IllegalArgumentException(
          "moe.denseLeadingLayers must be <= layers, got " + moe.denseLeadingLayers() + " > " + layers);
    }
  }

  /** d_attn = heads x headDim: width of the query and of the attention output. */
  public long dAttn() {
    return (long) heads * headDim;
  }

  /** d_kv = kvHeads x headDim: width of K and of V. */
  public long dKv() {
    return (long) kvHeads * headDim;
  }

  /** True when the model has mixture-of-experts layers. */
  public boolean isMoe() {
    return moe != null;
  }

  /** Layers whose feed-forward block is a mixture of experts. */
  public int moeLayers() {
    return moe == null ? 0 : layers - moe.denseLeadingLayers();
  }

  /** Layers whose feed-forward block is dense (all of them for a dense model). */
  public int denseLayers() {
    return layers - moeLayers();
  }

  /** Keys a token at 1-based position t attends to: t, or min(t, W) under a sliding window. */
  public long keysAttended(long position) {
    return slidingWindowTokens > 0 ? Math.min(position, slidingWindowTokens) : position;
  }

  /** A copy under another name (for --model-config imports and conf overrides). */
  public ModelSpec withName(String newName) {
    return new ModelSpec(newName, layers, dModel, heads, kvHeads, headDim, dFf, ffn, vocabSize,
        maxContextTokens, slidingWindowTokens, positionEmbedding, tiedEmbeddings, linearBiases,
        normKind, normsPerLayer, finalNorm, embeddingNorm, moe);
  }
}
