package io.tokenfleet.bench;

import static org.apache.spark.sql.functions.sum;

import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.config.ScenarioResolver;
import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.report.ReportContext;
import io.tokenfleet.spark.FleetAggregation;
import io.tokenfleet.spark.FleetCostJob;
import io.tokenfleet.spark.SparkSessions;
import io.tokenfleet.spark.TraceInput;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * fleet-cost's aggregation pass against a bare Spark scan of the same file, in one JVM and one
 * SparkSession (local[*]): 1 model x 6 strategies x 1 deployment. Run by bench/fleet-cost-bench.sh.
 *
 * <p>Args: TRACE.parquet [MODEL] [GPU:TP] [REPEATS] [OUT_DIR: also time the whole job writing there].
 */
public final class FleetCostBench {
  private FleetCostBench() {}

  public static void main(String[] args) {
    String trace = args[0];
    String model = args.length > 1 ? args[1] : "llama-2-7b";
    String deployment = args.length > 2 ? args[2] : "h100-sxm:1";
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<DecodingStrategy> strategies = List.of("greedy", "greedy/no-cache", "beam:4", "beam:4/no-cache", "parallel:4",
        "parallel:4/no-cache").stream().map(DecodingStrategy::parse).toList();
    var config = ConfigLoader.load();
    ScenarioConfig scenario = ScenarioConfig.from(config).withOverrides(List.of(model), strategies,
        List.of(ScenarioConfig.DeploymentChoice.parse(deployment, "deployment")), null, null);
    FleetEvaluator evaluator = ScenarioResolver.resolve(config, scenario).evaluator();

    SparkSession spark = SparkSessions.getOrCreate("tokenfleet fleet-cost bench");
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> df = TraceInput.open(spark, List.of(trace));
    long rows = df.count();
    System.out.printf(Locale.ROOT, "trace %s: %,d rows, %d partitions, %d cores%n", trace, rows,
        df.rdd().getNumPartitions(), Runtime.getRuntime().availableProcessors());
    double bestScan = Double.MAX_VALUE;
    double bestCost = Double.MAX_VALUE;
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      Row sums = df.agg(sum(TraceInput.PROMPT_TOKENS), sum(TraceInput.OUTPUT_TOKENS)).first();
      double scan = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      FleetAggregate aggregate = FleetAggregation.aggregate(df, evaluator);
      double cost = (System.nanoTime() - t1) / 1e9;
      bestScan = Math.min(bestScan, scan);
      bestCost = Math.min(bestCost, cost);
      System.out.printf(Locale.ROOT, "run %d: bare scan %.2f s (sum prompt %d), fleet-cost pass %.2f s (%d rows in)%n",
          i + 1, scan, sums.getLong(0), cost, aggregate.inputRows());
    }
    System.out.printf(Locale.ROOT, "best: bare scan %.2f s = %,.0f rows/s; fleet-cost (1 model x 6 strategies x 1 deployment)"
        + " %.2f s = %,.0f rows/s; ratio %.2fx%n", bestScan, rows / bestScan, bestCost, rows / bestCost, bestCost / bestScan);
    if (args.length > 4) {
      // The whole job as the CLI runs it (checks, aggregation, rejects, summary, reports), once.
      long t0 = System.nanoTime();
      FleetCostJob.run(spark, new FleetCostJob.Spec(List.of(trace), evaluator, args[4], true, false,
          new ReportContext("Fleet cost bench", List.of(trace), "bench", scenario.timeModel(), LocalDate.now())));
      double job = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "full fleet-cost job: %.2f s = %,.0f rows/s (%.2fx the bare scan); max heap %d MiB%n",
          job, rows / job, job / bestScan, Runtime.getRuntime().maxMemory() >> 20);
    }
    spark.stop();
  }
}
