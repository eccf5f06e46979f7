package io.tokenfleet.config;

import com.typesafe.config.Config;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.TimeModel;
import io.tokenfleet.fleet.FleetScenario;
import io.tokenfleet.kernel.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link ScenarioConfig} into records: model names into specs, GPU ids into specs, the time
 * model by name. Unknown names fail with the known ones listed; a (model, deployment) pair whose
 * weights do not fit is skipped with a note, and a model that fits none of the deployments fails.
 */
public final class ScenarioResolver {
  private ScenarioResolver() {}

  public static FleetScenario resolve(Config root, ScenarioConfig scenario) {
    return resolve(root, scenario, null, null);
  }

  /**
   * As {@link #resolve(Config, ScenarioConfig)}; an unknown model or GPU message starts with
   * {@code modelsSource} or {@code deploymentsSource} (e.g. the config key the list came from), or
   * has no prefix when that is null (a flag the user just typed needs none).
   */
  public static FleetScenario resolve(Config root, ScenarioConfig scenario, String modelsSource, String deploymentsSource) {
    ModelCatalog models = ModelCatalog.fromConfig(root);
    GpuCatalogConfig gpus = GpuCatalogConfig.from(root);
    TimeModelConfig timeModels = TimeModelConfig.from(root);
    TimeModel timeModel = timeModels.models().byName(scenario.timeModel());
    List<FleetScenario.ModelDeployments> resolved = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String name : scenario.models()) {
      ModelSpec spec = named(modelsSource, () -> models.get(name));
      List<Deployment> feasible = new ArrayList<>();
      List<Integer> batches = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (ScenarioConfig.DeploymentChoice choice : scenario.deployments()) {
        GpuSpec gpu = named(deploymentsSource, () -> gpus.get(choice.gpu()));
        int batch = choice.batch() > 0 ? choice.batch() : scenario.batch();
        Deployment deployment = new Deployment(spec, gpu, choice.tensorParallel(), scenario.weightDtype(),
            scenario.kvDtype(), batch, scenario.kvSharing(), timeModels.memoryReserveFraction());
        if (deployment.weightsFit()) {
          feasible.add(deployment);
          batches.add(batch);
        } else {
          reasons.add(deployment.infeasibility());
        }
      }
      if (feasible.isEmpty()) {
        throw new IllegalArgumentException("model " + name + " fits none of the deployments: " + String.join("; ", reasons));
      }
      skipped.addAll(reasons);
      resolved.add(new FleetScenario.ModelDeployments(feasible, batches));
    }
    return new FleetScenario(scenario.name(), resolved, scenario.strategies(), timeModel,
        scenario.allowBeyondContext(), skipped);
  }

  private static <T> T named(String source, java.util.function.Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      if (source == null) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }
}
