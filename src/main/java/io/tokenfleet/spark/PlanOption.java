package io.tokenfleet.spark;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.fleet.CostModelCoster;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.plan.RequestWork;
import io.tokenfleet.plan.SchedulerConfig;

/**
 * One model x deployment x strategy the plan job sizes, as records for executors.
 *
 * @param modelIndex index of the model in the evaluator
 * @param deployment the replica
 * @param strategy decoding strategy (with a KV cache)
 * @param batch the scenario's batch B for the cost model's per-request GPU-seconds (load profile)
 * @param scheduler the simulated replica's scheduler (with the model's sliding window)
 * @param timer the deployment's step timer under the scenario's time model
 */
public record PlanOption(int modelIndex, Deployment deployment, DecodingStrategy strategy, int batch,
    SchedulerConfig scheduler, RooflineStepTimer timer) implements java.io.Serializable {

  /** Sequences of a request with {@code outputTokens} tokens: the strategy's width, 1 for a single token. */
  public int sequences(int outputTokens) {
    return outputTokens == 1 ? 1 : strategy.width();
  }

  /** Peak KV blocks of a request as the simulator allocates them ({@link SchedulerConfig#peakBlocks}). */
  public long peakBlocks(long promptTokens, long outputTokens) {
    return scheduler.peakBlocks(promptTokens, outputTokens, outputTokens == 1 ? 1 : strategy.width());
  }

  /** The cost model's per-request costs at the scenario's batch B, as fleet-cost and the load profile use them. */
  public CostModelCoster coster() {
    return new CostModelCoster(strategy, PreparedDeployment.of(deployment, timer), batch);
  }

  /**
   * Least-outstanding-work routing's prediction of a request's work: its replica-seconds in the
   * cost model at batch B (GPU-seconds / tp: its 1/B share of each batched step), the amortised
   * figure the router asks for; a lone request's batch-1 time would overstate a replica's backlog
   * under continuous batching by about B.
   */
  public RequestWork routingWork() {
    CostModelCoster coster = coster();
    int tp = deployment.tensorParallel();
    return (promptTokens, outputTokens, width) -> coster.cost(promptTokens, outputTokens).gpuSeconds() / tp;
  }

  /** e.g. "llama-2-7b on h100-sxm:1 (greedy)". */
  public String label() {
    return deployment.model().name() + " on " + deployment.label() + " (" + strategy.family() + ")";
  }
}
