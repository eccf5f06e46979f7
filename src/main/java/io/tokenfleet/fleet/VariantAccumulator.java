package io.tokenfleet.fleet;

import java.io.Serializable;

/**
 * Mergeable totals of one summary variant (model x strategy x deployment). Sums are exact
 * ({@link ExactSum}) and percentiles come from {@link LogHistogram}s, so the result does not
 * depend on how requests are split across partitions or in which order partial results merge.
 */
public final class VariantAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private long requests;
  private long promptTokens;
  private long outputTokens;
  private final ExactSum flopsPrefill = new ExactSum();
  private final ExactSum flopsDecode = new ExactSum();
  private final ExactSum prefillGpuSeconds = new ExactSum();
  private final ExactSum decodeGpuSeconds = new ExactSum();
  private final LogHistogram ttftSeconds = new LogHistogram();
  private final LogHistogram e2eSeconds = new LogHistogram();
  private final LogHistogram kvPeakBytes = new LogHistogram();
  private final LogHistogram gpuSecondsPerRequest = new LogHistogram();

  /** Records {@code copies} identical requests of {@code promptTokens} and {@code outputTokens}. */
  public void add(long promptTokens, long outputTokens, RequestCost cost, long copies) {
    addPrefill(promptTokens, cost.prefillFlops(), cost.prefillGpuSeconds(), cost.ttftSeconds(), copies);
    addDecode(outputTokens, cost.decodeFlops(), cost.decodeGpuSeconds(), cost.e2eSeconds(), cost.kvPeakBytes(),
        cost.gpuSeconds(), copies);
  }

  /**
   * Records the prefill part of {@code copies} requests of {@code promptTokens}: with
   * {@link #addDecode} for each of their output lengths, the same as {@link #add}. Sums and counts
   * are exact, so recording a prompt length once for a run of requests that share it (a sorted
   * shape list has runs of hundreds) equals recording it request by request.
   */
  public void addPrefill(long promptTokens, double prefillFlops, double prefillGpuSeconds, double ttftSeconds,
      long copies) {
    requests += copies;
    this.promptTokens = Math.addExact(this.promptTokens, Math.multiplyExact(promptTokens, copies));
    flopsPrefill.add(prefillFlops, copies);
    this.prefillGpuSeconds.add(prefillGpuSeconds, copies);
    this.ttftSeconds.add(ttftSeconds, copies);
  }

  /** Records the decode part and the per-request totals of {@code copies} requests; see {@link #addPrefill}. */
  public void addDecode(long outputTokens, double decodeFlops, double decodeGpuSeconds, double e2eSeconds,
      double kvPeakBytes, double gpuSeconds, long copies) {
    this.outputTokens = Math.addExact(this.outputTokens, Math.multiplyExact(outputTokens, copies));
    flopsDecode.add(decodeFlops, copies);
    this.decodeGpuSeconds.add(decodeGpuSeconds, copies);
    this.e2eSeconds.add(e2eSeconds, copies);
    this.kvPeakBytes.add(kvPeakBytes, copies);
    gpuSecondsPerRequest.add(gpuSeconds, copies);
  }

  /** Adds everything {@code other} recorded. */
  public void merge(VariantAccumulator other) {
    requests += other.requests;
    promptTokens = Math.addExact(promptTokens, other.promptTokens);
    outputTokens = Math.addExact(outputTokens, other.outputTokens);
    flopsPrefill.merge(other.flopsPrefill);
    flopsDecode.merge(other.flopsDecode);
    prefillGpuSeconds.merge(other.prefillGpuSeconds);
    decodeGpuSeconds.merge(other.decodeGpuSeconds);
    ttftSeconds.merge(other.ttftSeconds);
    e2eSeconds.merge(other.e2eSeconds);
    kvPeakBytes.merge(other.kvPeakBytes);
    gpuSecondsPerRequest.merge(other.gpuSecondsPerRequest);
  }

  public long requests() {
    return requests;
  }

  /**
   * The summary row. Dollars = GPU-seconds / 3600 x dollars per GPU-hour; input tokens are charged
   * the prefill time and output tokens the decode time. Ratios with no tokens are 0; percentiles of
   * an empty variant are 0.
   */
  public SummaryRow toRow(String model, String strategyFamily, boolean kvCache, String gpu, int tp,
      double dollarsPerGpuHour, long rejected) {
    double prefillSeconds = prefillGpuSeconds.doubleValue();
    double decodeSeconds = decodeGpuSeconds.doubleValue();
    ExactSum total = new ExactSum();
    total.merge(prefillGpuSeconds);
    total.merge(decodeGpuSeconds);
    double gpuHours = total.doubleValue() / 3600.0;
    double dollars = gpuHours * dollarsPerGpuHour;
    double inputDollars = prefillSeconds / 3600.0 * dollarsPerGpuHour;
    double outputDollars = decodeSeconds / 3600.0 * dollarsPerGpuHour;
    ExactSum flopsTotal = new ExactSum();
    flopsTotal.merge(flopsPrefill);
    flopsTotal.merge(flopsDecode);
    return new SummaryRow(model, strategyFamily, kvCache, gpu, tp, requests, promptTokens, outputTokens,
        flopsPrefill.doubleValue(), flopsDecode.doubleValue(), flopsTotal.doubleValue(), gpuHours, dollars,
        promptTokens == 0 ? 0 : inputDollars / promptTokens * 1e6,
        outputTokens == 0 ? 0 : outputDollars / outputTokens * 1e6,
        quantileOrZero(ttftSeconds, 0.5), quantileOrZero(ttftSeconds, 0.99),
        quantileOrZero(e2eSeconds, 0.5), quantileOrZero(e2eSeconds, 0.99),
        quantileOrZero(kvPeakBytes, 0.99), rejected);
  }

  /**
   * Dollars-per-request histogram on log-spaced bins (4 per decade) covering the observed range.
   */
  public CostDistribution costDistribution(String model, String strategy, String deployment, double dollarsPerGpuHour) {
    double scale = dollarsPerGpuHour / 3600.0;
    if (gpuSecondsPerRequest.count() == 0 || gpuSecondsPerRequest.max() * scale <= 0) {
      return new CostDistribution(model, strategy, deployment, new double[] {0, 1}, new long[] {gpuSecondsPerRequest.count()});
    }
    double minDollars = Math.max(gpuSecondsPerRequest.min() * scale, gpuSecondsPerRequest.max() * scale * 1e-9);
    int lowQuarterDecade = (int) Math.floor(Math.log10(minDollars) * 4);
    int highQuarterDecade = (int) Math.ceil(Math.log10(gpuSecondsPerRequest.max() * scale) * 4);
    if (highQuarterDecade <= lowQuarterDecade) {
      highQuarterDecade = lowQuarterDecade + 1;
    }
    double[] edgesDollars = new double[highQuarterDecade - lowQuarterDecade + 1];
    double[] edgesGpuSeconds = new double[edgesDollars.length];
    for (int i = 0; i < edgesDollars.length; i++) {
      edgesDollars[i] = Math.pow(10, (lowQuarterDecade + i) / 4.0);
      edgesGpuSeconds[i] = edgesDollars[i] / scale;
    }
    return new CostDistribution(model, strategy, deployment, edgesDollars, gpuSecondsPerRequest.countsOn(edgesGpuSeconds));
  }

  private static double quantileOrZero(LogHistogram histogram, double q) {
    return histogram.count() == 0 ? 0 : histogram.quantile(q);
  }
}
