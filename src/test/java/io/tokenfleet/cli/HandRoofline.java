package io.tokenfleet.cli;

/**
 * The roofline of docs/cost-model.md written out step by step, sharing no code with
 * {@code io.tokenfleet.cost} or the kernel: a request of P prompt and M output tokens served in a
 * batch of B identical greedy requests on one replica of tp GPUs, each step priced as
 *
 * <pre>
 * compute  = prefill FLOPs / (tp peak mfuPrefill) + decode FLOPs / (tp peak mfuDecode)
 * memory   = (weight bytes + cached KV bytes read) / (tp bandwidth mbu)
 * step     = max(compute, memory) + stepOverhead
 *            + 2 n_layer [2 (tp-1) hopLatency + 2 (tp-1)/tp tokens d_model 2 B / (link linkEfficiency)]
 * </pre>
 *
 * (Williams et al. 2009 for the roofline; two Megatron all-reduces per layer, Shoeybi et al. 2019,
 * as ring all-reduces in the alpha-beta model, Thakur et al. 2005.) FLOPs follow Kaplan et al.
 * 2020's conventions as the kernel's spec states them: 2 FLOPs per weight a token passes through,
 * 4 n_layer d_attn per query-key pair, 2 d_model vocab per logit evaluation. The decode steps are
 * summed in a plain loop, so a closed-form slip in RequestCostModel cannot hide here.
 */
final class HandRoofline {
  private HandRoofline() {}

  /**
   * What the roofline needs of a model, from its architecture (REFERENCE.md) and its total
   * parameter count; bf16 weights and KV (2 bytes).
   */
  record Model(int layers, int dModel, double linearFlopsPerToken, double attentionFlopsPerKey,
      double logitFlops, double weightBytes, double kvBytesPerPosition) {

    /**
     * @param ffnMatrices 2 for a GELU MLP, 3 for a gated (SwiGLU) one
     * @param paramsTotal all weights, for the bytes each forward pass reads
     */
    static Model of(int layers, int dModel, int heads, int kvHeads, int headDim, int dFf, int ffnMatrices, int vocab,
        double paramsTotal) {
      double dAttn = (double) heads * headDim;
      double dKv = (double) kvHeads * headDim;
      // Per layer Q and O d x d_attn, K and V d x d_kv, the MLP ffnMatrices x d x d_ff.
      double matrixWeightsPerLayer = 2 * dModel * dAttn + 2 * dModel * dKv + (double) ffnMatrices * dModel * dFf;
      return new Model(layers, dModel, 2 * layers * matrixWeightsPerLayer, 4.0 * layers * dAttn,
          2.0 * dModel * vocab, 2 * paramsTotal, 2.0 * 2 * layers * dKv);
    }
  }

  /** One replica's hardware and price, typed from REFERENCE.md's GPU table. */
  record Gpu(int tp, double peakFlopsPerSecond, double memoryBytesPerSecond, double memoryBytes,
      double linkBytesPerSecond, double dollarsPerGpuHour) {}

  /** The six calibrated factors, written out (reference.conf, tokenfleet.time-model.roofline). */
  record Factors(double mfuPrefill, double mfuDecode, double mbu, double linkEfficiency,
      double allReduceHopLatencySeconds, double stepOverheadSeconds) {}

  /** The request's figures as estimate --json names them. */
  record Timing(double ttftSeconds, double tpotSeconds, double prefillGpuSeconds, double decodeGpuSeconds,
      double dollars, double flopsPerRequest, long maxBatch) {}

  /**
   * Requests whose KV fits next to the weights with 10% of memory reserved (reference.conf's
   * memory-reserve-fraction): each holds its P + M - 1 positions at the end (with or without a
   * cache, the longest re-run holds as many).
   */
  static long maxBatch(Model m, Gpu g, long p, long outputTokens) {
    double usableBytes = g.tp() * g.memoryBytes() * (1 - 0.10);
    return (long) Math.floor((usableBytes - m.weightBytes()) / ((p + outputTokens - 1) * m.kvBytesPerPosition()));
  }

  static Timing request(Model m, Gpu g, Factors f, long p, long outputTokens, int batch, boolean kvCache) {
    double ttft = step(m, g, f, batch * (double) p, batch * keysOfRun(p), batch, 0, 0, 0);
    double flops = batch * (p * m.linearFlopsPerToken() + keysOfRun(p) * m.attentionFlopsPerKey() + m.logitFlops());
    double decode = 0;
    for (long j = 1; j < outputTokens; j++) {
      long positions = p + j;
      if (kvCache) {
        // Each sequence feeds position P + j, attends to P + j keys and reads the P + j - 1 before it.
        decode += step(m, g, f, 0, 0, 0, batch, batch * (double) positions, batch * (positions - 1.0));
        flops += batch * (m.linearFlopsPerToken() + positions * m.attentionFlopsPerKey() + m.logitFlops());
      } else {
        // Each sequence re-runs positions 1..P + j; logits at the last one only.
        decode += step(m, g, f, batch * (double) positions, batch * keysOfRun(positions), batch, 0, 0, 0);
        flops += batch * (positions * m.linearFlopsPerToken() + keysOfRun(positions) * m.attentionFlopsPerKey()
            + m.logitFlops());
      }
    }
    double prefillGpuSeconds = g.tp() * ttft / batch;
    double decodeGpuSeconds = g.tp() * decode / batch;
    double dollars = (prefillGpuSeconds + decodeGpuSeconds) * g.dollarsPerGpuHour() / 3600;
    double tpot = outputTokens > 1 ? decode / (outputTokens - 1) : 0;
    return new Timing(ttft, tpot, prefillGpuSeconds, decodeGpuSeconds, dollars, flops / batch,
        maxBatch(m, g, p, outputTokens));
  }

  /** Keys attended by a causal pass over positions 1..n: n (n + 1) / 2. */
  private static double keysOfRun(long n) {
    return n * (n + 1.0) / 2;
  }

  private static double step(Model m, Gpu g, Factors f, double prefillTokens, double prefillKeys,
      double prefillLogits, double decodeSequences, double decodeKeys, double cachedPositionsRead) {
    double peak = g.tp() * g.peakFlopsPerSecond();
    double prefillFlops = prefillTokens * m.linearFlopsPerToken() + prefillKeys * m.attentionFlopsPerKey()
        + prefillLogits * m.logitFlops();
    double decodeFlops = decodeSequences * (m.linearFlopsPerToken() + m.logitFlops())
        + decodeKeys * m.attentionFlopsPerKey();
    double compute = prefillFlops / (peak * f.mfuPrefill()) + decodeFlops / (peak * f.mfuDecode());
    double memory = (m.weightBytes() + cachedPositionsRead * m.kvBytesPerPosition())
        / (g.tp() * g.memoryBytesPerSecond() * f.mbu());
    double allReduces = 0;
    if (g.tp() > 1) {
      double tokens = prefillTokens + decodeSequences;
      double activationBytes = tokens * m.dModel() * 2;
      allReduces = 2.0 * m.layers() * (2.0 * (g.tp() - 1) * f.allReduceHopLatencySeconds()
          + 2.0 * (g.tp() - 1) / g.tp() * activationBytes / (g.linkBytesPerSecond() * f.linkEfficiency()));
    }
    return Math.max(compute, memory) + allReduces + f.stepOverheadSeconds();
  }
}
