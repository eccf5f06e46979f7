package io.tokenfleet.bench;

import static org.apache.spark.sql.functions.sum;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.config.ScenarioResolver;
import io.tokenfleet.config.SloConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.fleet.FleetScenario;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.report.ReportContext;
import io.tokenfleet.spark.PlanJob;
import io.tokenfleet.spark.PlanOption;
import io.tokenfleet.spark.SparkSessions;
import io.tokenfleet.spark.TraceInput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The plan job against a bare Spark scan of the same file, in one JVM and one SparkSession
 * (local[*]): 1 model x 1 deployment x greedy under the reference SLO (p99 TTFT 2 s, TPOT 0.1 s),
 * the whole job as the CLI runs it (checks, ranking, load profile, search, activity, autoscaling,
 * rejects, reports). Run by bench/scale-bench.sh after the fleet-cost bench, driver at -Xmx2g.
 *
 * <p>Args: TRACE.parquet OUT_DIR [MODEL=llama-2-7b] [GPU:TP=h100-sxm:1] [ROUTING=round-robin]
 * [SLO=ttft_p99=2,tpot_p99=0.1].
 */
public final class PlanBench {
  private PlanBench() {}

  public static void main(String[] args) {
    String trace = args[0];
    String outDir = args[1];
    String model = args.length > 2 ? args[2] : "llama-2-7b";
    String deployment = args.length > 3 ? args[3] : "h100-sxm:1";
    Router.Policy routing = Router.Policy.byConfigName(args.length > 4 ? args[4] : "round-robin");
    Config config = ConfigLoader.load();
    Slo slo = args.length > 5 ? SloConfig.withFlag(SloConfig.from(config), args[5]) : SloConfig.from(config);
    ScenarioConfig scenario = ScenarioConfig.from(config).withOverrides(List.of(model), List.of(DecodingStrategy.GREEDY),
        List.of(ScenarioConfig.DeploymentChoice.parse(deployment, "deployment")), null, null);
    FleetScenario resolved = ScenarioResolver.resolve(config, scenario);
    PlanConfig plan = PlanConfig.from(config).withRouting(routing);
    List<PlanOption> options = new ArrayList<>();
    for (int m = 0; m < resolved.models().size(); m++) {
      FleetScenario.ModelDeployments md = resolved.models().get(m);
      for (int d = 0; d < md.deployments().size(); d++) {
        Deployment dep = md.deployments().get(d);
        options.add(new PlanOption(m, dep, DecodingStrategy.GREEDY, md.batches().get(d), plan.scheduler(dep),
            resolved.timeModel().stepTimer(dep)));
      }
    }

    SparkSession spark = SparkSessions.getOrCreate("tokenfleet plan bench");
    spark.sparkContext().setLogLevel("ERROR");
    Dataset<Row> df = TraceInput.open(spark, List.of(trace));
    long rows = df.count();
    System.out.printf(Locale.ROOT, "trace %s: %,d rows, %d partitions, %d cores; %s on %s, %s, %s routing%n", trace, rows,
        df.rdd().getNumPartitions(), Runtime.getRuntime().availableProcessors(), model, deployment, slo.describe(),
        routing.configName());
    long t0 = System.nanoTime();
    Row sums = df.agg(sum(TraceInput.PROMPT_TOKENS), sum(TraceInput.OUTPUT_TOKENS)).first();
    double scan = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "bare scan: %.2f s = %,.0f rows/s (sum prompt %d)%n", scan, rows / scan, sums.getLong(0));

    long t1 = System.nanoTime();
    PlanJob.Result result = PlanJob.run(spark, new PlanJob.Spec(List.of(trace), resolved.evaluator(), options, slo,
        plan.settings(), outDir, true, new ReportContext("Plan bench", List.of(trace), "bench", scenario.timeModel(),
            LocalDate.now())), line -> System.out.println("  " + line.strip()));
    double job = (System.nanoTime() - t1) / 1e9;
    for (CapacityPlan p : result.plans()) {
      FleetEvaluation e = p.chosen();
      System.out.printf(Locale.ROOT, "plan %s on %s: %d replicas, %d windows, p99 TTFT %.3f s, p99 TPOT %.4f s, mean batch "
          + "%.1f, %d searches simulated%n", p.model(), p.deployment(), e.replicas(), p.load().windows(), e.ttftP99Seconds(),
          e.tpotP99Seconds(), e.meanBatchSequences(), p.search().tried().size());
    }
    System.out.printf(Locale.ROOT, "full plan job: %.2f s = %,.0f rows/s (%.1fx the bare scan); max heap %d MiB%n", job,
        rows / job, job / scan, Runtime.getRuntime().maxMemory() >> 20);
    spark.stop();
  }
}
