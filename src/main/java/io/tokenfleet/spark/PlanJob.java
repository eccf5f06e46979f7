package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;

import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.fleet.CostModelCoster;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.FleetSearch;
import io.tokenfleet.plan.LoadAccumulator;
import io.tokenfleet.plan.LoadProfile;
import io.tokenfleet.plan.PlanSettings;
import io.tokenfleet.plan.ReplicaSimulation;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.ScalingComparison;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.plan.SloInfeasibleException;
import io.tokenfleet.report.PlanHtmlReport;
import io.tokenfleet.report.PlanMarkdownReport;
import io.tokenfleet.report.PlanTables;
import io.tokenfleet.report.ReportContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * plan end to end. Per model: its accepted requests ranked by arrival; per deployment option:
 * the load over time (one pass), the batch-1 latency bound (one pass), then the fleet search,
 * one Spark job per candidate R with one task per replica (requests keyed by replica index =
 * rank mod R, round-robin as {@link Router#roundRobin()}), and one job sizing every window on
 * its own (one task per window). Only summaries reach the driver, where they are merged in
 * replica order, so the result equals the pure-Java {@link FleetSearch} on the same requests.
 * Writes plan.csv/.parquet, search.csv/.parquet, timeline.parquet, rejects/, plan.md, plan.html
 * and _SUCCESS last.
 */
public final class PlanJob {
  private PlanJob() {}

  /**
   * What to run.
   *
   * @param tracePaths Parquet paths or globs
   * @param evaluator the scenario's models (for the reject rules shared with fleet-cost)
   * @param options model x deployment x strategy to size
   * @param slo the latency objective
   * @param settings windows, utilisation, search bound, autoscaling
   * @param outDir output directory
   * @param overwrite replace an existing result
   * @param context what the reports say about the run
   */
  public record Spec(List<String> tracePaths, FleetEvaluator evaluator, List<PlanOption> options, Slo slo,
      PlanSettings settings, String outDir, boolean overwrite, ReportContext context) {}

  /**
   * Row accounting: per model, routed = accepted + rejected.
   *
   * @param inputRows rows of the trace
   * @param accepted per model
   * @param rejected per model
   * @param unknownModelRows rows naming a model outside the scenario
   * @param reasons per model: reason code -> rows
   */
  public record Counts(long inputRows, long[] accepted, long[] rejected, long unknownModelRows,
      List<Map<String, Long>> reasons) {}

  /** What was produced. */
  public record Result(List<CapacityPlan> plans, Counts counts, String outDir) {}

  public static Result run(SparkSession spark, Spec spec, Consumer<String> progress) {
    OutputDirectory out = OutputDirectory.prepare(spark.sparkContext().hadoopConfiguration(), spec.outDir(), spec.overwrite());
    try {
      return run(spark, spec, progress, out);
    } catch (Throwable e) { // Spark's own exceptions are checked in Scala's eyes: catch all, rethrow precisely
      out.abandon();
      throw e;
    }
  }

  private static Result run(SparkSession spark, Spec spec, Consumer<String> progress, OutputDirectory out) {
    Dataset<Row> trace = TraceInput.open(spark, spec.tracePaths());
    if (!TraceInput.hasColumn(trace.schema(), TraceInput.ARRIVAL_TIME_MS)) {
      throw new JobSetupException("trace " + String.join(", ", spec.tracePaths()) + " has no column 'arrival_time_ms': plan "
          + "simulates requests arriving over time (columns: " + String.join(", ", trace.schema().fieldNames()) + ")");
    }
    out.markStarted();
    FleetEvaluator evaluator = spec.evaluator();
    spark.sparkContext().setJobDescription("plan: accept or reject every row");
    Dataset<Row> classified = PlanInput.classify(trace, evaluator, spec.options());
    try {
      Counts counts = counts(trace, classified, evaluator.models().size());
      progress.accept(String.format(java.util.Locale.ROOT, "input rows: %,d", counts.inputRows()));
      List<CapacityPlan> plans = new ArrayList<>();
      for (int m = 0; m < evaluator.models().size(); m++) {
        String model = evaluator.models().get(m).model();
        if (counts.accepted()[m] == 0) {
          progress.accept("skipping " + model + ": no accepted request (" + counts.rejected()[m] + " rejected: "
              + counts.reasons().get(m) + ")");
          continue;
        }
        spark.sparkContext().setJobDescription("plan: rank the requests of " + model);
        JavaRDD<PlanRequest> requests = PlanInput.accepted(classified, m);
        try {
          List<CapacityPlan> modelPlans = new ArrayList<>();
          for (PlanOption option : spec.options()) {
            if (option.modelIndex() == m) {
              CapacityPlan plan = plan(spark, requests, counts.accepted()[m], option, spec.slo(), spec.settings(), progress);
              modelPlans.add(plan);
            }
          }
          if (modelPlans.stream().noneMatch(CapacityPlan::sloMet)) {
            throw new JobSetupException(model + ": " + modelPlans.get(0).infeasibility()
                + (modelPlans.size() > 1 ? " (and on every other deployment option)" : ""));
          }
          plans.addAll(modelPlans);
        } finally {
          requests.unpersist(false);
        }
      }
      if (plans.isEmpty()) {
        throw new JobSetupException("no request of the trace was accepted for any model; see the reasons above");
      }
      plans = CapacityPlan.withRecommendations(plans);
      writeRejects(spark, classified, counts, out);
      write(spark, spec, plans, counts, out);
      return new Result(plans, counts, out.toString());
    } finally {
      classified.unpersist(false);
    }
  }

  private static Counts counts(Dataset<Row> trace, Dataset<Row> classified, int models) {
    long input = trace.count();
    long[] accepted = new long[models];
    long[] rejected = new long[models];
    long unknown = 0;
    List<Map<String, Long>> reasons = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      reasons.add(new TreeMap<>());
    }
    for (Row r : classified.groupBy(col("model_index"), col("reason")).count().collectAsList()) {
      int m = r.getInt(0);
      long n = r.getLong(2);
      if (m < 0) {
        unknown += n;
      } else if (r.isNullAt(1)) {
        accepted[m] += n;
      } else {
        rejected[m] += n;
        reasons.get(m).merge(r.getString(1), n, Long::sum);
      }
    }
    return new Counts(input, accepted, rejected, unknown, reasons);
  }

  /** Sizes one option; an SLO no fleet size meets gives a plan without a search and with the reason. */
  static CapacityPlan plan(SparkSession spark, JavaRDD<PlanRequest> requests, long n, PlanOption option, Slo slo,
      PlanSettings settings, Consumer<String> progress) {
    String label = option.label();
    int width = option.strategy().width();
    int tp = option.deployment().tensorParallel();
    double price = option.deployment().gpu().dollarsPerGpuHour();
    spark.sparkContext().setJobDescription("plan: " + label + ": load over time and batch-1 latencies");
    CostModelCoster coster = new CostModelCoster(option.strategy(), PreparedDeployment.of(option.deployment(), option.timer()),
        option.batch());
    long windowMillis = settings.windowMillis();
    LoadAccumulator load = requests.mapPartitions((Iterator<PlanRequest> it) -> {
      LoadAccumulator acc = new LoadAccumulator(windowMillis);
      while (it.hasNext()) {
        PlanRequest r = it.next();
        acc.add(r.arrivalMillis(), coster.cost(r.promptTokens(), r.outputTokens()).gpuSeconds());
      }
      return Collections.singletonList(acc).iterator();
    }).reduce(LoadAccumulator::merge);
    LoadProfile profile = load.profile(settings.targetUtilisation(), tp);
    ReplicaSummary alone = requests.mapPartitions((Iterator<PlanRequest> it) -> {
      RequestTable t = table(it, width);
      ReplicaSummary s = ReplicaSimulation.of(new ContinuousBatchingSimulator(option.scheduler(), option.timer()))
          .aloneLatencies(t);
      return Collections.singletonList(s).iterator();
    }).reduce(ReplicaSummary::merge);

    FleetSearch.Result search;
    try {
      search = FleetSearch.search(r -> {
        progress.accept("  " + label + ": simulating " + r + (r == 1 ? " replica" : " replicas"));
        spark.sparkContext().setJobDescription("plan: " + label + ": simulate " + r + " replicas");
        return fleet(requests, option, r);
      }, alone, slo, tp, price, settings.maxReplicas());
    } catch (SloInfeasibleException e) {
      progress.accept("  " + label + ": " + e.getMessage());
      return new CapacityPlan(option.deployment().model().name(), option.deployment().gpu().id(), tp,
          option.strategy().family(), price, option.scheduler().kvCapacityBlocks(), n, null, e.getMessage(), profile,
          null, 0, false);
    }
    int peakReplicas = search.chosen().replicas();
    progress.accept(String.format(java.util.Locale.ROOT, "  %s: %d replicas meet the SLO (p99 TTFT %.3g s, p99 TPOT %.3g s)",
        label, peakReplicas, search.chosen().ttftP99Seconds(), search.chosen().tpotP99Seconds()));
    spark.sparkContext().setJobDescription("plan: " + label + ": size every window on its own");
    progress.accept("  " + label + ": sizing " + profile.windows() + " windows on their own (autoscaled fleet)");
    ScalingComparison.WindowSize[] windows = windowSizes(requests, option, slo, settings, profile, peakReplicas);
    int[] perWindow = new int[windows.length];
    int infeasibleWindows = 0;
    for (int w = 0; w < windows.length; w++) {
      perWindow[w] = windows[w].replicas();
      infeasibleWindows += windows[w].infeasible() ? 1 : 0;
    }
    ScalingComparison scaling = ScalingComparison.of(search.chosen(), settings.windowSeconds(), settings.coldStartSeconds(),
        perWindow, tp, price);
    return new CapacityPlan(option.deployment().model().name(), option.deployment().gpu().id(), tp,
        option.strategy().family(), price, option.scheduler().kvCapacityBlocks(), n, search, "", profile, scaling,
        infeasibleWindows, false);
  }

  /** R replicas, one Spark task each; summaries merged on the driver in replica order (idle replicas counted). */
  static ReplicaSummary fleet(JavaRDD<PlanRequest> requests, PlanOption option, int replicas) {
    int width = option.strategy().width();
    List<Tuple2<Integer, ReplicaSummary>> parts = requests
        .mapToPair(r -> new Tuple2<>((int) (r.id() % replicas), r))
        .partitionBy(new IndexPartitioner(replicas))
        .mapPartitionsWithIndex((Integer index, Iterator<Tuple2<Integer, PlanRequest>> it) -> {
          RequestTable t = table(values(it), width);
          if (t.size() == 0) {
            return Collections.<Tuple2<Integer, ReplicaSummary>>emptyIterator();
          }
          ReplicaSummary s = new ContinuousBatchingSimulator(option.scheduler(), option.timer()).run(t).summary();
          return Collections.singletonList(new Tuple2<>(index, s)).iterator();
        }, true)
        .collect();
    ReplicaSummary[] byIndex = new ReplicaSummary[replicas];
    for (Tuple2<Integer, ReplicaSummary> p : parts) {
      byIndex[p._1()] = p._2();
    }
    ReplicaSummary total = ReplicaSummary.empty();
    for (ReplicaSummary s : byIndex) {
      // as FleetSearch.simulateFleet: an idle replica is provisioned but adds nothing else
      total.merge(s != null ? s : idleReplica());
    }
    return total;
  }

  private static ReplicaSummary idleReplica() {
    return ReplicaSummary.idle();
  }

  /** Every window's arrivals searched on their own, one task per window. */
  static ScalingComparison.WindowSize[] windowSizes(JavaRDD<PlanRequest> requests, PlanOption option, Slo slo,
      PlanSettings settings, LoadProfile profile, int peakReplicas) {
    int windows = profile.windows();
    double windowSeconds = settings.windowSeconds();
    long first = ScalingComparison.windowIndex(profile.windowStartMillis(0) / 1e3, windowSeconds);
    int width = option.strategy().width();
    int tp = option.deployment().tensorParallel();
    double price = option.deployment().gpu().dollarsPerGpuHour();
    int maxReplicas = settings.maxReplicas();
    int minReplicas = settings.minReplicas();
    List<Tuple2<Integer, ScalingComparison.WindowSize>> sizes = requests
        .mapToPair(r -> new Tuple2<>((int) (ScalingComparison.windowIndex(r.arrivalMillis() / 1e3, windowSeconds) - first), r))
        .partitionBy(new IndexPartitioner(windows))
        .mapPartitionsWithIndex((Integer index, Iterator<Tuple2<Integer, PlanRequest>> it) -> {
          RequestTable t = table(values(it), width);
          FleetSearch search = new FleetSearch(
              ReplicaSimulation.of(new ContinuousBatchingSimulator(option.scheduler(), option.timer())),
              Router.roundRobin(), tp, price, maxReplicas);
          return Collections.singletonList(new Tuple2<>(index,
              ScalingComparison.windowReplicas(search, t, slo, minReplicas, peakReplicas))).iterator();
        }, true)
        .collect();
    ScalingComparison.WindowSize[] result = new ScalingComparison.WindowSize[windows];
    for (Tuple2<Integer, ScalingComparison.WindowSize> s : sizes) {
      result[s._1()] = s._2();
    }
    return result;
  }

  private static Iterator<PlanRequest> values(Iterator<Tuple2<Integer, PlanRequest>> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public PlanRequest next() {
        return it.next()._2();
      }
    };
  }

  /** The requests of one task as a table (sorted by (arrival, id) = rank order), every request of width {@code width}. */
  static RequestTable table(Iterator<PlanRequest> it, int width) {
    List<PlanRequest> rows = new ArrayList<>();
    it.forEachRemaining(rows::add);
    int n = rows.size();
    long[] ids = new long[n];
    long[] arrivals = new long[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      PlanRequest r = rows.get(i);
      ids[i] = r.id();
      arrivals[i] = r.arrivalMillis();
      prompts[i] = r.promptTokens();
      outputs[i] = r.outputTokens();
      widths[i] = width;
    }
    return RequestTable.ofMillis(ids, arrivals, prompts, outputs, widths);
  }

  private static void writeRejects(SparkSession spark, Dataset<Row> classified, Counts counts, OutputDirectory out) {
    long rejected = counts.unknownModelRows();
    for (long r : counts.rejected()) {
      rejected += r;
    }
    if (rejected > 0) {
      spark.sparkContext().setJobDescription("plan: write rejected rows with reasons");
      PlanInput.rejects(classified).write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(out.child("rejects"));
    } else {
      out.writeText("rejects/rejects.csv", String.join(",", RejectedRows.SCHEMA.fieldNames()) + "\n");
    }
  }

  private static void write(SparkSession spark, Spec spec, List<CapacityPlan> plans, Counts counts, OutputDirectory out) {
    spark.sparkContext().setJobDescription("plan: write the plan");
    PlanTables.Table planTable = PlanTables.plans(plans);
    PlanTables.Table searchTable = PlanTables.evaluations(plans);
    PlanParquet.write(spark, planTable, out.child("plan.parquet"));
    PlanParquet.write(spark, searchTable, out.child("search.parquet"));
    PlanParquet.write(spark, PlanTables.timeline(plans), out.child("timeline.parquet"));
    out.writeText("plan.csv", planTable.csv());
    out.writeText("search.csv", searchTable.csv());
    long rejected = counts.unknownModelRows();
    for (long r : counts.rejected()) {
      rejected += r;
    }
    PlanMarkdownReport.Input input = new PlanMarkdownReport.Input(spec.context(), spec.slo(), spec.settings(), plans,
        counts.inputRows(), rejected);
    out.writeText("plan.md", PlanMarkdownReport.render(input));
    out.writeText("plan.html", PlanHtmlReport.render(input));
    out.markComplete();
  }

  /** Key k (an Integer in [0, n)) goes to partition k: one partition per replica or window. */
  static final class IndexPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    IndexPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IndexPartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }
}
