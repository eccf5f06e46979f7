package io.tokenfleet.cli;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.FleetScenario;
import io.tokenfleet.fleet.RejectReason;
import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.ReportContext;
import io.tokenfleet.spark.FleetCostJob;
import io.tokenfleet.spark.JobSetupException;
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
 * {@code tokenfleet fleet-cost}: every request of a trace through the kernel and the cost model
 * under every strategy and deployment of the scenario; fleet GPU-hours and dollars per model.
 */
@Command(
    name = "fleet-cost",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Cost a request trace (Parquet, canonical schema) under every model x strategy x deployment of a scenario.",
        "Writes summary.csv/.parquet, report.md, report.html, rejects/ (and detail/ with --detail) to --out."})
public final class FleetCostCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ScenarioFlags scenarioFlags;

  @Option(names = "--out", paramLabel = "DIR", description = {"Output directory (default: tokenfleet.scenario.out).",
      "Without --out, a previous tokenfleet run in the built-in default out/fleet-cost is replaced."})
  String out;

  @Option(names = "--strategies", split = ",", paramLabel = "S1,S2",
      description = "greedy | beam:K | parallel:N, each optionally /no-cache (overrides the scenario).")
  List<String> strategies = new ArrayList<>();

  @Option(names = "--batch", paramLabel = "B", description = "Requests of one shape batched together (overrides the scenario).")
  Integer batch;

  @Option(names = "--overwrite", description = "Replace the output directory's contents.")
  boolean overwrite;

  @Option(names = "--detail", description = "Also write per-request costs (Parquet, partitioned by model) to detail/.")
  boolean detail;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    // Everything that can be checked without Spark is checked before Spark starts.
    Config config = scenarioFlags.load();
    ScenarioConfig scenario = scenarioFlags.apply(ScenarioConfig.from(config), ScenarioFlags.parseStrategies(strategies),
        batch);
    FleetScenario resolved = scenarioFlags.resolve(config, scenario);
    resolved.skipped().forEach(line -> err.println("tokenfleet: skipping " + line));
    FleetEvaluator evaluator = resolved.evaluator();
    List<String> tracePaths = scenarioFlags.tracePaths(scenario);
    String outDir = out != null ? out : scenario.out();
    // The built-in default (out/fleet-cost) is the tool's scratch location, so that the README's bare
    // `fleet-cost` can be rerun: a previous tokenfleet run there is replaced. A directory the user
    // chose (--out or a scenario's out) is never replaced without --overwrite.
    boolean scratch = out == null && outDir.equals(ScenarioConfig.from(ConfigLoader.load()).out());

    ReportContext context = new ReportContext("Fleet cost", tracePaths, scenarioFlags.label(scenario), scenario.timeModel(),
        LocalDate.now());
    FleetCostJob.Result result;
    try {
      result = SparkSessions.with("tokenfleet fleet-cost", spark -> {
        boolean replace = Launch.replaceOutput(spark, outDir, overwrite, scratch, "summary.csv", err);
        return FleetCostJob.run(spark, new FleetCostJob.Spec(tracePaths, evaluator, outDir, replace, detail, context));
      });
    } catch (JobSetupException e) {
      throw new UserError(e.getMessage());
    }
    printSummary(stdout, evaluator, result);
    return 0;
  }

  private static void printSummary(PrintWriter out, FleetEvaluator evaluator, FleetCostJob.Result result) {
    FleetAggregate agg = result.aggregate();
    out.printf(Locale.ROOT, "input rows: %,d%n", agg.inputRows());
    for (int m = 0; m < evaluator.models().size(); m++) {
      long rejected = agg.rejectedRows(m);
      long accepted = agg.routedRows(m) - rejected;
      StringBuilder reasons = new StringBuilder();
      for (RejectReason reason : RejectReason.values()) {
        long n = agg.rejectedRows(m, reason);
        if (n > 0) {
          reasons.append(reasons.length() == 0 ? " (" : ", ").append(reason.code()).append(' ').append(n);
        }
      }
      if (reasons.length() > 0) {
        reasons.append(')');
      }
      out.printf(Locale.ROOT, "  %-16s %,d routed = %,d accepted + %,d rejected%s%n", evaluator.models().get(m).model(),
          agg.routedRows(m), accepted, rejected, reasons);
    }
    if (agg.unknownModelRows() > 0) {
      out.printf(Locale.ROOT, "  %,d rows rejected: model not in the scenario%n", agg.unknownModelRows());
    }
    out.println();
    out.printf(Locale.ROOT, "%-14s %-20s %-14s %14s %14s %12s %12s %10s%n", "model", "strategy", "deployment",
        "GPU-hours", "dollars", "$/1M in", "$/1M out", "p99 e2e s");
    for (SummaryRow row : result.summary()) {
      out.printf(Locale.ROOT, "%-14s %-20s %-14s %14.4f %14.4f %12.4f %12.4f %10.2f%n", row.model(),
          row.strategyWithCache(), row.deployment(), row.gpuHours(), row.dollars(), row.dollarsPerMInputTokens(),
          row.dollarsPerMOutputTokens(), row.e2eP99S());
    }
    out.println();
    out.println("report: " + result.outDir() + "/report.html (also report.md, summary.csv, summary.parquet, rejects/)");
    out.flush();
  }
}
