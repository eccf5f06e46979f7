package io.tokenfleet.fleet;

/**
 * What one request costs under one variant.
 *
 * @param prefillFlops FLOPs of the prefill pass
 * @param decodeFlops FLOPs of all decode steps
 * @param prefillGpuSeconds the request's share of prefill time x GPUs per replica
 * @param decodeGpuSeconds the request's share of decode time x GPUs per replica
 * @param ttftSeconds time to first token
 * @param e2eSeconds time to last token
 * @param kvPeakBytes KV bytes the request holds at its peak
 */
public record RequestCost(double prefillFlops, double decodeFlops, double prefillGpuSeconds, double decodeGpuSeconds,
    double ttftSeconds, double e2eSeconds, double kvPeakBytes) {

  /** prefill + decode GPU-seconds. */
  public double gpuSeconds() {
    return prefillGpuSeconds + decodeGpuSeconds;
  }
}
