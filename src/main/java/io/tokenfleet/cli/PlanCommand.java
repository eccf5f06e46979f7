package io.tokenfleet.cli;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.config.SloConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.fleet.FleetScenario;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.report.ReportContext;
import io.tokenfleet.spark.JobSetupException;
import io.tokenfleet.spark.PlanJob;
import io.tokenfleet.spark.PlanOption;
import io.tokenfleet.spark.SparkSessions;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tokenfleet plan}: the fewest replicas of every model x deployment option that meet a
 * latency SLO on a trace, by simulating continuous batching replica by replica, with the load
 * over time and the cheapest option per model.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Size a fleet for a request trace (Parquet with arrival_time_ms) under a latency SLO, per model x deployment.",
        "Uses the scenario's first strategy unless --strategies lists some (each is planned).",
        "Writes plan.csv/.parquet, search.csv/.parquet, timeline.parquet, plan.md, plan.html, rejects/ to --out."})
public final class PlanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioFlags scenarioFlags;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: tokenfleet.plan.out).")
  String out;

  @Option(names = "--strategies", split = ",", paramLabel = "S1,S2",
      description = "greedy | beam:K | parallel:N, each planned (default: the scenario's first strategy).")
  List<String> strategies = new ArrayList<>();

  @Option(names = "--slo", paramLabel = "ttft_p99=S,tpot_p99=S",
      description = "Latency SLO in seconds, 0 = no limit (overrides tokenfleet.scenario.slo).")
  String slo;

  @Option(names = "--routing", paramLabel = "round-robin|least-outstanding-work",
      description = "How requests are spread over a fleet's replicas (overrides tokenfleet.plan.routing).")
  String routing;

  @Option(names = "--overwrite", description = "Replace the output directory's contents.")
  boolean overwrite;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Everything that can be checked without Spark is checked before Spark starts.
    if (routing != null && !Router.Policy.configNames().contains(routing)) {
      throw new UserError("--routing must be one of " + String.join(", ", Router.Policy.configNames()) + ", got '"
          + routing + "'");
    }
    Config config = scenarioFlags.load();
    ScenarioConfig base = ScenarioConfig.from(config);
    ScenarioConfig scenario = scenarioFlags.apply(base, planStrategies(base), null);
    FleetScenario resolved = scenarioFlags.resolve(config, scenario);
    resolved.skipped().forEach(line -> err.println("tokenfleet: skipping " + line));
    PlanConfig fromConfig = PlanConfig.from(config);
    if (routing != null) {
      fromConfig = fromConfig.withRouting(Router.Policy.byConfigName(routing));
    }
    PlanConfig planConfig = fromConfig;
    Slo objective = slo == null ? SloConfig.from(config) : SloConfig.withFlag(SloConfig.from(config), slo);
    List<PlanOption> options = options(resolved, planConfig);
    List<String> tracePaths = scenarioFlags.tracePaths(scenario);
    String outDir = out != null ? out : planConfig.out();
    // As fleet-cost: the built-in default (out/plan) is scratch, replaced when it holds a previous plan.
    boolean scratch = out == null && outDir.equals(PlanConfig.from(ConfigLoader.load()).out());
    if (Double.isNaN(objective.ttftSeconds()) && Double.isNaN(objective.tpotSeconds())) {
      err.println("tokenfleet: no latency limit set (tokenfleet.scenario.slo / --slo): every option gets 1 replica");
    }
    stdout.println("plan: " + options.size() + " option(s) under " + objective.describe() + ", "
        + planConfig.settings().routing().configName() + " routing; output " + outDir);
    stdout.flush();

    ReportContext context = new ReportContext("Capacity plan", tracePaths, scenarioFlags.label(scenario), scenario.timeModel(),
        LocalDate.now());
    PlanJob.Result result;
    try {
      result = SparkSessions.with("tokenfleet plan", spark -> PlanJob.run(spark,
          new PlanJob.Spec(tracePaths, resolved.evaluator(), options, objective, planConfig.settings(), outDir,
              Launch.replaceOutput(spark, outDir, overwrite, scratch, "plan.csv", err), context), line -> {
                stdout.println(line);
                stdout.flush();
              }));
    } catch (JobSetupException e) {
      throw new UserError(e.getMessage());
    }
    printSummary(stdout, resolved, result);
    return 0;
  }

  /** --strategies, else the scenario's first; only cached strategies (the simulator pages a KV cache). */
  private List<DecodingStrategy> planStrategies(ScenarioConfig scenario) {
    List<DecodingStrategy> parsedStrategies = ScenarioFlags.parseStrategies(strategies);
    if (parsedStrategies.isEmpty()) {
      parsedStrategies.add(scenario.strategies().get(0));
    }
    for (DecodingStrategy s : parsedStrategies) {
      if (!s.kvCache()) {
        throw new UserError("plan simulates a paged KV cache; strategy " + s + " is not supported (drop /no-cache"
            + (strategies.isEmpty() ? " from the first of tokenfleet.scenario.strategies, or pass --strategies" : "") + ")");
      }
    }
    return parsedStrategies;
  }

  private static List<PlanOption> options(FleetScenario resolved, PlanConfig planConfig) {
    List<PlanOption> options = new ArrayList<>();
    for (int m = 0; m < resolved.models().size(); m++) {
      FleetScenario.ModelDeployments md = resolved.models().get(m);
      for (DecodingStrategy strategy : resolved.strategies()) {
        for (int d = 0; d < md.deployments().size(); d++) {
          Deployment deployment = md.deployments().get(d);
          options.add(new PlanOption(m, deployment, strategy, md.batches().get(d), planConfig.scheduler(deployment),
              resolved.timeModel().stepTimer(deployment)));
        }
      }
    }
    return options;
  }

  private static void printSummary(PrintWriter out, FleetScenario resolved, PlanJob.Result result) {
    PlanJob.Counts counts = result.counts();
    out.println();
    for (int m = 0; m < counts.accepted().length; m++) {
      String model = resolved.models().get(m).deployments().get(0).model().name();
      out.printf(Locale.ROOT, "  %-16s %,d routed = %,d accepted + %,d rejected%s%n", model,
          counts.accepted()[m] + counts.rejected()[m], counts.accepted()[m], counts.rejected()[m],
          counts.reasons().get(m).isEmpty() ? "" : " " + counts.reasons().get(m));
    }
    if (counts.unknownModelRows() > 0) {
      out.printf(Locale.ROOT, "  %,d rows rejected: model not in the scenario%n", counts.unknownModelRows());
    }
    out.println();
    out.printf(Locale.ROOT, "%-14s %-14s %-12s %8s %12s %12s %10s %10s %8s%n", "model", "deployment", "strategy", "replicas",
        "dollars", "autoscaled", "p99 TTFT", "p99 TPOT", "SLO met");
    for (CapacityPlan p : result.plans()) {
      FleetEvaluation e = p.chosen();
      if (e == null) {
        out.printf(Locale.ROOT, "%-14s %-14s %-12s %8s %12s %12s %10s %10s %8s%n", p.model(), p.deployment(), p.strategy(),
            "-", "-", "-", "-", "-", "no");
      } else {
        out.printf(Locale.ROOT, "%-14s %-14s %-12s %8d %12.2f %12.2f %9.3fs %9.4fs %8s%n", p.model(), p.deployment(),
            p.strategy(), e.replicas(), e.dollars(), p.scaling().autoscaledDollars(), e.ttftP99Seconds(), e.tpotP99Seconds(),
            p.recommended() ? "yes *" : "yes");
      }
    }
    out.println();
    for (CapacityPlan p : result.plans()) {
      if (p.recommended()) {
        FleetEvaluation e = p.chosen();
        out.printf(Locale.ROOT, "recommended for %s: %d x %s (%d GPUs, %s), $%.2f for the trace, $%.4f per 1M tokens%n",
            p.model(), e.replicas(), p.deployment(), e.gpus(), p.strategy(), e.dollars(), e.dollarsPerMTokens());
      }
    }
    out.println("plan: " + result.outDir() + "/plan.html (also plan.md, plan.csv, plan.parquet, search.csv, "
        + "timeline.parquet, rejects/)");
    out.flush();
  }
}
