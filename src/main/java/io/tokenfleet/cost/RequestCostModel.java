package io.tokenfleet.cost;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestFlops;

/**
 * Per-request time and cost in closed form, O(1) in prompt length P and output length M.
 *
 * <p>The request is served in a batch of B identical requests on one replica (B = 1 is a lone
 * request), each decoding k = strategy width sequences. The iterations are:
 * <ul>
 *   <li>prefill: one step feeding the B prompts (B P tokens, B logit evaluations; beams share it);
 *   <li>decode with a KV cache, steps j = 1..M-1: B k sequences each feed the token at position
 *       P + j, attend to min(P + j, W) keys (itself and min(P + j, W) - 1 cached positions) and
 *       compute logits;
 *   <li>decode without a cache, steps j = 1..M-1: a prefill-like pass re-running positions
 *       1..P + j for each of the B k sequences, with logits at the last position only.
 * </ul>
 * These match {@link RequestFlops}'s conventions, so a step's FLOPs summed over the steps equal
 * the kernel's. Each step's time comes from the deployment's {@link RooflineStepTimer}; since its
 * parts are affine in the step's fields and the fields are polynomials of j (degree 1 with a
 * cache, 2 without, piecewise at the sliding window), the sum over steps of
 * {@code max(compute, memory) + additive} is summed exactly by splitting at the crossover where
 * decode turns from memory- to compute-bound (or back).
 *
 * <p>A request's share of a batched step is 1/B of it: gpuSeconds = tp (ttft + decode time) / B.
 */
public final class RequestCostModel {
  private RequestCostModel() {}

  /**
   * The timing of one request; see the class comment.
   *
   * @param spec the model; must be the deployment's
   * @param promptTokens P >= 1
   * @param outputTokens M >= 1
   * @param strategy decoding strategy (width k, cache or not)
   * @param deployment the replica
   * @param timeModel flops or roofline
   * @param batch B >= 1 requests of this shape served together
   * @throws IllegalArgumentException on a bad argument, or when the weights do not fit (the message
   *     says by how much)
   */
  public static RequestTiming estimate(ModelSpec spec, long promptTokens, long outputTokens, DecodingStrategy strategy,
      Deployment deployment, TimeModel timeModel, int batch) {
    if (!spec.equals(deployment.model())) {
      throw new IllegalArgumentException("spec " + spec.name() + " is not the deployment's model " + deployment.model().name());
    }
    return estimate(promptTokens, outputTokens, strategy, deployment, timeModel.stepTimer(deployment), batch);
  }

  /** As {@link #estimate(ModelSpec, long, long, DecodingStrategy, Deployment, TimeModel, int)} with a ready timer. */
  public static RequestTiming estimate(long promptTokens, long outputTokens, DecodingStrategy strategy,
      Deployment deployment, RooflineStepTimer timer, int batch) {
    return estimate(promptTokens, outputTokens, strategy, PreparedDeployment.of(deployment, timer), batch);
  }

