package io.tokenfleet.spark;

import io.tokenfleet.fleet.CostDistribution;
import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.HtmlReport;
import io.tokenfleet.report.MarkdownReport;
import io.tokenfleet.report.ReportContext;
import io.tokenfleet.report.SummaryCsv;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * fleet-cost end to end: check the output directory and the trace before any work, aggregate in
 * one pass, write rejects (a second pass only when there are any) and optional per-request
 * detail, then summary.csv, summary.parquet, report.md, report.html and finally _SUCCESS.
 */
public final class FleetCostJob {
  private FleetCostJob() {}

  /**
   * What to run.
   *
   * @param tracePaths Parquet paths or globs (any Hadoop URI)
   * @param evaluator the scenario, as records
   * @param outDir output directory
   * @param overwrite replace an existing result
   * @param detail also write per-request detail partitioned by model
   * @param context what the reports say about the run
   */
  public record Spec(List<String> tracePaths, FleetEvaluator evaluator, String outDir, boolean overwrite, boolean detail,
      ReportContext context) {}

  /** What was produced. */
  public record Result(FleetAggregate aggregate, List<SummaryRow> summary, List<CostDistribution> distributions,
      String outDir) {}

  public static Result run(SparkSession spark, Spec spec) {
    OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), spec.outDir(), spec.overwrite());
    try {
      return run(spark, spec, out);
    } catch (Throwable e) { // Spark's own exceptions are checked in Scala's eyes: catch all, rethrow precisely
      out.abandon();
      throw e;
    }
  }

  private static Result run(SparkSession spark, Spec spec, OutputDirectory out) {
    Dataset<Row> trace = TraceInput.open(spark, spec.tracePaths());
    out.markStarted();
    FleetEvaluator evaluator = spec.evaluator();

    spark.sparkContext().setJobDescription("fleet-cost: cost every request under every variant");
    FleetAggregate aggregate = FleetAggregation.aggregate(trace, evaluator);
    List<SummaryRow> summary = evaluator.summaryRows(aggregate);
    List<CostDistribution> distributions = evaluator.costDistributions(aggregate);

    if (aggregate.totalRejections() > 0) {
      spark.sparkContext().setJobDescription("fleet-cost: write rejected rows with reasons");
      // RFC 4180 quoting (a quote inside a field doubled), so any CSV reader gets the raw strings back.
      RejectedRows.of(trace, evaluator).write().mode(SaveMode.ErrorIfExists).option("header", "true")
          .option("escape", "\"").csv(out.child("rejects"));
    } else {
      out.writeText("rejects/rejects.csv", String.join(",", RejectedRows.SCHEMA.fieldNames()) + "\n");
    }
    if (spec.detail()) {
      spark.sparkContext().setJobDescription("fleet-cost: write per-request detail");
      RequestDetail.of(trace, evaluator).write().mode(SaveMode.ErrorIfExists).partitionBy("model")
          .parquet(out.child("detail"));
    }
    spark.sparkContext().setJobDescription("fleet-cost: write summary");
    SummaryParquet.write(spark.sparkContext().hadoopConfiguration(), summary, out.child("summary.parquet"));
    out.writeText("summary.csv", SummaryCsv.toCsv(summary));
    out.writeText("report.md", MarkdownReport.render(spec.context(), summary));
    out.writeText("report.html", HtmlReport.render(spec.context(), summary, distributions));
    out.markComplete();
    return new Result(aggregate, summary, distributions, out.toString());
  }
}
