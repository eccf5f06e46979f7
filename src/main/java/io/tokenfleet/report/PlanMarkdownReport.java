package io.tokenfleet.report;

import static io.tokenfleet.report.MarkdownText.escape;

import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.PlanSettings;
import io.tokenfleet.plan.Slo;
import java.util.List;
import java.util.Objects;

/** plan.md: the run, the recommendation per model, every option and its load. Deterministic for the same input. */
public final class PlanMarkdownReport {
  private PlanMarkdownReport() {}

  /**
   * What both plan reports show.
   *
   * @param context run date, scenario, time model, traces
   * @param slo the objective
   * @param settings windows and autoscaling settings
   * @param plans the plans, recommendations marked ({@link CapacityPlan#withRecommendations})
   * @param inputRows rows of the trace
   * @param rejectedRows (row, model) pairs rejected, unknown-model rows included
   */
  public record Input(ReportContext context, Slo slo, PlanSettings settings, List<CapacityPlan> plans, long inputRows,
      long rejectedRows) {
    public Input {
      Objects.requireNonNull(context, "context must not be null");
      plans = List.copyOf(plans);
    }
  }

  /** "model · gpu:tp · strategy". */
  static String optionLabel(CapacityPlan p) {
    return p.model() + " \u00b7 " + p.deployment() + " \u00b7 " + p.strategy();
  }

  public static String render(Input in) {
    StringBuilder md = new StringBuilder();
    ReportContext c = in.context();
    md.append("# ").append(escape(c.title())).append("\n\n");
    md.append("- Run date: ").append(c.runDate()).append('\n');
    md.append("- Scenario: ").append(escape(c.scenario())).append('\n');
    md.append("- Time model: ").append(escape(c.timeModel())).append('\n');
    md.append("- Traces: ").append(escape(String.join(", ", c.tracePaths()))).append('\n');
    md.append("- SLO: ").append(escape(in.slo().describe())).append('\n');
    md.append("- Input rows: ").append(HumanNumbers.count(in.inputRows())).append(" (rejected (row, model) pairs: ")
        .append(HumanNumbers.count(in.rejectedRows())).append(", see rejects/)\n");
    md.append("- Windows: ").append(HumanNumbers.significant(in.settings().windowSeconds(), 3)).append(" s, target utilisation ")
        .append(HumanNumbers.significant(in.settings().targetUtilisation(), 3)).append(", cold start ")
        .append(HumanNumbers.significant(in.settings().coldStartSeconds(), 3)).append(" s, routing ")
        .append(in.settings().routing().configName()).append("\n\n");

    md.append("## Recommendation\n\nThe cheapest option per model whose fleet meets the SLO.\n\n");
    md.append("| model | deployment | strategy | replicas | GPUs | dollars | $/1M tokens | p99 TTFT | p99 TPOT | autoscaled dollars |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (CapacityPlan p : in.plans()) {
      if (p.recommended()) {
        FleetEvaluation e = p.chosen();
        md.append("| ").append(escape(p.model())).append(" | ").append(escape(p.deployment())).append(" | ")
            .append(escape(p.strategy())).append(" | ").append(e.replicas()).append(" | ").append(e.gpus()).append(" | ")
            .append(HumanNumbers.dollars(e.dollars())).append(" | ").append(HumanNumbers.dollars(e.dollarsPerMTokens()))
            .append(" | ").append(HumanNumbers.latency(e.ttftP99Seconds())).append(" | ")
            .append(HumanNumbers.latency(e.tpotP99Seconds())).append(" | ")
            .append(HumanNumbers.dollars(p.scaling().autoscaledDollars())).append(" |\n");
      }
    }
    md.append("\n## Every option\n\nR is the fewest replicas meeting the SLO (simulated); R - 1 was simulated too and misses it.\n\n");
    md.append("| model | deployment | strategy | requests | R | GPU-hours | dollars | p50 / p99 TTFT | p50 / p99 TPOT | p99 e2e "
        + "| utilisation | SLO met | R - 1 misses by | peak / p95 / mean demand (GPUs) | static vs autoscaled dollars |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|\n");
    for (CapacityPlan p : in.plans()) {
      FleetEvaluation e = p.chosen();
      md.append("| ").append(escape(p.model())).append(" | ").append(escape(p.deployment())).append(" | ")
          .append(escape(p.strategy())).append(" | ").append(HumanNumbers.count(p.requests())).append(" | ");
      if (e == null) {
        md.append("– | – | – | – | – | – | – | no | ").append(escape(p.infeasibility())).append(" | ");
      } else {
        FleetEvaluation f = p.search().oneFewer();
        md.append(e.replicas()).append(" | ").append(HumanNumbers.significant(e.gpuHours(), 3)).append(" | ")
            .append(HumanNumbers.dollars(e.dollars())).append(" | ").append(HumanNumbers.latency(e.ttftP50Seconds()))
            .append(" / ").append(HumanNumbers.latency(e.ttftP99Seconds())).append(" | ")
            .append(HumanNumbers.latency(e.tpotP50Seconds())).append(" / ").append(HumanNumbers.latency(e.tpotP99Seconds()))
            .append(" | ").append(HumanNumbers.latency(e.e2eP99Seconds())).append(" | ")
            .append(HumanNumbers.significant(e.utilisation(), 3)).append(" | ").append(p.recommended() ? "yes (recommended)" : "yes")
            .append(" | ").append(f == null ? "(R = 1)" : escape(f.sloViolations())).append(" | ");
      }
      md.append(HumanNumbers.significant(p.load().peakDemandGpus(), 3)).append(" / ")
          .append(HumanNumbers.significant(p.load().p95DemandGpus(), 3)).append(" / ")
          .append(HumanNumbers.significant(p.load().meanDemandGpus(), 3)).append(" | ");
      md.append(p.scaling() == null ? "–" : HumanNumbers.dollars(p.scaling().staticDollars()) + " vs "
          + HumanNumbers.dollars(p.scaling().autoscaledDollars())).append(" |\n");
    }
    md.append("\nFiles: plan.csv / plan.parquet (every column), search.csv / search.parquet (every fleet size simulated), "
        + "timeline.parquet (per window), rejects/, plan.html. See docs/plan.md.\n");
    return md.toString();
  }
}
