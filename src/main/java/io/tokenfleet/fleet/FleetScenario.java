package io.tokenfleet.fleet;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.TimeModel;
import io.tokenfleet.kernel.DecodingStrategy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved scenario: models, each with the deployments its weights fit, strategies and a time
 * model — records only, ready to build the {@link FleetEvaluator} that Spark ships to executors.
 *
 * @param name scenario name for reports
 * @param models per model: its feasible deployments with their batch
 * @param strategies decoding strategies, in scenario order
 * @param timeModel flops or roofline
 * @param allowBeyondContext cost requests longer than a model's context instead of rejecting them
 * @param skipped one line per (model, deployment) pair skipped because the weights do not fit
 */
public record FleetScenario(String name, List<ModelDeployments> models, List<DecodingStrategy> strategies,
    TimeModel timeModel, boolean allowBeyondContext, List<String> skipped) implements Serializable {

  /**
   * A model and where it can run.
   *
   * @param deployments feasible deployments, in scenario order
   * @param batches the batch B of each deployment
   */
  public record ModelDeployments(List<Deployment> deployments, List<Integer> batches) implements Serializable {
    public ModelDeployments {
      deployments = List.copyOf(deployments);
      batches = List.copyOf(batches);
      if (deployments.isEmpty() || deployments.size() != batches.size()) {
        throw new IllegalArgumentException("deployments must be non-empty and match batches, got "
            + deployments.size() + " deployments, " + batches.size() + " batches");
      }
    }
  }

  public FleetScenario {
    models = List.copyOf(models);
    strategies = List.copyOf(strategies);
    skipped = List.copyOf(skipped);
  }

  /** The evaluator: for each model, strategies x deployments (strategy-major), each with its coster. */
  public FleetEvaluator evaluator() {
    List<ModelVariants> result = new ArrayList<>();
    for (ModelDeployments md : models) {
      List<Variant> variants = new ArrayList<>();
      for (DecodingStrategy strategy : strategies) {
        for (int d = 0; d < md.deployments().size(); d++) {
          Deployment deployment = md.deployments().get(d);
          CostModelCoster coster = new CostModelCoster(strategy, PreparedDeployment.of(deployment, timeModel),
              md.batches().get(d));
          variants.add(new Variant(strategy.family(), strategy.kvCache(), deployment.gpu().id(),
              deployment.tensorParallel(), deployment.gpu().dollarsPerGpuHour(), coster));
        }
      }
      var spec = md.deployments().get(0).model();
      result.add(new ModelVariants(spec.name(), spec.maxContextTokens(), allowBeyondContext, variants));
    }
    return new FleetEvaluator(result);
  }
}
