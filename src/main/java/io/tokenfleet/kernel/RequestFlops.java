package io.tokenfleet.kernel;

/**
 * FLOPs of one request, in closed form: O(1) in prompt and output length, double precision.
 *
 * <p>The spec (exact counts; a brute-force token-by-token counter in the tests agrees to the last
 * digit below 2^53 and to 1e-12 relative above):
 * <ul>
 *   <li>A token fed at 1-based position t costs {@code linearFlopsPerToken} plus attention to
 *       min(t, W) keys at {@code attentionFlopsPerKey} each.
 *   <li>Prefill feeds positions 1..P once; the logits at P choose the first output token (or the
 *       k beams / n samples), so prefill holds one logit evaluation.
 *   <li>Decode: output tokens 1..M-1 are fed back; the M-th is never fed (P + M - 1 positions in all).
 *       With a KV cache, step j (1..M-1) feeds one token at position P + j for each of the k
 *       sequences. Without a cache, step j re-runs positions 1..P + j for each of the k sequences.
 *       Either way each step evaluates k logits (at the last position only).
 *   <li>Greedy has k = 1 (sampling costs the same); beam:k and parallel:n (prompt prefilled once)
 *       have k sequences.
 * </ul>
 * With a cache the cost is ~ N (P + k M); without one it is ~ N k P M + N k M^2 / 2: recomputing
 * the prefix at each step is what makes uncached serving quadratic.
 *
 * @param prefillFlops FLOPs of the prefill pass including its logits
 * @param decodeFlops FLOPs of all decode steps including their logits
 * @param tokensFed positions fed through the blocks, prefill and decode together
 * @param keysAttended query-key pairs over all layers' attention (per layer), prefill and decode
 * @param logitEvaluations tokens whose next-token distribution was computed
 */
public record RequestFlops(
    double prefillFlops, double decodeFlops, double tokensFed, double keysAttended, double logitEvaluations) {

  /** prefill + decode. */
  public double totalFlops() {
    return prefillFlops + decodeFlops;
  }

  /**
   * FLOPs of a request with {@code promptTokens} P >= 1 and {@code outputTokens} M >= 1.
   *
   * @throws IllegalArgumentException when P or M is below 1
   */
  public static RequestFlops of(FlopsCoefficients c, long promptTokens, long outputTokens, DecodingStrategy strategy) {
    Checks.positive("promptTokens", promptTokens);
    Checks.positive("outputTokens", outputTokens);
    long p = promptTokens;
    long steps = outputTokens - 1;
    lastPosition(promptTokens, outputTokens);
    double k = strategy.width();
    int w = c.slidingWindowTokens();

    double prefillFed = p;
    double prefillKeys = TokenSums.keys(1, p, w);
    double prefill = c.linearFlopsPerToken() * prefillFed + c.attentionFlopsPerKey() * prefillKeys + c.logitFlops();

    double decodeFed;
    double decodeKeys;
    if (strategy.kvCache()) {
      decodeFed = k * steps;
      decodeKeys = k * TokenSums.keys(p + 1, p + steps, w);
    } else {
      decodeFed = k * TokenSums.positions(p + 1, p + steps);
      decodeKeys = k * TokenSums.keysOfReruns(p + 1, p + steps, w);
    }
    double decodeLogits = k * steps;
    double decode = c.linearFlopsPerToken() * decodeFed + c.attentionFlopsPerKey() * decodeKeys
        + c.logitFlops() * decodeLogits;
    return new RequestFlops(prefill, decode, prefillFed + decodeFed, prefillKeys + decodeKeys, 1 + decodeLogits);
  }

  /**
   * P + M - 1, the last position any sequence reaches (the M-th token is never fed).
   *
   * @throws IllegalArgumentException when P + M - 1 does not fit in a long, rather than wrapping
   */
  static long lastPosition(long promptTokens, long outputTokens) {
    try {
      return Math.addExact(promptTokens, outputTokens - 1);
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException("promptTokens + outputTokens - 1 must fit in a long, got promptTokens="
          + promptTokens + " outputTokens=" + outputTokens);
    }
  }

  /** Convenience for one-off use; prefer {@link #of(FlopsCoefficients, long, long, DecodingStrategy)} in loops. */
  public static RequestFlops of(ModelSpec spec, long promptTokens, long outputTokens, DecodingStrategy strategy) {
    return of(FlopsCoefficients.of(spec), promptTokens, outputTokens, strategy);
  }
}
