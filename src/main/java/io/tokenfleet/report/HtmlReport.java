package io.tokenfleet.report;

import static io.tokenfleet.report.HtmlPage.kpi;
import static io.tokenfleet.report.HtmlPage.section;
import static io.tokenfleet.report.svg.Xml.escape;

import io.tokenfleet.fleet.CostDistribution;
import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.svg.BarChart;
import io.tokenfleet.report.svg.Histogram;
import io.tokenfleet.report.svg.Palette;
import io.tokenfleet.report.svg.Series;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * report.html: one self-contained file — inline CSS and inline SVG, no script, no external font,
 * image or link, so it opens offline and can be mailed. A Content-Security-Policy meta tag forbids
 * scripts and remote loads as a second line of defence; the first is that every input string is
 * escaped ({@link io.tokenfleet.report.svg.Xml#escape(String)}). Sections: context, KPIs, dollars per
 * variant, KV cache on vs off, beam/parallel width vs greedy, $/1M input vs output tokens, per-request
 * cost distributions, full summary table. Deterministic for the same inputs (the date comes from the {@link ReportContext}).
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The HTML text of the report; {@code distributions} may be empty (the section then says so). */
  public static String render(ReportContext context, List<SummaryRow> rows, List<CostDistribution> distributions) {
    List<SummaryRow> sorted = SummaryOrder.sorted(rows);
    StringBuilder html = new StringBuilder(64 * 1024);
    HtmlPage.begin(html, context);
    HtmlPage.definition(html, "Variants", Integer.toString(sorted.size()));
    HtmlPage.endContext(html);
    kpis(html, sorted);
    dollarsChart(html, sorted);
    cacheChart(html, sorted);
    strategyChart(html, sorted);
    tokensChart(html, sorted);
    distributions(html, distributions);
    summaryTable(html, sorted);
    HtmlPage.end(html);
    return html.toString();
  }

  /** Writes the report to {@code file} (UTF-8), replacing it. */
  public static void write(ReportContext context, List<SummaryRow> rows, List<CostDistribution> distributions, Path file)
      throws IOException {
    Files.writeString(file, render(context, rows, distributions), StandardCharsets.UTF_8);
  }

  /** "model · strategy[/no-cache] · gpu:tp", the label of one variant in charts. */
  static String variantLabel(SummaryRow row) {
    return row.model() + " \u00b7 " + row.strategyWithCache() + " \u00b7 " + row.deployment();
  }

  private static void kpis(StringBuilder html, List<SummaryRow> rows) {
    html.append("<section class=\"kpis\">\n");
    long input = 0;
    long accepted = 0;
    long rejected = 0;
    for (RequestCounts counts : RequestCounts.of(rows)) {
      input += counts.input();
      accepted += counts.accepted();
      rejected += counts.rejected();
    }
    kpi(html, "Input rows (all models)", HumanNumbers.count(input),
        HumanNumbers.count(accepted) + " accepted, " + HumanNumbers.count(rejected) + " rejected");
    List<SummaryRow> finite = rows.stream().filter(r -> Double.isFinite(r.dollars())).toList();
    if (!finite.isEmpty()) {
      SummaryRow cheapest = finite.stream().min(Comparator.comparingDouble(SummaryRow::dollars)).orElseThrow();
      SummaryRow dearest = finite.stream().max(Comparator.comparingDouble(SummaryRow::dollars)).orElseThrow();
      kpi(html, "Cheapest variant", HumanNumbers.dollars(cheapest.dollars()), variantLabel(cheapest));
      kpi(html, "Most expensive variant", HumanNumbers.dollars(dearest.dollars()), variantLabel(dearest));
    }
    Multipliers.cache(rows).stream().filter(m -> Double.isFinite(m.ratio()))
        .max(Comparator.comparingDouble(Multipliers.CacheMultiplier::ratio))
        .ifPresent(m -> kpi(html, "Largest no-cache multiplier", HumanNumbers.multiplier(m.ratio()),
            m.model() + " \u00b7 " + m.strategy() + " \u00b7 " + m.deployment()));
    double gpuHours = rows.stream().mapToDouble(SummaryRow::gpuHours).filter(Double::isFinite).sum();
    kpi(html, "GPU-hours (all variants)", HumanNumbers.significant(gpuHours, 3), rows.size() + " variants");
    html.append("</section>\n");
  }

  private static void dollarsChart(StringBuilder html, List<SummaryRow> rows) {
    section(html, "dollars", "Dollars per variant",
        "Cost of serving the whole trace, one bar per model x strategy x KV cache x deployment. "
            + "The axis is logarithmic when the costs span more than 100x.");
    double[] dollars = rows.stream().mapToDouble(SummaryRow::dollars).toArray();
    List<String> labels = rows.stream().map(HtmlReport::variantLabel).toList();
    html.append(BarChart.single("Dollars for the trace", "USD", labels, dollars, Palette.color(0), HumanNumbers::dollars,
        HumanNumbers::dollarsTick).render());
    html.append("</section>\n");
  }

  private static void cacheChart(StringBuilder html, List<SummaryRow> rows) {
    section(html, "cache", "KV cache on vs off",
        "Dollars with and without the KV cache for the same model, strategy and deployment; the label ends with the "
            + "no-cache / cache multiplier.");
    List<Multipliers.CacheMultiplier> pairs = Multipliers.cache(rows);
    if (pairs.isEmpty()) {
      html.append("<p>No variant was run both with and without the KV cache.</p>\n</section>\n");
      return;
    }
    List<String> labels = new ArrayList<>();
    double[][] values = new double[pairs.size()][];
    for (int i = 0; i < pairs.size(); i++) {
      Multipliers.CacheMultiplier m = pairs.get(i);
      labels.add(m.model() + " \u00b7 " + m.strategy() + " \u00b7 " + m.deployment() + " (" + HumanNumbers.multiplier(m.ratio()) + ")");
      values[i] = new double[] {m.cacheDollars(), m.noCacheDollars()};
    }
    html.append(new BarChart("Dollars, KV cache on vs off", "USD", labels,
        List.of(new Series("KV cache on", Palette.color(0)), new Series("KV cache off", Palette.color(3))), values,
        HumanNumbers::dollars, HumanNumbers::dollarsTick).render());
    html.append("</section>\n");
  }

  private static void strategyChart(StringBuilder html, List<SummaryRow> rows) {
    section(html, "strategy", "Beam and parallel width vs greedy",
        "Dollars of each beam:K or parallel:N variant next to greedy for the same model, KV cache setting and "
            + "deployment; the label ends with the strategy / greedy multiplier.");
    List<Multipliers.StrategyMultiplier> pairs = Multipliers.strategy(rows);
    if (pairs.isEmpty()) {
      html.append("<p>No beam:K or parallel:N variant has a greedy variant of the same model, KV cache setting and "
          + "deployment.</p>\n</section>\n");
      return;
    }
    List<String> labels = new ArrayList<>();
    double[][] values = new double[pairs.size()][];
    for (int i = 0; i < pairs.size(); i++) {
      Multipliers.StrategyMultiplier m = pairs.get(i);
      labels.add(strategyLabel(m) + " (" + HumanNumbers.multiplier(m.ratio()) + ")");
      values[i] = new double[] {m.greedyDollars(), m.dollars()};
    }
    html.append(new BarChart("Dollars, greedy vs beam/parallel", "USD", labels,
        List.of(new Series("greedy", Palette.color(0)), new Series("beam:K / parallel:N", Palette.color(4))), values,
        HumanNumbers::dollars, HumanNumbers::dollarsTick).render());
    // the chart rounds to its pixels; the table gives the figures
    html.append("<div class=\"table-wrap\"><table class=\"multipliers\">\n<thead><tr><th>model</th><th>strategy</th>"
        + "<th>KV cache</th><th>deployment</th><th>greedy cost</th><th>strategy cost</th><th>multiplier</th></tr></thead>\n<tbody>\n");
    for (Multipliers.StrategyMultiplier m : pairs) {
      html.append("<tr><td>").append(escape(m.model())).append("</td><td>").append(escape(m.strategy()))
          .append("</td><td>").append(m.kvCache() ? "on" : "off").append("</td><td>").append(escape(m.deployment()))
          .append("</td><td class=\"num\">").append(escape(HumanNumbers.dollars(m.greedyDollars())))
          .append("</td><td class=\"num\">").append(escape(HumanNumbers.dollars(m.dollars())))
          .append("</td><td class=\"num\">").append(escape(HumanNumbers.multiplier(m.ratio()))).append("</td></tr>\n");
    }
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  /** "model · strategy[/no-cache] · gpu:tp" of a strategy multiplier, as {@link #variantLabel} writes a row. */
  private static String strategyLabel(Multipliers.StrategyMultiplier m) {
    return m.model() + " \u00b7 " + m.strategy() + (m.kvCache() ? "" : "/no-cache") + " \u00b7 " + m.deployment();
  }

  private static void tokensChart(StringBuilder html, List<SummaryRow> rows) {
    section(html, "tokens", "$/1M input vs output tokens",
        "Prefill dollars per million prompt tokens next to decode dollars per million output tokens, per variant.");
    List<String> labels = rows.stream().map(HtmlReport::variantLabel).toList();
    double[][] values = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      values[i] = new double[] {rows.get(i).dollarsPerMInputTokens(), rows.get(i).dollarsPerMOutputTokens()};
    }
    html.append(new BarChart("$/1M tokens, input vs output", "USD per 1M tokens", labels,
        List.of(new Series("$/1M input tokens", Palette.color(2)), new Series("$/1M output tokens", Palette.color(1))), values,
        HumanNumbers::dollars, HumanNumbers::dollarsTick).render());
    html.append("</section>\n");
  }

  private static void distributions(StringBuilder html, List<CostDistribution> distributions) {
    section(html, "distribution", "Cost per request",
        "How many requests cost how much, per variant (log-spaced bins, log x-axis shared by all panels).");
    List<CostDistribution> sorted = new ArrayList<>(distributions);
    sorted.sort(Comparator.comparing(CostDistribution::model).thenComparing(CostDistribution::strategy)
        .thenComparing(CostDistribution::deployment));
    if (sorted.isEmpty()) {
      html.append("<p>No per-request cost distribution was given.</p>\n</section>\n");
      return;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (CostDistribution d : sorted) {
      double[] edges = d.binEdgesDollars();
      lo = Math.min(lo, Histogram.firstDrawableEdge(edges));
      hi = Math.max(hi, edges[edges.length - 1]);
    }
    html.append("<div class=\"panels\">\n");
    for (CostDistribution d : sorted) {
      String title = d.model() + " \u00b7 " + d.strategy() + " \u00b7 " + d.deployment();
      html.append(new Histogram(title, "USD per request", d.binEdgesDollars(), d.counts(), true, lo, hi, Palette.color(0),
          HumanNumbers::dollarsTick).render());
    }
    html.append("</div>\n</section>\n");
  }

  private static void summaryTable(StringBuilder html, List<SummaryRow> rows) {
    section(html, "summary", "Summary table",
        "Every column of summary.csv in readable units (hover a cell for the exact value); see docs/METRICS.md.");
    html.append("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (SummaryColumn column : SummaryColumn.values()) {
      html.append("<th title=\"").append(escape(column.description())).append("\">").append(escape(column.columnName()));
      if (!column.unit().isEmpty()) {
        html.append("<br><span class=\"unit\">").append(escape(column.unit())).append("</span>");
      }
      html.append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (SummaryRow row : rows) {
      html.append("<tr>");
      for (SummaryColumn column : SummaryColumn.values()) {
        boolean numeric = column.type() != ColumnType.STRING && column.type() != ColumnType.BOOLEAN;
        html.append(numeric ? "<td class=\"num\" title=\"" + escape(column.csvText(row)) + "\">" : "<td>")
            .append(escape(readable(column, row))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  /** The value of {@code column} in human units, chosen by the column's unit. */
  static String readable(SummaryColumn column, SummaryRow row) {
    Object value = column.value(row);
    return switch (column.type()) {
      case STRING, BOOLEAN, INT -> String.valueOf(value);
      case LONG -> HumanNumbers.count((Long) value);
      case DOUBLE -> {
        double d = (Double) value;
        yield switch (column.unit()) {
          case "USD", "USD per 1e6 tokens" -> HumanNumbers.dollars(d);
          case "s" -> HumanNumbers.latency(d);
          case "bytes" -> HumanNumbers.bytes(d);
          case "FLOP" -> HumanNumbers.flops(d);
          default -> HumanNumbers.significant(d, 3);
        };
      }
    };
  }
}
