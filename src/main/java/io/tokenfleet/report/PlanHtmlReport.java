package io.tokenfleet.report;

import static io.tokenfleet.report.HtmlPage.definition;
import static io.tokenfleet.report.HtmlPage.kpi;
import static io.tokenfleet.report.HtmlPage.section;
import static io.tokenfleet.report.svg.Xml.escape;

import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.LoadProfile;
import io.tokenfleet.report.svg.BarChart;
import io.tokenfleet.report.svg.LineChart;
import io.tokenfleet.report.svg.Palette;
import io.tokenfleet.report.svg.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * plan.html: one self-contained file like report.html (inline CSS and SVG, no script, a
 * Content-Security-Policy forbidding scripts and remote loads, every input string escaped).
 * Sections: context, recommendation per model, cost per option, latency against replica count
 * (the search's evaluations), load over time with replicas needed, the full plan table.
 */
public final class PlanHtmlReport {
  private PlanHtmlReport() {}

  public static String render(PlanMarkdownReport.Input in) {
    StringBuilder html = new StringBuilder(64 * 1024);
    ReportContext c = in.context();
    HtmlPage.begin(html, c);
    definition(html, "SLO", escape(in.slo().describe()));
    definition(html, "Routing", escape(in.settings().routing().configName()));
    definition(html, "Input rows", escape(HumanNumbers.count(in.inputRows()) + " (" + HumanNumbers.count(in.rejectedRows())
        + " rejected (row, model) pairs, see rejects/)"));
    HtmlPage.endContext(html);

    html.append("<section class=\"kpis\">\n");
    for (CapacityPlan p : in.plans()) {
      if (p.recommended()) {
        FleetEvaluation e = p.chosen();
        kpi(html, "Recommended for " + p.model(), e.replicas() + " x " + p.deployment(), p.strategy() + ", "
            + HumanNumbers.dollars(e.dollars()) + " for the trace, " + HumanNumbers.dollars(e.dollarsPerMTokens())
            + " per 1M tokens, p99 TTFT " + HumanNumbers.latency(e.ttftP99Seconds()) + ", p99 TPOT "
            + HumanNumbers.latency(e.tpotP99Seconds()));
      }
    }
    html.append("</section>\n");

    costChart(html, in.plans());
    latencyCharts(html, in);
    loadCharts(html, in);
    table(html, in.plans());
    HtmlPage.end(html);
    return html.toString();
  }

  private static void costChart(StringBuilder html, List<CapacityPlan> plans) {
    section(html, "cost", "Cost per deployment option",
        "Dollars for the trace with the fewest replicas meeting the SLO, provisioned for the whole trace, next to a fleet "
            + "re-sized every window (perfect foresight, boots billed). n/a: no fleet size meets the SLO.");
    List<String> labels = new ArrayList<>();
    double[][] values = new double[plans.size()][];
    for (int i = 0; i < plans.size(); i++) {
      CapacityPlan p = plans.get(i);
      labels.add(PlanMarkdownReport.optionLabel(p) + (p.sloMet() ? " (" + p.chosen().replicas() + " replicas)" : "")
          + (p.recommended() ? " \u2605" : ""));
      values[i] = new double[] {p.sloMet() ? p.chosen().dollars() : Double.NaN,
          p.scaling() == null ? Double.NaN : p.scaling().autoscaledDollars()};
    }
    html.append(new BarChart("Dollars for the trace", "USD", labels,
        List.of(new Series("fleet sized for the SLO", Palette.color(0)), new Series("autoscaled per window", Palette.color(2))),
        values, HumanNumbers::dollars, HumanNumbers::dollarsTick).render());
    html.append("</section>\n");
  }

  private static void latencyCharts(StringBuilder html, PlanMarkdownReport.Input in) {
    section(html, "latency", "Latency against replica count",
        "p50 and p99 TTFT and TPOT of every fleet size the search simulated, with the SLO limits as flat lines.");
    html.append("<div class=\"panels\">\n");
    for (CapacityPlan p : in.plans()) {
      if (p.search() == null) {
        html.append("<p>").append(escape(PlanMarkdownReport.optionLabel(p) + ": " + p.infeasibility())).append("</p>\n");
        continue;
      }
      List<FleetEvaluation> tried = p.search().tried();
      double[] r = new double[tried.size()];
      double[] ttft = new double[tried.size()];
      double[] tpot = new double[tried.size()];
      double[] ttft50 = new double[tried.size()];
      double[] tpot50 = new double[tried.size()];
      for (int i = 0; i < r.length; i++) {
        r[i] = tried.get(i).replicas();
        ttft[i] = tried.get(i).ttftP99Seconds();
        tpot[i] = tried.get(i).tpotP99Seconds();
        ttft50[i] = tried.get(i).ttftP50Seconds();
        tpot50[i] = tried.get(i).tpotP50Seconds();
      }
      List<LineChart.Line> lines = new ArrayList<>();
      lines.add(new LineChart.Line(new Series("p99 TTFT", Palette.color(0)), r, ttft));
      lines.add(new LineChart.Line(new Series("p50 TTFT", Palette.color(5)), r, ttft50));
      lines.add(new LineChart.Line(new Series("p99 TPOT", Palette.color(1)), r, tpot));
      lines.add(new LineChart.Line(new Series("p50 TPOT", Palette.color(2)), r, tpot50));
      double[] ends = {r[0], r[r.length - 1]};
      if (!Double.isNaN(in.slo().ttftSeconds())) {
        lines.add(new LineChart.Line(new Series("TTFT limit", Palette.color(3)), ends,
            new double[] {in.slo().ttftSeconds(), in.slo().ttftSeconds()}));
      }
      if (!Double.isNaN(in.slo().tpotSeconds())) {
        lines.add(new LineChart.Line(new Series("TPOT limit", Palette.color(4)), ends,
            new double[] {in.slo().tpotSeconds(), in.slo().tpotSeconds()}));
      }
      html.append(new LineChart(PlanMarkdownReport.optionLabel(p) + ": chose " + p.chosen().replicas(), "replicas",
          "seconds", lines, true, x -> HumanNumbers.significant(x, 3), HumanNumbers::latency).render());
    }
    html.append("</div>\n</section>\n");
  }

  private static void loadCharts(StringBuilder html, PlanMarkdownReport.Input in) {
    section(html, "load", "Load over time",
        "Per window: demand in GPU-seconds per second (GPUs kept busy, from the cost model), replicas needed at the target "
            + "utilisation, and the replicas meeting the SLO on that window's arrivals alone (the autoscaled fleet).");
    html.append("<div class=\"panels\">\n");
    for (CapacityPlan p : in.plans()) {
      LoadProfile load = p.load();
      int n = load.windows();
      double[] minutes = new double[n];
      double[] demand = new double[n];
      double[] needed = new double[n];
      double[] autoscaled = new double[n];
      int[] perWindow = p.scaling() == null ? null : p.scaling().replicasPerWindow();
      for (int w = 0; w < n; w++) {
        minutes[w] = (load.windowStartMillis(w) - load.windowStartMillis(0)) / 60e3;
        demand[w] = load.demandGpus(w);
        needed[w] = load.replicasNeeded(w);
        autoscaled[w] = perWindow == null ? Double.NaN : perWindow[w];
      }
      List<LineChart.Line> lines = List.of(
          new LineChart.Line(new Series("demand (GPUs busy)", Palette.color(0)), minutes, demand),
          new LineChart.Line(new Series("replicas needed at target utilisation", Palette.color(1)), minutes, needed),
          new LineChart.Line(new Series("replicas meeting the SLO (window alone)", Palette.color(2)), minutes, autoscaled));
      html.append(new LineChart(PlanMarkdownReport.optionLabel(p), "minutes since the first window", "GPUs / replicas", lines,
          false, x -> HumanNumbers.significant(x, 3), y -> HumanNumbers.significant(y, 3)).render());
    }
    html.append("</div>\n</section>\n");
  }

  private static void table(StringBuilder html, List<CapacityPlan> plans) {
    section(html, "plan", "Plan table", "Every column of plan.csv (hover a cell for the exact value); see docs/plan.md.");
    PlanTables.Table t = PlanTables.plans(plans);
    html.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (PlanTables.Column col : t.columns()) {
      html.append("<th title=\"").append(escape(col.description())).append("\">").append(escape(col.name()));
      if (!col.unit().isEmpty()) {
        html.append("<br><span class=\"unit\">").append(escape(col.unit())).append("</span>");
      }
      html.append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (Object[] row : t.rows()) {
      html.append("<tr>");
      for (int i = 0; i < row.length; i++) {
        PlanTables.Column col = t.columns().get(i);
        boolean numeric = col.type() != ColumnType.STRING && col.type() != ColumnType.BOOLEAN;
        html.append(numeric ? "<td class=\"num\" title=\"" + escape(col.type().format(row[i])) + "\">" : "<td>")
            .append(escape(readable(col, row[i]))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  private static String readable(PlanTables.Column col, Object value) {
    return switch (col.type()) {
      case STRING, BOOLEAN, INT -> String.valueOf(value);
      case LONG -> HumanNumbers.count((Long) value);
      case DOUBLE -> switch (col.unit()) {
        case "USD", "USD per 1e6 tokens" -> HumanNumbers.dollars((Double) value);
        case "s" -> HumanNumbers.latency((Double) value);
        default -> HumanNumbers.significant((Double) value, 3);
      };
    };
  }
}
