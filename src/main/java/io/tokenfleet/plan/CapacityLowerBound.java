package io.tokenfleet.plan;

import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.cost.StepCoefficients;
import io.tokenfleet.cost.StepTimer;

/**
 * The fewest replicas that could possibly meet an SLO, from work that no batching can avoid, so
 * the fleet search can start there instead of at R = 1 (whose probe puts the whole trace in one
 * Spark task) and still return the minimal R.
 *
 * <p>Why it is a bound. Under a {@link RooflineStepTimer} with non-negative coefficients an
 * iteration lasts max(compute, memory) + additive, each part a constant plus non-negative
 * coefficients times the iteration's shape fields. Summed over iterations the constants only add,
 * and sum(max(c, m)) >= max(sum c, sum m), so a set of requests needs at least
 * max(C, M) + A busy seconds, C, M and A being the coefficient parts (constants dropped) applied
 * to the set's shape totals: P prompt tokens, K_W(P) prefill keys and one logit per request;
 * k (M - 1) decode sequences and logits and k sum_j (min(P + j, W) - 1) cached reads (the
 * simulator's conventions; recomputation after preemption only adds). These totals are the same
 * at any batch size, unlike the cost model's GPU-seconds at batch B, which the simulator can beat
 * by batching more: the load profile's mean demand is therefore not a bound.
 *
 * <p>A fleet whose q-quantile TTFT is <= T1 has at least ceil(q n) requests (nearest rank; the reported
 * quantile is never below the exact one) whose prompts are done by arrival + T1 <= last arrival +
 * T1, so their prefill work fits in R x (span + T1) replica-seconds; removing the v = n - ceil(q n)
 * largest works leaves a lower bound on any such set. With a TPOT limit T2 as well, at least
 * n - 2v requests also finish by arrival + T1 + T2 (M - 1) <= last arrival + T1 + T2 (Mmax - 1), so
 * their whole work fits in R x (span + T1 + T2 (Mmax - 1)). R below either ratio cannot meet the
 * SLO. Without a TTFT limit (TPOT alone does not bound when requests start) the bound is 1.
 *
 * <p>Sums are kept in whole nanoseconds rounded down (associative, so Spark partitioning cannot
 * change them, and still lower bounds); the v largest are bounded above from log-bucket
 * histograms. Mergeable; mutable while accumulating.
 */
