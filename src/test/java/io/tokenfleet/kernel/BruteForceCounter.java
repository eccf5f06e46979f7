package io.tokenfleet.kernel;

import java.math.BigInteger;

/**
 * The spec, walked literally: every layer of every token of every pass, in exact integers
 * (long with overflow checks, so a wrong answer cannot come from wrapping). It shares no code with
 * {@link RequestFlops}, {@link TokenSums}, {@link FlopsCoefficients} or {@link ParameterCounts}.
 *
 * <p>Spec: 1 multiply-add = 2 FLOPs, matmuls only. A token passes through Q (d x d_attn), K and V
 * (d x d_kv each), O (d_attn x d) in every layer, then a dense FFN (2 or 3 d x d_ff matrices) or,
 * in layers after the dense leading ones, the MoE router (d x E) and top_k + shared experts. At
 * 1-based position t it attends to min(t, W) keys: QK^T 2 t d_attn plus AV 2 t d_attn per layer.
 * Each next-token distribution used costs 2 d_model vocab.
 */
final class BruteForceCounter {
  private BruteForceCounter() {}

  /** Exact tallies of one request. */
  record Tally(long prefillFlops, long decodeFlops, long tokensFed, long keysAttended, long logitEvaluations) {
    long totalFlops() {
      return Math.addExact(prefillFlops, decodeFlops);
    }
  }

  /** Multiply-adds of the matrices one token passes through in layer {@code layer} (0-based). */
  static long matrixWeightsInLayer(ModelSpec m, int layer) {
    long d = m.dModel();
    long dAttn = (long) m.heads() * m.headDim();
    long dKv = (long) m.kvHeads() * m.headDim();
    long q = d * dAttn;
    long k = d * dKv;
    long v = d * dKv;
    long o = dAttn * d;
    long ffnMatrices = m.ffn() == FfnKind.GATED ? 3 : 2;
    long ffn;
    MoeSpec moe = m.moe();
    if (moe != null && layer >= moe.denseLeadingLayers()) {
      long router = d * moe.experts();
      long oneExpert = ffnMatrices * d * moe.expertDFf();
      ffn = router + (long) (moe.topK() + moe.sharedExperts()) * oneExpert;
    } else {
      ffn = ffnMatrices * d * m.dFf();
    }
    return q + k + v + o + ffn;
  }

  static long keysAt(ModelSpec m, long position) {
    int w = m.slidingWindowTokens();
    return w > 0 && position > w ? w : position;
  }

  /** FLOPs of feeding one token at 1-based {@code position} through every layer. */
  static long forwardOneToken(ModelSpec m, long position) {
    long dAttn = (long) m.heads() * m.headDim();
    long keys = keysAt(m, position);
    long flops = 0;
    for (int layer = 0; layer < m.layers(); layer++) {
      flops = Math.addExact(flops, Math.multiplyExact(2, matrixWeightsInLayer(m, layer)));
      flops = Math.addExact(flops, Math.multiplyExact(2 * keys, dAttn)); // QK^T
      flops = Math.addExact(flops, Math.multiplyExact(2 * keys, dAttn)); // AV
    }
    return flops;
  }

  static long logitFlops(ModelSpec m) {
    return 2L * m.dModel() * m.vocabSize();
  }

  /** Walks prefill and every decode step of every sequence, token by token. */
  static Tally walk(ModelSpec m, long promptTokens, long outputTokens, DecodingStrategy strategy) {
    long prefill = 0;
    long fed = 0;
    long keys = 0;
    long logits = 0;
    for (long t = 1; t <= promptTokens; t++) {
      prefill = Math.addExact(prefill, forwardOneToken(m, t));
      fed++;
      keys += keysAt(m, t);
    }
    prefill = Math.addExact(prefill, logitFlops(m)); // the logits at P choose token 1 (or the k beams)
    logits++;

    long decode = 0;
    for (long j = 1; j <= outputTokens - 1; j++) { // output tokens 1..M-1 are fed back; the M-th never
      for (int sequence = 0; sequence < strategy.width(); sequence++) {
        long first = strategy.kvCache() ? promptTokens + j : 1; // without a cache: re-run the whole sequence
        for (long t = first; t <= promptTokens + j; t++) {
          decode = Math.addExact(decode, forwardOneToken(m, t));
          fed++;
          keys += keysAt(m, t);
        }
        decode = Math.addExact(decode, logitFlops(m)); // last position only
        logits++;
      }
    }
    return new Tally(prefill, decode, fed, keys, logits);
  }

  // ---- exact BigInteger evaluation for requests too long to walk token by token ----

  /** Linear FLOPs of one token, summed layer by layer, exactly. */
  static BigInteger linearFlopsPerTokenBig(ModelSpec m) {
    BigInteger sum = BigInteger.ZERO;
    for (int layer = 0; layer < m.layers(); layer++) {
      sum = sum.add(BigInteger.valueOf(matrixWeightsInLayer(m, layer)));
    }
    return sum.shiftLeft(1);
  }

  /** sum_{t=1..n} min(t, W): the keys of a full pass over positions 1..n (arithmetic series). */
  static BigInteger keysOfPass(ModelSpec m, long n) {
    long w = m.slidingWindowTokens();
    BigInteger bn = BigInteger.valueOf(n);
    if (w == 0 || n <= w) {
      return bn.multiply(bn.add(BigInteger.ONE)).shiftRight(1);
    }
    BigInteger bw = BigInteger.valueOf(w);
    return bw.multiply(bw.add(BigInteger.ONE)).shiftRight(1).add(bn.subtract(bw).multiply(bw));
  }

  /** Exact {prefill, decode} FLOPs, looping over the M - 1 decode steps one by one. */
  static BigInteger[] stepWalk(ModelSpec m, long promptTokens, long outputTokens, DecodingStrategy strategy) {
    BigInteger linear = linearFlopsPerTokenBig(m);
    BigInteger perKey = BigInteger.valueOf(4L * m.layers() * m.heads() * m.headDim());
    BigInteger logit = BigInteger.valueOf(logitFlops(m));
    BigInteger k = BigInteger.valueOf(strategy.width());
    BigInteger prefill = linear.multiply(BigInteger.valueOf(promptTokens))
        .add(perKey.multiply(keysOfPass(m, promptTokens))).add(logit);
    BigInteger decode = BigInteger.ZERO;
    for (long j = 1; j <= outputTokens - 1; j++) {
      long last = promptTokens + j;
      BigInteger step;
      if (strategy.kvCache()) {
        step = linear.add(perKey.multiply(BigInteger.valueOf(keysAt(m, last))));
      } else {
        step = linear.multiply(BigInteger.valueOf(last)).add(perKey.multiply(keysOfPass(m, last)));
      }
      decode = decode.add(k.multiply(step.add(logit)));
    }
    return new BigInteger[] {prefill, decode};
  }
}
