package io.tokenfleet.plan;

/**
 * One fleet size evaluated on a trace. Quantiles come from the merged {@link LatencyHistogram}s
 * (never below the exact value, at most 1% above).
 *
 * @param replicas replicas R
 * @param gpus R x GPUs per replica
 * @param spanSeconds first arrival to last completion over the fleet
 * @param gpuHours gpus x spanSeconds / 3600 (every replica provisioned for the whole span)
 * @param dollars gpuHours x dollars per GPU-hour
 * @param dollarsPerMTokens dollars per 1e6 tokens, prompt plus output (all sequences)
 * @param dollarsPerMOutputTokens dollars per 1e6 output tokens (all sequences)
 * @param ttftP50Seconds median TTFT
 * @param ttftP99Seconds 99th percentile TTFT
 * @param tpotP50Seconds median TPOT (requests with M >= 2)
 * @param tpotP99Seconds 99th percentile TPOT
 * @param e2eP99Seconds 99th percentile end-to-end latency
 * @param queueP50Seconds median queueing delay (arrival to first admission into the running batch)
 * @param queueP99Seconds 99th percentile queueing delay
 * @param ttftAtSloSeconds TTFT at the SLO's quantile
 * @param tpotAtSloSeconds TPOT at the SLO's quantile
 * @param utilisation busy replica-seconds / (R x span)
 * @param meanBatchSequences time-weighted mean sequences per iteration per replica
 * @param maxKvFraction highest KV occupancy of any replica
 * @param preemptions preemptions over the fleet
 * @param sloMet whether the SLO holds
 * @param sloViolations why not, e.g. "p99 TTFT 0.84 s > 0.5 s"; empty when met
 */
public record FleetEvaluation(
    int replicas,
    int gpus,
    double spanSeconds,
    double gpuHours,
    double dollars,
    double dollarsPerMTokens,
    double dollarsPerMOutputTokens,
    double ttftP50Seconds,
    double ttftP99Seconds,
    double tpotP50Seconds,
    double tpotP99Seconds,
    double e2eP99Seconds,
    double queueP50Seconds,
    double queueP99Seconds,
    double ttftAtSloSeconds,
    double tpotAtSloSeconds,
    double utilisation,
    double meanBatchSequences,
    double maxKvFraction,
    long preemptions,
    boolean sloMet,
    String sloViolations) implements java.io.Serializable {

  /** The evaluation of a merged fleet summary of {@code replicas} replicas against {@code slo}. */
  public static FleetEvaluation of(ReplicaSummary s, int replicas, int gpusPerReplica, double dollarsPerGpuHour, Slo slo) {
    int gpus = replicas * gpusPerReplica;
    double span = s.spanSeconds();
    double gpuHours = gpus * span / 3600;
    double dollars = gpuHours * dollarsPerGpuHour;
    long tokens = s.promptTokens() + s.outputTokens();
    double ttftQ = s.ttft.count() == 0 ? Double.NaN : s.ttft.quantile(slo.quantile());
    double tpotQ = s.tpot.count() == 0 ? Double.NaN : s.tpot.quantile(slo.quantile());
    return new FleetEvaluation(replicas, gpus, span, gpuHours, dollars,
        tokens > 0 ? dollars / tokens * 1e6 : Double.NaN,
        s.outputTokens() > 0 ? dollars / s.outputTokens() * 1e6 : Double.NaN,
        q(s.ttft, 0.5), q(s.ttft, 0.99), q(s.tpot, 0.5), q(s.tpot, 0.99), q(s.e2e, 0.99),
        q(s.queueing, 0.5), q(s.queueing, 0.99), ttftQ, tpotQ,
        s.utilisation(), s.meanBatchSequences(), s.maxKvFraction(), s.preemptions(),
        slo.met(ttftQ, tpotQ), slo.violations(ttftQ, tpotQ));
  }

  private static double q(LatencyHistogram h, double quantile) {
    return h.count() == 0 ? Double.NaN : h.quantile(quantile);
  }
}
