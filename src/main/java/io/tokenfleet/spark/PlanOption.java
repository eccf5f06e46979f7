package io.tokenfleet.spark;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.plan.SchedulerConfig;

/**
 * One model x deployment x strategy the plan job sizes, as records for executors.
 *
 * @param modelIndex index of the model in the evaluator
 * @param deployment the replica
 * @param strategy decoding strategy (with a KV cache)
 * @param batch the scenario's batch B for the cost model's per-request GPU-seconds (load profile)
 * @param scheduler the simulated replica's scheduler
 * @param timer the deployment's step timer under the scenario's time model
 */
public record PlanOption(int modelIndex, Deployment deployment, DecodingStrategy strategy, int batch,
    SchedulerConfig scheduler, RooflineStepTimer timer) implements java.io.Serializable {

  /** Sequences of a request with {@code outputTokens} tokens: the strategy's width, 1 for a single token. */
  public int sequences(int outputTokens) {
    return outputTokens == 1 ? 1 : strategy.width();
  }

  /** Peak KV blocks of a request: ceil(P / B) + k x ceil((M - 1) / B), as the simulator allocates. */
  public long peakBlocks(long promptTokens, long outputTokens) {
    return scheduler.blocksFor(promptTokens) + (long) (outputTokens == 1 ? 1 : strategy.width()) * scheduler.blocksFor(outputTokens - 1);
  }

  /** e.g. "llama-2-7b on h100-sxm:1 (greedy)". */
  public String label() {
    return deployment.model().name() + " on " + deployment.label() + " (" + strategy.family() + ")";
  }
}
