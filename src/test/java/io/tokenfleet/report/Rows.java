package io.tokenfleet.report;

import io.tokenfleet.fleet.SummaryRow;

/** Fabricated summary rows for tests: only the fields a test cares about vary, the rest are simple. */
final class Rows {
  private Rows() {}

  /** A row with the given identity and dollars; gpuHours = dollars / 2 (a $2/GPU-hour GPU). */
  static SummaryRow row(String model, String strategy, boolean kvCache, String gpu, int tp, double dollars) {
    return new SummaryRow(model, strategy, kvCache, gpu, tp,
        1000, 500_000, 200_000,
        1.0e15, 2.0e15, 3.0e15,
        dollars / 2, dollars,
        dollars * 0.25 / 0.5, dollars * 0.75 / 0.2,
        0.05, 0.4, 2.0, 9.5,
        1.25e9, 3);
  }

  /** A row with every field given, for round-trip tests. */
  static SummaryRow full(String model, String strategy, boolean kvCache, String gpu, int tp, long requests, long prompt,
      long output, double fp, double fd, double ft, double gpuHours, double dollars, double inM, double outM,
      double ttft50, double ttft99, double e2e50, double e2e99, double kv, long rejected) {
    return new SummaryRow(model, strategy, kvCache, gpu, tp, requests, prompt, output, fp, fd, ft, gpuHours, dollars, inM,
        outM, ttft50, ttft99, e2e50, e2e99, kv, rejected);
  }
}
