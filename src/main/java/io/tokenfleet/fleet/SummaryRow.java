package io.tokenfleet.fleet;

/**
 * One row of fleet-cost's summary: a trace served by one model under one decoding strategy on one
 * deployment. Every column is defined in docs/METRICS.md; names carry their units.
 *
 * @param model model preset name
 * @param strategy decoding family without the cache suffix: greedy, beam:4, parallel:8
 * @param kvCache whether the KV cache is on
 * @param gpu GPU id from the catalog
 * @param tp tensor-parallel degree (GPUs per replica)
 * @param requests accepted requests
 * @param promptTokens sum of accepted requests' prompt tokens
 * @param outputTokens sum of accepted requests' output tokens
 * @param flopsPrefill sum of prefill FLOPs
 * @param flopsDecode sum of decode FLOPs
 * @param flopsTotal flopsPrefill + flopsDecode
 * @param gpuHours GPU-hours (all GPUs of a replica counted) for the whole trace
 * @param dollars gpuHours x dollars per GPU-hour
 * @param dollarsPerMInputTokens dollars of prefill time per 1e6 prompt tokens
 * @param dollarsPerMOutputTokens dollars of decode time per 1e6 output tokens
 * @param ttftP50S median time to first token, seconds
 * @param ttftP99S 99th percentile time to first token, seconds
 * @param e2eP50S median end-to-end latency, seconds
 * @param e2eP99S 99th percentile end-to-end latency, seconds
 * @param kvPeakBytesP99 99th percentile of a request's peak KV bytes
 * @param rejected input rows rejected for this model (requests + rejected = input rows routed to it)
 */
public record SummaryRow(
    String model,
    String strategy,
    boolean kvCache,
    String gpu,
    int tp,
    long requests,
    long promptTokens,
    long outputTokens,
    double flopsPrefill,
    double flopsDecode,
    double flopsTotal,
    double gpuHours,
    double dollars,
    double dollarsPerMInputTokens,
    double dollarsPerMOutputTokens,
    double ttftP50S,
    double ttftP99S,
    double e2eP50S,
    double e2eP99S,
    double kvPeakBytesP99,
    long rejected) {

  /** Strategy as written on the command line: greedy, beam:4/no-cache. */
  public String strategyWithCache() {
    return kvCache ? strategy : strategy + "/no-cache";
  }

  /** Deployment as written on the command line: h100-sxm:2. */
  public String deployment() {
    return gpu + ":" + tp;
  }
}
