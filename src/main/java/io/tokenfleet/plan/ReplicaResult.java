package io.tokenfleet.plan;

/**
 * Everything one replica's simulation produced: per-request latencies (indexed like the input
 * {@link RequestTable}), the mergeable {@link ReplicaSummary} and the per-window timeline.
 * Arrays are owned by this object; accessors read single entries.
 */
public final class ReplicaResult {
  private final RequestTable requests;
  private final double[] ttftSeconds;
  private final double[] tpotSeconds;
  private final double[] e2eSeconds;
  private final double[] queueingSeconds;
  private final int[] preemptions;
  private final long[] recomputedPrefillTokens;
  private final ReplicaSummary summary;
  private final ReplicaTimeline timeline;

  ReplicaResult(RequestTable requests, double[] ttftSeconds, double[] tpotSeconds, double[] e2eSeconds,
      double[] queueingSeconds, int[] preemptions, long[] recomputedPrefillTokens, ReplicaSummary summary,
      ReplicaTimeline timeline) {
    this.requests = requests;
    this.ttftSeconds = ttftSeconds;
    this.tpotSeconds = tpotSeconds;
    this.e2eSeconds = e2eSeconds;
    this.queueingSeconds = queueingSeconds;
    this.preemptions = preemptions;
    this.recomputedPrefillTokens = recomputedPrefillTokens;
    this.summary = summary;
    this.timeline = timeline;
  }

  public RequestTable requests() {
    return requests;
  }

  /** Arrival to the end of the iteration that produced the first token, seconds. */
  public double ttftSeconds(int i) {
    return ttftSeconds[i];
  }

  /** (completion - first token) / (M - 1), seconds; NaN when M = 1. */
  public double tpotSeconds(int i) {
    return tpotSeconds[i];
  }

  /** Arrival to completion, seconds. */
  public double e2eSeconds(int i) {
    return e2eSeconds[i];
  }

  /** Arrival to first admission into the running batch, seconds. */
  public double queueingSeconds(int i) {
    return queueingSeconds[i];
  }

  public int preemptions(int i) {
    return preemptions[i];
  }

  /** Prefill tokens fed for request i beyond its prompt (lost to preemption and recomputed). */
  public long recomputedPrefillTokens(int i) {
    return recomputedPrefillTokens[i];
  }

  /** Completion time of request i, seconds. */
  public double completionSeconds(int i) {
    return requests.arrivalSeconds(i) + e2eSeconds[i];
  }

  /** The mergeable summary (a copy, so callers may merge into it). */
  public ReplicaSummary summary() {
    return ReplicaSummary.empty().merge(summary);
  }

  public ReplicaTimeline timeline() {
    return timeline;
  }

  /** Exact nearest-rank quantile of a per-request metric (NaN values skipped); NaN when none. */
  public static double exactQuantile(double[] values, double q) {
    double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * v.length);
    return v[Math.max(0, rank - 1)];
  }

  /** Copies of the per-request columns, for exact percentiles. */
  public double[] ttftColumn() {
    return ttftSeconds.clone();
  }

  public double[] tpotColumn() {
    return tpotSeconds.clone();
  }

  public double[] e2eColumn() {
    return e2eSeconds.clone();
  }
}
