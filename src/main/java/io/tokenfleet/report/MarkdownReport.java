package io.tokenfleet.report;

import static io.tokenfleet.report.HumanNumbers.bytes;
import static io.tokenfleet.report.HumanNumbers.count;
import static io.tokenfleet.report.HumanNumbers.dollars;
import static io.tokenfleet.report.HumanNumbers.latency;
import static io.tokenfleet.report.HumanNumbers.multiplier;
import static io.tokenfleet.report.HumanNumbers.significant;
import static io.tokenfleet.report.MarkdownText.escape;

import io.tokenfleet.fleet.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * report.md: the header (context), request counts, the summary per model in human units, the KV
 * cache and strategy multipliers, and $/1M input vs output tokens. Deterministic: rows are sorted
 * by {@link SummaryOrder#KEY} and the date comes from the {@link ReportContext}.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  /** The Markdown text of the report. */
  public static String render(ReportContext context, List<SummaryRow> rows) {
    List<SummaryRow> sorted = SummaryOrder.sorted(rows);
    StringBuilder md = new StringBuilder(4096);
    header(md, context, sorted.size());
    requests(md, sorted);
    summaryByModel(md, sorted);
    cacheMultipliers(md, sorted);
    strategyMultipliers(md, sorted);
    inputVsOutput(md, sorted);
    return md.toString();
  }

  /** Writes the report to {@code file} (UTF-8), replacing it. */
  public static void write(ReportContext context, List<SummaryRow> rows, Path file) throws IOException {
    Files.writeString(file, render(context, rows), StandardCharsets.UTF_8);
  }

  private static void header(StringBuilder md, ReportContext context, int variants) {
    md.append("# ").append(escape(context.title())).append("\n\n");
    md.append("- Run date: ").append(context.runDate()).append('\n');
    md.append("- Scenario: ").append(escape(context.scenario())).append('\n');
    md.append("- Time model: ").append(escape(context.timeModel())).append('\n');
    md.append("- Traces:");
    if (context.tracePaths().isEmpty()) {
      md.append(" (none given)");
    }
    md.append('\n');
    for (String path : context.tracePaths()) {
      md.append("  - ").append(escape(path)).append('\n');
    }
    md.append("- Variants (model x strategy x KV cache x deployment): ").append(variants).append("\n\n");
  }

  private static void requests(StringBuilder md, List<SummaryRow> rows) {
    md.append("## Requests\n\n");
    md.append("Input rows routed to each model = accepted + rejected.\n\n");
    md.append("| model | input | accepted | rejected |\n|---|---:|---:|---:|\n");
    for (RequestCounts counts : RequestCounts.of(rows)) {
      md.append("| ").append(escape(counts.label())).append(" | ").append(count(counts.input())).append(" | ")
          .append(count(counts.accepted())).append(" | ").append(count(counts.rejected())).append(" |\n");
    }
    md.append('\n');
  }

  private static void summaryByModel(StringBuilder md, List<SummaryRow> rows) {
    md.append("## Summary by model\n\n");
    Map<String, List<SummaryRow>> byModel = new LinkedHashMap<>();
    for (SummaryRow row : rows) {
      byModel.computeIfAbsent(row.model(), m -> new java.util.ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<SummaryRow>> entry : byModel.entrySet()) {
      md.append("### ").append(escape(entry.getKey())).append("\n\n");
      md.append("| strategy | KV cache | deployment | GPU-hours | cost | $/1M input tokens | $/1M output tokens"
          + " | TTFT p50 | TTFT p99 | E2E p50 | E2E p99 | KV peak p99 | FLOPs |\n");
      md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (SummaryRow row : entry.getValue()) {
        md.append("| ").append(escape(row.strategy()))
            .append(" | ").append(row.kvCache() ? "on" : "off")
            .append(" | ").append(escape(row.deployment()))
            .append(" | ").append(significant(row.gpuHours(), 3))
            .append(" | ").append(dollars(row.dollars()))
            .append(" | ").append(dollars(row.dollarsPerMInputTokens()))
            .append(" | ").append(dollars(row.dollarsPerMOutputTokens()))
            .append(" | ").append(latency(row.ttftP50S()))
            .append(" | ").append(latency(row.ttftP99S()))
            .append(" | ").append(latency(row.e2eP50S()))
            .append(" | ").append(latency(row.e2eP99S()))
            .append(" | ").append(bytes(row.kvPeakBytesP99()))
            .append(" | ").append(HumanNumbers.flops(row.flopsTotal()))
            .append(" |\n");
      }
      md.append('\n');
    }
  }

  private static void cacheMultipliers(StringBuilder md, List<SummaryRow> rows) {
    md.append("## KV cache multipliers\n\n");
    List<Multipliers.CacheMultiplier> list = Multipliers.cache(rows);
    if (list.isEmpty()) {
      md.append("No model has both a cached and an uncached row for the same strategy and deployment.\n\n");
      return;
    }
    md.append("Cost without the KV cache divided by cost with it (same model, strategy, deployment).\n\n");
    md.append("| model | strategy | deployment | with cache | without cache | multiplier |\n|---|---|---|---:|---:|---:|\n");
    for (Multipliers.CacheMultiplier m : list) {
      md.append("| ").append(escape(m.model())).append(" | ").append(escape(m.strategy())).append(" | ")
          .append(escape(m.deployment())).append(" | ").append(dollars(m.cacheDollars())).append(" | ")
          .append(dollars(m.noCacheDollars())).append(" | ").append(multiplier(m.ratio())).append(" |\n");
    }
    md.append('\n');
  }

  private static void strategyMultipliers(StringBuilder md, List<SummaryRow> rows) {
    md.append("## Beam and parallel multipliers\n\n");
    List<Multipliers.StrategyMultiplier> list = Multipliers.strategy(rows);
    if (list.isEmpty()) {
      md.append("No beam:K or parallel:N row has a greedy row of the same model, KV cache setting and deployment.\n\n");
      return;
    }
    md.append("Cost of the strategy divided by greedy cost (same model, KV cache setting, deployment).\n\n");
    md.append("| model | strategy | KV cache | deployment | greedy | strategy cost | multiplier |\n|---|---|---|---|---:|---:|---:|\n");
    for (Multipliers.StrategyMultiplier m : list) {
      md.append("| ").append(escape(m.model())).append(" | ").append(escape(m.strategy())).append(" | ")
          .append(m.kvCache() ? "on" : "off").append(" | ").append(escape(m.deployment())).append(" | ")
          .append(dollars(m.greedyDollars())).append(" | ").append(dollars(m.dollars())).append(" | ")
          .append(multiplier(m.ratio())).append(" |\n");
    }
    md.append('\n');
  }

  private static void inputVsOutput(StringBuilder md, List<SummaryRow> rows) {
    md.append("## $/1M input vs output tokens\n\n");
    md.append("Prefill dollars per million prompt tokens and decode dollars per million output tokens.\n\n");
    md.append("| model | strategy | KV cache | deployment | prompt tokens | output tokens | $/1M input | $/1M output | output / input |\n");
    md.append("|---|---|---|---|---:|---:|---:|---:|---:|\n");
    for (SummaryRow row : rows) {
      double ratio = row.dollarsPerMInputTokens() > 0 ? row.dollarsPerMOutputTokens() / row.dollarsPerMInputTokens() : Double.NaN;
      md.append("| ").append(escape(row.model())).append(" | ").append(escape(row.strategy())).append(" | ")
          .append(row.kvCache() ? "on" : "off").append(" | ").append(escape(row.deployment())).append(" | ")
          .append(count(row.promptTokens())).append(" | ").append(count(row.outputTokens())).append(" | ")
          .append(dollars(row.dollarsPerMInputTokens())).append(" | ").append(dollars(row.dollarsPerMOutputTokens()))
          .append(" | ").append(multiplier(ratio)).append(" |\n");
    }
    md.append('\n');
  }
}
