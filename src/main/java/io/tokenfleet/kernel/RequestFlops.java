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
    double prefillKeys = TokenSums.keys(1, p, w);
    double decodeFed = decodeFed(p, steps, k, strategy.kvCache());
    double decodeKeys = decodeKeys(p, steps, k, strategy.kvCache(), w);
    double decodeLogits = k * steps;
    return new RequestFlops(prefill(c, p, prefillKeys), decode(c, decodeFed, decodeKeys, decodeLogits),
        p + decodeFed, prefillKeys + decodeKeys, 1 + decodeLogits);
  }

  /**
   * The prefill FLOPs of {@link #of}, bit for bit, without the rest: for loops that cost many
   * shapes of one prompt length.
   *
   * @throws IllegalArgumentException when P is below 1
   */
  public static double prefillFlops(FlopsCoefficients c, long promptTokens) {
    Checks.positive("promptTokens", promptTokens);
    return prefill(c, promptTokens, TokenSums.keys(1, promptTokens, c.slidingWindowTokens()));
  }

  /**
   * The decode FLOPs of {@link #of}, bit for bit, without allocating: fleet-cost's hot path.
   *
   * @throws IllegalArgumentException when P or M is below 1
   */
  public static double decodeFlops(FlopsCoefficients c, long promptTokens, long outputTokens, DecodingStrategy strategy) {
    Checks.positive("promptTokens", promptTokens);
    Checks.positive("outputTokens", outputTokens);
    lastPosition(promptTokens, outputTokens);
    long steps = outputTokens - 1;
    double k = strategy.width();
    return decode(c, decodeFed(promptTokens, steps, k, strategy.kvCache()),
        decodeKeys(promptTokens, steps, k, strategy.kvCache(), c.slidingWindowTokens()), k * steps);
  }

  private static double prefill(FlopsCoefficients c, long p, double prefillKeys) {
    return c.linearFlopsPerToken() * p + c.attentionFlopsPerKey() * prefillKeys + c.logitFlops();
  }

  static double decode(FlopsCoefficients c, double decodeFed, double decodeKeys, double decodeLogits) {
    return c.linearFlopsPerToken() * decodeFed + c.attentionFlopsPerKey() * decodeKeys + c.logitFlops() * decodeLogits;
  }

  // With a cache, step j feeds one token per sequence; without one it re-runs positions 1..P + j.
  private static double decodeFed(long p, long steps, double k, boolean kvCache) {
    return kvCache ? k * steps : k * TokenSums.positions(p + 1, p + steps);
  }

  private static double decodeKeys(long p, long steps, double k, boolean kvCache, int w) {
    return kvCache ? k * TokenSums.keys(p + 1, p + steps, w) : k * TokenSums.keysOfReruns(p + 1, p + steps, w);
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
