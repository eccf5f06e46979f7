package io.tokenfleet.plan;

/**
 * What one or more simulated replicas did, in a form that merges associatively (counts and sums
 * add, extremes take max/min, latency histograms add), so a Spark job can simulate one replica
 * per task and reduce the summaries in any order. Percentiles come from {@link LatencyHistogram}
 * (never below the exact value, at most 1% above).
 *
 * <p>Mutable while accumulating; {@link #merge} returns this.
 */
public final class ReplicaSummary implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  int replicas;
  long requests;
  long promptTokens;
  /** Output tokens over all sequences (k x M per request). */
  long outputTokens;
  long prefillTokensComputed;
  long recomputedPrefillTokens;
  long decodeTokensComputed;
  long preemptions;
  long iterations;
  double busySeconds;
  /** Sum over replicas of (last completion - first arrival) of that replica. */
  double replicaSpanSeconds;
  double firstArrivalSeconds = Double.POSITIVE_INFINITY;
  double lastCompletionSeconds = Double.NEGATIVE_INFINITY;
  /** Integral over time of sequences in the iteration (batch size), summed over replicas. */
  double batchSequenceSeconds;
  /** Integral over time of KV occupancy (blocks used / capacity), summed over replicas. */
  double kvFractionSeconds;
  int maxBatchSequences;
  double maxKvFraction;
  final LatencyHistogram ttft = new LatencyHistogram();
  final LatencyHistogram tpot = new LatencyHistogram();
  final LatencyHistogram e2e = new LatencyHistogram();
  final LatencyHistogram queueing = new LatencyHistogram();

  /** An empty summary of zero replicas, the identity of {@link #merge}. */
  public static ReplicaSummary empty() {
    return new ReplicaSummary();
  }

  /** One provisioned replica that served nothing (merging it only adds to {@link #replicas()}). */
  public static ReplicaSummary idle() {
    ReplicaSummary s = new ReplicaSummary();
    s.replicas = 1;
    return s;
  }

  public ReplicaSummary merge(ReplicaSummary o) {
    replicas += o.replicas;
    requests += o.requests;
    promptTokens += o.promptTokens;
    outputTokens += o.outputTokens;
    prefillTokensComputed += o.prefillTokensComputed;
    recomputedPrefillTokens += o.recomputedPrefillTokens;
    decodeTokensComputed += o.decodeTokensComputed;
    preemptions += o.preemptions;
    iterations += o.iterations;
    busySeconds += o.busySeconds;
    replicaSpanSeconds += o.replicaSpanSeconds;
    firstArrivalSeconds = Math.min(firstArrivalSeconds, o.firstArrivalSeconds);
    lastCompletionSeconds = Math.max(lastCompletionSeconds, o.lastCompletionSeconds);
    batchSequenceSeconds += o.batchSequenceSeconds;
    kvFractionSeconds += o.kvFractionSeconds;
    maxBatchSequences = Math.max(maxBatchSequences, o.maxBatchSequences);
    maxKvFraction = Math.max(maxKvFraction, o.maxKvFraction);
    ttft.merge(o.ttft);
    tpot.merge(o.tpot);
    e2e.merge(o.e2e);
    queueing.merge(o.queueing);
    return this;
  }

  public int replicas() {
    return replicas;
  }

  public long requests() {
    return requests;
  }

  public long promptTokens() {
    return promptTokens;
  }

  /** Output tokens over all sequences (k x M per request). */
  public long outputTokens() {
    return outputTokens;
  }

  /** Prompt tokens fed to the model, recomputation after preemption included. */
  public long prefillTokensComputed() {
    return prefillTokensComputed;
  }

  /** Prefill tokens fed beyond each request's prompt (recompute after preemption). */
  public long recomputedPrefillTokens() {
    return recomputedPrefillTokens;
  }

  /** Tokens fed by decode steps: sum over requests of k x (M - 1). */
  public long decodeTokensComputed() {
    return decodeTokensComputed;
  }

  public long preemptions() {
    return preemptions;
  }

  public long iterations() {
    return iterations;
  }

  /** Seconds some replica was running an iteration, summed over replicas. */
  public double busySeconds() {
    return busySeconds;
  }

  /** Earliest arrival over the merged replicas, seconds (+inf when empty). */
  public double firstArrivalSeconds() {
    return firstArrivalSeconds;
  }

  /** Latest completion over the merged replicas, seconds (-inf when empty). */
  public double lastCompletionSeconds() {
    return lastCompletionSeconds;
  }

  /** Fleet span: last completion - first arrival over all merged replicas, seconds (0 when empty). */
  public double spanSeconds() {
    return requests == 0 ? 0 : lastCompletionSeconds - firstArrivalSeconds;
  }

  /** Busy seconds / (replicas x fleet span): the fraction of provisioned replica time spent in iterations. */
  public double utilisation() {
    double span = spanSeconds();
    return span > 0 && replicas > 0 ? busySeconds / (replicas * span) : 0;
  }

  /** Time-weighted mean sequences per replica over each replica's own span (idle time counts 0). */
  public double meanBatchSequences() {
    return replicaSpanSeconds > 0 ? batchSequenceSeconds / replicaSpanSeconds : 0;
  }

  /** Time-weighted mean KV occupancy over each replica's own span, in [0, 1]. */
  public double meanKvFraction() {
    return replicaSpanSeconds > 0 ? kvFractionSeconds / replicaSpanSeconds : 0;
  }

  public int maxBatchSequences() {
    return maxBatchSequences;
  }

  public double maxKvFraction() {
    return maxKvFraction;
  }

  /** Time to first token (arrival to end of the iteration that produced it). */
  public LatencyHistogram ttft() {
    return ttft.copy();
  }

  /** Mean time per output token after the first, per request with M >= 2. */
  public LatencyHistogram tpot() {
    return tpot.copy();
  }

  /** Arrival to last token. */
  public LatencyHistogram e2e() {
    return e2e.copy();
  }

  /** Arrival to first admission into the running batch. */
  public LatencyHistogram queueing() {
    return queueing.copy();
  }
}
