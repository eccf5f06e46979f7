package io.tokenfleet.cost;

/**
 * What one serving iteration (one forward pass of a replica under continuous batching) processes.
 * Prefill chunks and decode tokens may share an iteration (chunked prefill, as in vLLM/Sarathi).
 *
 * @param prefillTokens prompt tokens fed in this iteration, over all prefill chunks
 * @param prefillAttentionKeys query-key pairs of those tokens (sum over each token of the keys it
 *     attends to, for one layer; the step timer multiplies by the model's per-key FLOPs)
 * @param decodeSequences sequences that each feed one generated token in this iteration
 * @param decodeContextTokens sum over the decoding sequences of the cached positions each reads
 * @param logitTokens tokens whose logits are computed (each decode sequence, plus each prompt
 *     whose last chunk ends in this iteration)
 */
public record IterationShape(
    long prefillTokens, double prefillAttentionKeys, int decodeSequences, double decodeContextTokens, int logitTokens) {

  public IterationShape {
    if (prefillTokens < 0 || prefillAttentionKeys < 0 || decodeSequences < 0 || decodeContextTokens < 0 || logitTokens < 0) {
      throw new IllegalArgumentException("iteration shape must be non-negative, got " + prefillTokens + " prefill tokens, "
          + prefillAttentionKeys + " prefill keys, " + decodeSequences + " decode sequences, " + decodeContextTokens
          + " decode context tokens, " + logitTokens + " logit tokens");
    }
  }

  /** True when nothing is processed. */
  public boolean isEmpty() {
    return prefillTokens == 0 && decodeSequences == 0;
  }
}
