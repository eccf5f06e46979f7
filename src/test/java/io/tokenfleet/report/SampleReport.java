package io.tokenfleet.report;

import io.tokenfleet.fleet.CostDistribution;
import io.tokenfleet.fleet.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample report from fabricated rows (plausible magnitudes, not model output), for looking at the
 * layout: {@code java -cp target/classes:target/test-classes:$(cat target/classpath.txt)
 * io.tokenfleet.report.SampleReport target/sample} writes summary.csv, report.md and report.html there.
 * {@link SampleReportTest} writes target/sample-report.html the same way.
 */
public final class SampleReport {
  private SampleReport() {}

  static final ReportContext CONTEXT = new ReportContext("tokenfleet fleet cost (sample, fabricated numbers)",
      List.of("data/sample/chat-trace-2024-06.parquet", "data/sample/batch-summaries.csv"), "scenarios/baseline.conf",
      "roofline (compute vs memory bound per iteration)", LocalDate.of(2024, 6, 11));

  /** model, gpu, tp, dollars per GPU-hour, greedy GPU-hours with the cache. */
  private record Model(String name, String gpu, int tp, double dollarsPerGpuHour, double greedyGpuHours) {}

  static List<SummaryRow> rows() {
    List<Model> models = List.of(
        new Model("llama-3-8b", "h100-sxm", 1, 2.49, 3.2),
        new Model("llama-3-70b", "h100-sxm", 4, 2.49, 31.0),
        new Model("mixtral-8x7b", "a100-80g", 2, 1.79, 14.5),
        new Model("gpt2-xl", "l4", 1, 0.81, 0.9));
    String[] strategies = {"greedy", "beam:4", "parallel:8"};
    double[] strategyFactor = {1, 3.1, 2.7};
    List<SummaryRow> rows = new ArrayList<>();
    for (Model m : models) {
      for (int s = 0; s < strategies.length; s++) {
        for (boolean cache : new boolean[] {true, false}) {
          // without a cache every output token re-runs the whole prefix: ~40x more compute on this trace
          double gpuHours = m.greedyGpuHours() * strategyFactor[s] * (cache ? 1 : 38 + 7 * s);
          double dollars = gpuHours * m.dollarsPerGpuHour();
          long prompt = 48_000_000L;
          long output = 9_600_000L;
          double prefillShare = cache ? 0.22 : 0.02;
          rows.add(new SummaryRow(m.name(), strategies[s], cache, m.gpu(), m.tp(), 120_000, prompt, output,
              2.0 * 8e9 * prompt * m.greedyGpuHours() / 3.2, 2.0 * 8e9 * output * strategyFactor[s] * (cache ? 1 : 300),
              2.0 * 8e9 * (prompt + output * strategyFactor[s] * (cache ? 1 : 300)),
              gpuHours, dollars, dollars * prefillShare / (prompt / 1e6), dollars * (1 - prefillShare) / (output / 1e6),
              0.031 * m.tp() * (cache ? 1 : 1.3), 0.42 * (cache ? 1 : 1.5), 3.1 * strategyFactor[s] * (cache ? 1 : 25),
              11.8 * strategyFactor[s] * (cache ? 1 : 30), cache ? 2.7e9 * strategyFactor[s] * m.greedyGpuHours() / 3.2 : 0,
              37));
        }
      }
    }
    return rows;
  }

  static List<CostDistribution> distributions(List<SummaryRow> rows) {
    List<CostDistribution> out = new ArrayList<>();
    int binsPerDecade = 5;
    double[] edges = new double[8 * binsPerDecade + 1];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = Math.pow(10, -7 + (double) i / binsPerDecade);
    }
    for (SummaryRow row : rows) {
      if (!row.strategy().equals("greedy")) {
        continue;
      }
      double meanDollars = row.dollars() / row.requests();
      long[] counts = new long[edges.length - 1];
      for (int i = 0; i < counts.length; i++) {
        // log-normal shape around the mean cost, sigma 0.45 decades
        double mid = Math.log10(Math.sqrt(edges[i] * edges[i + 1]));
        double z = (mid - Math.log10(meanDollars)) / 0.45;
        counts[i] = Math.round(row.requests() / (0.45 * Math.sqrt(2 * Math.PI) * binsPerDecade) * Math.exp(-z * z / 2));
      }
      out.add(new CostDistribution(row.model(), row.strategyWithCache(), row.deployment(), edges, counts));
    }
    return out;
  }

  /** Writes summary.csv, report.md and report.html of the sample into {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<SummaryRow> rows = rows();
    SummaryCsv.write(rows, dir.resolve("summary.csv"));
    MarkdownReport.write(CONTEXT, rows, dir.resolve("report.md"));
    HtmlReport.write(CONTEXT, rows, distributions(rows), dir.resolve("report.html"));
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/sample");
    write(dir);
    System.out.println(dir.resolve("report.html"));
  }
}
