package io.tokenfleet.plan;

import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.StepTimer;

/**
 * Latencies of a request served alone on an idle replica, with the simulator's scheduling rules:
 * prompt chunks of at most maxNumBatchedTokens tokens (one whole-prompt iteration without chunked
 * prefill), then M - 1 decode steps of k sequences, attention capped by the sliding window as in
 * the simulator. With a step timer that is non-decreasing in
 * every shape field, no batch can make a request faster, so these are lower bounds used to
 * declare an SLO impossible.
 */
final class AloneLatency {
  private AloneLatency() {}

  /** [ttftSeconds, tpotSeconds (NaN when M = 1), e2eSeconds] of request i alone. */
  static double[] of(SchedulerConfig config, StepTimer timer, RequestTable t, int i) {
    int p = t.promptTokens(i);
    int m = t.outputTokens(i);
    int k = t.sequences(i);
    long chunkCap = config.chunkedPrefill() ? config.maxNumBatchedTokens() : p;
    int w = config.slidingWindowTokens();
    double ttft = 0;
    long fed = 0;
    while (fed < p) {
      long chunk = Math.min(chunkCap, p - fed);
      boolean last = fed + chunk == p;
      ttft += timer.iterationSeconds(new IterationShape(chunk,
          ContinuousBatchingSimulator.positionSum(fed, fed + chunk, w), 0, 0, last ? 1 : 0));
      fed += chunk;
    }
    double decode = 0;
    for (long j = 1; j < m; j++) {
      decode += timer.iterationSeconds(new IterationShape(0, 0, k, (double) k * ContinuousBatchingSimulator.decodeContext(p, j, w), k));
    }
    return new double[] {ttft, m > 1 ? decode / (m - 1) : Double.NaN, ttft + decode};
  }

  static ReplicaSummary summarize(SchedulerConfig config, StepTimer timer, RequestTable t) {
    ReplicaSummary s = ReplicaSummary.empty();
    for (int i = 0; i < t.size(); i++) {
      double[] l = of(config, timer, t, i);
      s.ttft.add(l[0]);
      s.tpot.add(l[1]);
      s.e2e.add(l[2]);
      s.queueing.add(0);
    }
    s.requests = t.size();
    return s;
  }
}
