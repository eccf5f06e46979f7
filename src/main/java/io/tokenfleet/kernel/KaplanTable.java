package io.tokenfleet.kernel;

import java.util.List;

/**
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models", Table 1, row by row, for a
 * given context length n_ctx. Per token, forward pass; 1 multiply-add = 2 FLOPs.
 *
 * <pre>
 * Embed               (n_vocab + n_ctx) d_model      4 d_model
 * Attention: QKV      n_layer d_model 3 d_attn       2 n_layer d_model 3 d_attn
 * Attention: Mask     —                              2 n_layer n_ctx d_attn
 * Attention: Project  n_layer d_attn d_model         2 n_layer d_attn d_embd
 * Feedforward         n_layer 2 d_model d_ff         2 n_layer 2 d_model d_ff
 * De-embed            —                              2 d_model n_vocab
 * Total (non-emb.)    N = 2 d_model n_layer (2 d_attn + d_ff)   C_forward = 2N + 2 n_layer n_ctx d_attn
 * </pre>
 *
 * Generalised for architectures the paper did not have, reducing to the paper's rows for GPT
 * models: QKV counts d_attn + 2 d_kv columns (grouped-query attention), Feedforward counts the
 * model's 2 or 3 matrices per block (and for MoE all experts plus the router as parameters, the
 * active ones as FLOPs). The Mask row is the paper's, 2 n_layer n_ctx d_attn: the QK^T and AV
 * of a token attending to all n_ctx keys; the causal average over positions 1..n_ctx is
 * 2 (n_ctx + 1) d_attn per layer, which is what {@link RequestFlops} sums exactly.
 */
public final class KaplanTable {
  private KaplanTable() {}

  /** One row: parameters and forward FLOPs per token. */
  public record Row(String name, double params, double flops) {}

  /**
   * The table for {@code spec} at context length {@code nCtx}.
   *
   * @param rows Embed, Attention: QKV, Attention: Mask, Attention: Project, Feedforward, De-embed
   * @param nonEmbeddingParams N: QKV + Project + Feedforward parameters
   * @param forwardFlopsPerToken C_forward = 2 N_active + 2 n_layer n_ctx d_attn (for dense models N_active = N)
   */
  public record Table(List<Row> rows, double nonEmbeddingParams, double forwardFlopsPerToken) {}

  public static Table of(ModelSpec spec, long nCtx) {
    Checks.positive("nCtx", nCtx);
    double d = spec.dModel();
    double layers = spec.layers();
    double dAttn = spec.dAttn();
    double dKv = spec.dKv();
    double qkvParams = layers * d * (dAttn + 2 * dKv);
    double projectParams = layers * dAttn * d;
    ParameterCounts counts = ParameterCounts.of(spec);
    double attentionMatrices = qkvParams + projectParams;
    double ffParams = counts.nonEmbedding() - attentionMatrices;
    double ffActive = counts.matrixParamsPerToken() - attentionMatrices;
    double maskFlops = 2 * layers * nCtx * dAttn;
    List<Row> rows = List.of(
        new Row("Embed", (spec.vocabSize() + (double) nCtx) * d, 4 * d),
        new Row("Attention: QKV", qkvParams, 2 * qkvParams),
        new Row("Attention: Mask", 0, maskFlops),
        new Row("Attention: Project", projectParams, 2 * projectParams),
        new Row("Feedforward", ffParams, 2 * ffActive),
        new Row("De-embed", 0, 2 * d * spec.vocabSize()));
    double n = counts.nonEmbedding();
    double cForward = 2.0 * counts.matrixParamsPerToken() + maskFlops;
    return new Table(rows, n, cForward);
  }
}