public final class CapacityLowerBound implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final StepCoefficients compute;
  private final StepCoefficients memory;
  private final StepCoefficients additive;
  private final int window;
  private long requests;
  private long firstArrivalMillis = Long.MAX_VALUE;
  private long lastArrivalMillis = Long.MIN_VALUE;
  private int maxOutputTokens;
  // [0] compute + additive, [1] memory + additive; prefill only and whole request
  private final long[] prefillNanos = new long[2];
  private final long[] totalNanos = new long[2];
  private final LatencyHistogram[] prefillLargest = {new LatencyHistogram(), new LatencyHistogram()};
  private final LatencyHistogram[] totalLargest = {new LatencyHistogram(), new LatencyHistogram()};

  private CapacityLowerBound(StepCoefficients compute, StepCoefficients memory, StepCoefficients additive, int window) {
    this.compute = compute;
    this.memory = memory;
    this.additive = additive;
    this.window = window;
  }

  /**
   * An empty accumulator for requests served under {@code config}'s window by {@code timer}, or
   * null when the timer is not a roofline with non-negative coefficients (no bound known).
   */
  public static CapacityLowerBound forTimer(SchedulerConfig config, StepTimer timer) {
    if (!(timer instanceof RooflineStepTimer rt) || !nonNegative(rt.compute()) || !nonNegative(rt.memory())
        || !nonNegative(rt.additive())) {
      return null;
    }
    return new CapacityLowerBound(rt.compute(), rt.memory(), rt.additive(), config.slidingWindowTokens());
  }

  private static boolean nonNegative(StepCoefficients c) {
    return c.constantSeconds() >= 0 && c.perPrefillToken() >= 0 && c.perPrefillKey() >= 0 && c.perDecodeSequence() >= 0
        && c.perDecodeContextToken() >= 0 && c.perLogitToken() >= 0;
  }

  /** The bound's accumulator over every row of {@code t} (arrivals rounded to whole milliseconds). */
  public static CapacityLowerBound of(SchedulerConfig config, StepTimer timer, RequestTable t) {
    CapacityLowerBound b = forTimer(config, timer);
    if (b != null) {
      for (int i = 0; i < t.size(); i++) {
        b.add(Math.round(t.arrivalSeconds(i) * 1e3), t.promptTokens(i), t.outputTokens(i), t.sequences(i));
      }
    }
    return b;
  }

  /** Adds one request of P prompt and M output tokens on k sequences arriving at {@code arrivalMillis}. */
  public void add(long arrivalMillis, int promptTokens, int outputTokens, int sequences) {
    requests++;
    firstArrivalMillis = Math.min(firstArrivalMillis, arrivalMillis);
    lastArrivalMillis = Math.max(lastArrivalMillis, arrivalMillis);
    maxOutputTokens = Math.max(maxOutputTokens, outputTokens);
    long steps = outputTokens - 1L;
    double prefillKeys = ContinuousBatchingSimulator.keysUpTo(promptTokens, window);
    double reads = steps == 0 ? 0
        : ContinuousBatchingSimulator.keysUpTo(promptTokens + steps, window) - ContinuousBatchingSimulator.keysUpTo(promptTokens, window)
            - steps;
    IterationShape prefill = new IterationShape(promptTokens, prefillKeys, 0, 0, 1);
    double decodeSequences = (double) sequences * steps;
    double decodeReads = sequences * reads;
    double[] p = {linear(compute, prefill) + linear(additive, prefill), linear(memory, prefill) + linear(additive, prefill)};
    double[] d = {linear(compute, decodeSequences, decodeReads) + linear(additive, decodeSequences, decodeReads),
        linear(memory, decodeSequences, decodeReads) + linear(additive, decodeSequences, decodeReads)};
    for (int i = 0; i < 2; i++) {
      prefillNanos[i] += (long) Math.floor(p[i] * 1e9);
      totalNanos[i] += (long) Math.floor((p[i] + d[i]) * 1e9);
      prefillLargest[i].add(p[i]);
      totalLargest[i].add(p[i] + d[i]);
    }
  }

  private static double linear(StepCoefficients c, IterationShape s) {
    return c.perPrefillToken() * s.prefillTokens() + c.perPrefillKey() * s.prefillAttentionKeys() + c.perLogitToken() * s.logitTokens();
  }

  private static double linear(StepCoefficients c, double decodeSequences, double decodeReads) {
    return (c.perDecodeSequence() + c.perLogitToken()) * decodeSequences + c.perDecodeContextToken() * decodeReads;
  }

  public CapacityLowerBound merge(CapacityLowerBound o) {
    requests += o.requests;
    firstArrivalMillis = Math.min(firstArrivalMillis, o.firstArrivalMillis);
    lastArrivalMillis = Math.max(lastArrivalMillis, o.lastArrivalMillis);
    maxOutputTokens = Math.max(maxOutputTokens, o.maxOutputTokens);
    for (int i = 0; i < 2; i++) {
      prefillNanos[i] += o.prefillNanos[i];
      totalNanos[i] += o.totalNanos[i];
      prefillLargest[i].merge(o.prefillLargest[i]);
      totalLargest[i].merge(o.totalLargest[i]);
    }
    return this;
  }

  public long requests() {
    return requests;
  }

  /** Fewest replicas that could meet {@code slo} on the accumulated requests, >= 1 (see the class comment). */
  public int minimumReplicas(Slo slo) {
    if (requests == 0 || Double.isNaN(slo.ttftSeconds())) {
      return 1;
    }
    long allowed = requests - (long) Math.ceil(slo.quantile() * requests);
    double span = (lastArrivalMillis - firstArrivalMillis) / 1e3;
    double bound = ratio(prefillNanos, prefillLargest, allowed, span + slo.ttftSeconds());
    if (!Double.isNaN(slo.tpotSeconds())) {
      double horizon = span + slo.ttftSeconds() + slo.tpotSeconds() * (maxOutputTokens - 1L);
      bound = Math.max(bound, ratio(totalNanos, totalLargest, Math.min(requests, 2 * allowed), horizon));
    }
    // a hair below the ratio, so rounding in the division never lifts an exact integer ratio to the next one
    double r = Math.ceil(bound * (1 - 1e-12));
    return r >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(1, r);
  }

  private static double ratio(long[] nanos, LatencyHistogram[] largest, long allowed, double horizonSeconds) {
    double best = 0;
    for (int i = 0; i < 2; i++) {
      double need = nanos[i] / 1e9 - largest[i].sumOfLargestUpperBound(allowed);
      best = Math.max(best, need / horizonSeconds);
    }
    return best;
  }
}