  /**
   * As {@link #estimate(ModelSpec, long, long, DecodingStrategy, Deployment, TimeModel, int)} on a
   * prepared deployment: the form to call in loops (no per-call parameter counting).
   */
  public static RequestTiming estimate(long promptTokens, long outputTokens, DecodingStrategy strategy,
      PreparedDeployment prepared, int batch) {
    if (promptTokens < 1) {
      throw new IllegalArgumentException("promptTokens must be >= 1, got " + promptTokens);
    }
    if (outputTokens < 1) {
      throw new IllegalArgumentException("outputTokens must be >= 1, got " + outputTokens);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    if (strategy == null) {
      throw new IllegalArgumentException("strategy must not be null");
    }
    Deployment deployment = prepared.deployment();
    RooflineStepTimer timer = prepared.timer();
    ModelSpec spec = deployment.model();
    long p = promptTokens;
    long steps = outputTokens - 1;
    double sequences = (double) batch * strategy.width();
    int w = spec.slidingWindowTokens();

    double ttft = prefillSeconds(prepared, p, batch);
    double decode = decodeSeconds(prepared, p, outputTokens, strategy, batch);

    int tp = deployment.tensorParallel();
    GpuSpec gpu = deployment.gpu();
    double prefillGpu = tp * ttft / batch;
    double decodeGpu = tp * decode / batch;
    double gpuSeconds = prefillGpu + decodeGpu;

    RequestFlops flops = RequestFlops.of(prepared.flops(), p, outputTokens, strategy);
    double mfuPrefill = ttft > 0 ? batch * flops.prefillFlops() / (ttft * prepared.peakFlopsPerSecond()) : 0;
    double decodeBytes = steps * prepared.weightBytes()
        + (strategy.kvCache() ? sequences * cachedPositionsRead(p, steps, w) * prepared.kvBytesPerToken() : 0);
    double mbuDecode = decode > 0 ? decodeBytes / (decode * prepared.memoryBytesPerSecond()) : 0;

    long fitting = prepared.maxRequests(p, outputTokens, strategy);
    boolean fits = fitting >= batch;
    long maxBatch = Math.min(fitting, deployment.maxBatch());
    return new RequestTiming(ttft, steps == 0 ? 0 : decode / steps, ttft + decode, gpuSeconds,
        gpuSeconds * gpu.dollarsPerGpuSecond(), prefillGpu, decodeGpu, mfuPrefill, mbuDecode, fits, maxBatch);
  }

  /**
   * Time to first token: the prefill step of {@code batch} prompts of {@code promptTokens} tokens,
   * seconds. No argument checks: for hot loops whose inputs are already validated.
   */
  public static double prefillSeconds(PreparedDeployment prepared, long promptTokens, int batch) {
    return prepared.timer().iterationSeconds(prefillShape(prepared.deployment().model(), promptTokens, batch));
  }

  /**
   * All decode steps of a request in a batch of {@code batch} identical requests, seconds (0 when
   * {@code outputTokens} is 1). No argument checks: for hot loops whose inputs are already validated.
   */
  public static double decodeSeconds(PreparedDeployment prepared, long promptTokens, long outputTokens,
      DecodingStrategy strategy, int batch) {
    long steps = outputTokens - 1;
    if (steps == 0) {
      return 0;
    }
    double sequences = (double) batch * strategy.width();
    return decodeSeconds(prepared.timer(), promptTokens, steps, sequences, strategy.kvCache(),
        prepared.deployment().model().slidingWindowTokens());
  }

  /** The prefill iteration of {@code batch} prompts of {@code promptTokens} tokens. */
  public static IterationShape prefillShape(ModelSpec spec, long promptTokens, int batch) {
    double keys = keysOfRun(promptTokens, spec.slidingWindowTokens());
    return new IterationShape((long) batch * promptTokens, batch * keys, 0, 0, batch);
  }

  /** Keys attended by a full pass over positions 1..n: sum_{t=1..n} min(t, W). */
  static double keysOfRun(long n, int w) {
    if (w <= 0 || n <= w) {
      return (double) n * (n + 1) / 2.0;
    }
    return (double) w * (w + 1) / 2.0 + (double) (n - w) * w;
  }

  /** Sum over decode steps 1..steps of the step time, exact (see the class comment). */
  static double decodeSeconds(RooflineStepTimer timer, long p, long steps, double sequences, boolean kvCache, int w) {
    // Steps up to `last1` are in the growing piece, later ones past the sliding window.
    long last1 = w > 0 ? Math.min(steps, Math.max(0, w - p)) : steps;
    return piece(timer, p, 1, last1, sequences, kvCache, w, false)
        + piece(timer, p, last1 + 1, steps, sequences, kvCache, w, true);
  }

  private static double piece(RooflineStepTimer timer, long p, long from, long to, double n, boolean kvCache, int w,
      boolean pastWindow) {
    if (to < from) {
      return 0;
    }
    // Shape fields of step j as c0 + c1 j + c2 j^2, all scaled by the n sequences of the step.
    double prefillTokens0 = 0;
    double prefillTokens1 = 0;
    double prefillKeys0 = 0;
    double prefillKeys1 = 0;
    double prefillKeys2 = 0;
    double decodeSequences0 = 0;
    double decodeContext0 = 0;
    double decodeContext1 = 0;
    if (kvCache) {
      decodeSequences0 = n;
      // cached positions read at step j: min(P + j, W) - 1
      if (pastWindow) {
        decodeContext0 = (w - 1.0) * n;
      } else {
        decodeContext0 = (p - 1.0) * n;
        decodeContext1 = n;
      }
    } else {
      prefillTokens0 = p * n;
      prefillTokens1 = n;
      // keys of a run of P + j positions: (P+j)(P+j+1)/2, or past the window W(W+1)/2 + (P+j-W) W
      if (pastWindow) {
        prefillKeys0 = (w * (w + 1.0) / 2.0 + (double) (p - w) * w) * n;
        prefillKeys1 = (double) w * n;
      } else {
        prefillKeys0 = p * (p + 1.0) / 2.0 * n;
        prefillKeys1 = (2.0 * p + 1) / 2.0 * n;
        prefillKeys2 = 0.5 * n;
      }
    }
    Poly compute = timer.compute().seconds(prefillTokens0, prefillTokens1, prefillKeys0, prefillKeys1, prefillKeys2,
        decodeSequences0, decodeContext0, decodeContext1, n);
    Poly memory = timer.memory().seconds(prefillTokens0, prefillTokens1, prefillKeys0, prefillKeys1, prefillKeys2,
        decodeSequences0, decodeContext0, decodeContext1, n);
    Poly additive = timer.additive().seconds(prefillTokens0, prefillTokens1, prefillKeys0, prefillKeys1, prefillKeys2,
        decodeSequences0, decodeContext0, decodeContext1, n);
    return Poly.sumMax(compute, memory, from, to) + additive.sum(from, to);
  }

  /** Cached positions one sequence reads over steps 1..steps: sum of min(P + j, W) - 1. */
  static double cachedPositionsRead(long p, long steps, int w) {
    long last1 = w > 0 ? Math.min(steps, Math.max(0, w - p)) : steps;
    return new Poly(p - 1.0, 1, 0).sum(1, last1) + (double) (steps - last1) * (w - 1.0);
  }
}
