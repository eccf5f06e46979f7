package io.tokenfleet.kernel;

/**
 * Bytes of one request: the memory it holds and the bytes it reads. Closed forms, O(1).
 *
 * <p>KV cache per token (kipply, "Transformer Inference Arithmetic"):
 * 2 (K and V) x n_layer x n_kv_heads x head_dim x kv-dtype bytes. A sliding-window model keeps
 * at most W positions per sequence.
 *
 * <p>Peak KV: with a cache the request holds the most at its end (the M-th token is never fed, so
 * P + M - 1 positions per sequence). With {@link KvSharing#SHARED_PROMPT} the prompt positions
 * are stored once and each of the k sequences holds its own M - 1 generated positions; with
 * {@link KvSharing#COPIED} each sequence holds all P + M - 1. Without a cache nothing is kept
 * between steps; the figure is the transient KV of the longest re-run, k x (P + M - 1) positions.
 * With M = 1 there is one sequence (no beams were ever expanded).
 *
 * @param kvBytesPerToken KV bytes of one position of one sequence
 * @param kvPeakTokens positions held at the peak (over all k sequences)
 * @param kvPeakBytes kvPeakTokens x kvBytesPerToken
 * @param weightBytesPerPass weight bytes read by one forward pass (all weights: a batched MoE
 *     step touches every expert), prefill has one pass and decode M - 1
 * @param kvReadBytesDecode cached KV bytes read by all decode steps: at step j the token fed at
 *     position P + j attends to min(P + j, W) keys, itself and min(P + j, W) - 1 cached positions
 *     (P + j - 1 without a window), so each sequence reads those; 0 without a cache
 */
public record RequestBytes(
    double kvBytesPerToken, double kvPeakTokens, double kvPeakBytes, double weightBytesPerPass, double kvReadBytesDecode) {

  /** KV bytes one position of one sequence holds. */
  public static double kvBytesPerToken(ModelSpec spec, Dtype kvDtype) {
    return 2.0 * spec.layers() * spec.dKv() * kvDtype.bytesPerElement();
  }

  /** Weight bytes of the whole model. */
  public static double weightBytes(ModelSpec spec, Dtype weightDtype) {
    return ParameterCounts.of(spec).total() * weightDtype.bytesPerElement();
  }

  /** Positions (over all sequences) a request holds in KV at its peak; see the class comment. */
  public static double kvPeakTokens(ModelSpec spec, long promptTokens, long outputTokens, DecodingStrategy strategy,
      KvSharing sharing) {
    Checks.positive("promptTokens", promptTokens);
    Checks.positive("outputTokens", outputTokens);
    long w = spec.slidingWindowTokens() > 0 ? spec.slidingWindowTokens() : Long.MAX_VALUE;
    long generated = outputTokens - 1;
    long k = generated == 0 ? 1 : strategy.width();
    long fullSequence = Math.min(RequestFlops.lastPosition(promptTokens, outputTokens), w);
    if (!strategy.kvCache() || sharing == KvSharing.COPIED || k == 1) {
      return (double) k * fullSequence;
    }
    // Shared prompt: the prompt positions still inside the window, once, plus each beam's own.
    long promptInWindow = Math.min(promptTokens, Math.max(0, w - generated));
    return promptInWindow + (double) k * Math.min(generated, w);
  }

  /** Everything at once, for reports. */
  public static RequestBytes of(ModelSpec spec, long promptTokens, long outputTokens, DecodingStrategy strategy,
      KvSharing sharing, Dtype weightDtype, Dtype kvDtype) {
    double perToken = kvBytesPerToken(spec, kvDtype);
    double peakTokens = kvPeakTokens(spec, promptTokens, outputTokens, strategy, sharing); // validates P and M
    long steps = outputTokens - 1;
    // Keys attended by the fed tokens minus the tokens themselves (their K and V are computed, not read).
    double readTokens = strategy.kvCache()
        ? strategy.width() * (TokenSums.keys(promptTokens + 1, RequestFlops.lastPosition(promptTokens, outputTokens),
            spec.slidingWindowTokens()) - steps)
        : 0;
    return new RequestBytes(perToken, peakTokens, peakTokens * perToken, weightBytes(spec, weightDtype),
        readTokens * perToken);
  }
}
