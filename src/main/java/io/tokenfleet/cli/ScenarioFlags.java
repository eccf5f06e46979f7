package io.tokenfleet.cli;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.config.ScenarioResolver;
import io.tokenfleet.fleet.FleetScenario;
import io.tokenfleet.kernel.DecodingStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The trace and scenario flags fleet-cost and plan share (a picocli mixin), and how they override
 * the HOCON scenario: same names, same checks, same messages in both commands.
 */
final class ScenarioFlags {
  @Parameters(paramLabel = "TRACE", arity = "0..*",
      description = "Parquet trace paths or globs on any Hadoop file system (default: tokenfleet.scenario.traces).")
  List<String> traces = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "FILE.conf",
      description = "Scenario file (HOCON) overriding reference.conf; repeatable, later files win.")
  List<Path> scenarioFiles = new ArrayList<>();

  @Option(names = "--models", split = ",", paramLabel = "M1,M2", description = "Model presets (overrides the scenario).")
  List<String> models = new ArrayList<>();

  @Option(names = "--deployments", split = ",", paramLabel = "GPU:TP[:BATCH]",
      description = "Deployments, e.g. a100-80gb:1,h100-sxm:2 (overrides the scenario).")
  List<String> deployments = new ArrayList<>();

  @Option(names = "--time-model", paramLabel = "flops|roofline", description = "Time model (overrides the scenario).")
  String timeModel;

  /** reference.conf, conf/ and the --scenario files. */
  Config load() {
    return ConfigLoader.load(scenarioFiles);
  }

  /**
   * The scenario with these flags applied; {@code strategies} and {@code batch} are the command's own
   * (already parsed; empty or null leave the scenario's).
   */
  ScenarioConfig apply(ScenarioConfig scenario, List<DecodingStrategy> strategies, Integer batch) {
    List<ScenarioConfig.DeploymentChoice> parsedDeployments = new ArrayList<>();
    for (String d : deployments) {
      parsedDeployments.add(ScenarioConfig.DeploymentChoice.parse(d, "--deployments"));
    }
    if (timeModel != null && !List.of("flops", "roofline").contains(timeModel)) {
      throw new UserError("--time-model must be flops or roofline, got '" + timeModel + "'");
    }
    if (batch != null && batch < 1) {
      throw new UserError("--batch must be >= 1, got " + batch);
    }
    return scenario.withOverrides(models, strategies, parsedDeployments, timeModel, batch);
  }

  /** Resolves the scenario; a name that came from a file gets its key's path in the message, one typed as a flag is plain to see. */
  FleetScenario resolve(Config config, ScenarioConfig scenario) {
    return ScenarioResolver.resolve(config, scenario,
        models.isEmpty() ? ScenarioConfig.PATH + ".models" : null,
        deployments.isEmpty() ? ScenarioConfig.PATH + ".deployments" : null);
  }

  /** The traces named on the command line, else the scenario's (relative ones found under $TOKENFLEET_HOME). */
  List<String> tracePaths(ScenarioConfig scenario) {
    return traces.isEmpty() ? Launch.resolveDefaults(scenario.traces()) : traces;
  }

  /** The scenario's name for reports, with the files it came from. */
  String label(ScenarioConfig scenario) {
    return scenarioFiles.isEmpty() ? scenario.name() : scenario.name() + " (" + scenarioFiles + ")";
  }

  static List<DecodingStrategy> parseStrategies(List<String> strategies) {
    List<DecodingStrategy> parsed = new ArrayList<>();
    for (String s : strategies) {
      parsed.add(DecodingStrategy.parse(s));
    }
    return parsed;
  }
}
