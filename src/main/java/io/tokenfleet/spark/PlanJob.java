package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.tokenfleet.fleet.CostModelCoster;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.plan.CapacityLowerBound;
import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.FleetSearch;
import io.tokenfleet.plan.LoadAccumulator;
import io.tokenfleet.plan.LoadProfile;
import io.tokenfleet.plan.PlanSettings;
import io.tokenfleet.plan.ReplicaSimulation;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.ReplicaTimeline;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.RequestWork;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.ScalingComparison;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.plan.SloInfeasibleException;
import io.tokenfleet.plan.WindowActivity;
import io.tokenfleet.report.PlanHtmlReport;
import io.tokenfleet.report.PlanMarkdownReport;
import io.tokenfleet.report.PlanTables;
import io.tokenfleet.report.ReportContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partition;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * plan end to end. Per model: its accepted requests ranked by arrival; per deployment option:
 * the load over time and the capacity lower bound (one pass), the batch-1 latency bound (one
 * pass), then the fleet search, one Spark job per candidate R with one task per replica, then
 * the chosen fleet's per-window activity (one job) and one job sizing every window on its own.
 *
 * <p>Routing: round-robin keys each request by rank mod R. Least outstanding work is a
 * sequential pass in rank order, so it runs as one task that streams the ranked partitions in
 * order (a coalesce to one partition that keeps their order; nothing is collected) and keys each
 * request by the replica {@link Router.Assigner} picks; the R replica tasks then read their
 * requests from that shuffle. Only summaries reach the driver, where they are merged in replica
 * order, so the result equals the pure-Java {@link FleetSearch} with the same router on the same
 * requests. Writes plan.csv/.parquet, search.csv/.parquet, timeline.parquet, rejects/, plan.md,
 * plan.html and _SUCCESS last.
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
   * @param settings windows, utilisation, search bound, autoscaling, routing
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
   * @param firstArrivalMillis per model: earliest accepted arrival_time_ms (Long.MAX_VALUE when none)
   * @param lastArrivalMillis per model: latest accepted arrival_time_ms (Long.MIN_VALUE when none)
   */
  public record Counts(long inputRows, long[] accepted, long[] rejected, long unknownModelRows,
      List<Map<String, Long>> reasons, long[] firstArrivalMillis, long[] lastArrivalMillis) {}

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
      progress.accept(String.format(Locale.ROOT, "input rows: %,d", counts.inputRows()));
      for (int m = 0; m < evaluator.models().size(); m++) {
        checkSpan(evaluator.models().get(m).model(), counts, m, spec.settings());
      }
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
    long[] first = new long[models];
    long[] last = new long[models];
    Arrays.fill(first, Long.MAX_VALUE);
    Arrays.fill(last, Long.MIN_VALUE);
    long unknown = 0;
    List<Map<String, Long>> reasons = new ArrayList<>();
    for (int m = 0; m < models; m++) {
      reasons.add(new TreeMap<>());
    }
    for (Row r : classified.groupBy(col("model_index"), col("reason"))
        .agg(count("*"), min(col("arrival_time_ms")), max(col("arrival_time_ms"))).collectAsList()) {
      int m = r.getInt(0);
      long n = r.getLong(2);
      if (m < 0) {
        unknown += n;
      } else if (r.isNullAt(1)) {
        accepted[m] += n;
        first[m] = Math.min(first[m], r.getLong(3));
        last[m] = Math.max(last[m], r.getLong(4));
      } else {
        rejected[m] += n;
        reasons.get(m).merge(r.getString(1), n, Long::sum);
      }
    }
    return new Counts(input, accepted, rejected, unknown, reasons, first, last);
  }

  /**
   * Refuses a model whose accepted arrivals span more than max-windows windows: the load profile,
   * the timelines and the autoscaling pass each hold one entry per window, so one stray arrival
   * years from the rest would otherwise mean millions of windows (and Spark partitions).
   */
  static void checkSpan(String model, Counts counts, int m, PlanSettings settings) {
    if (counts.accepted()[m] == 0) {
      return;
    }
    long first = counts.firstArrivalMillis()[m];
    long last = counts.lastArrivalMillis()[m];
    long windowMillis = settings.windowMillis();
    long windows = PlanSettings.windowsSpanned(first, last, windowMillis);
    if (windows <= settings.maxWindows()) {
      return;
    }
    // w > span / (max - 1) puts the span in at most max windows: floorDiv(last, w) - floorDiv(first, w) <= span / w + 1
    long fittingMillis = settings.maxWindows() == 1 ? (last == Long.MAX_VALUE ? last : last + 1)
        : (last - first) / (settings.maxWindows() - 1L) + 1;
    throw new JobSetupException(String.format(Locale.ROOT,
        "%s: accepted arrivals span %s (arrival_time_ms %d to %d), %,d windows of %s s, more than "
            + "tokenfleet.plan.max-windows = %,d; set tokenfleet.plan.window-seconds to at least %d, raise max-windows, "
            + "or drop the stray arrivals", model, duration((last - first) / 1e3), first, last, windows,
        plainSeconds(windowMillis), settings.maxWindows(), ceilDiv(fittingMillis, 1000)));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static String plainSeconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1e3);
  }

  /** A span in the largest unit that keeps it >= 1: s, min, h, days, years. */
  static String duration(double seconds) {
    double[] sizes = {365.25 * 86400, 86400, 3600, 60};
    String[] units = {"years", "days", "h", "min"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds >= sizes[i]) {
        return String.format(Locale.ROOT, "%.4g %s", seconds / sizes[i], units[i]);
      }
    }
    return String.format(Locale.ROOT, "%.4g s", seconds);
  }

  /** Sizes one option; an SLO no fleet size meets gives a plan without a search and with the reason. */
  static CapacityPlan plan(SparkSession spark, JavaRDD<PlanRequest> requests, long n, PlanOption option, Slo slo,
      PlanSettings settings, Consumer<String> progress) {
    String label = option.label();
    int width = option.strategy().width();
    int tp = option.deployment().tensorParallel();
    double price = option.deployment().gpu().dollarsPerGpuHour();
    Router.Policy routing = settings.routing();
    spark.sparkContext().setJobDescription("plan: " + label + ": load over time, capacity bound and batch-1 latencies");
    CostModelCoster coster = option.coster();
    long windowMillis = settings.windowMillis();
    Tuple2<LoadAccumulator, CapacityLowerBound> loadAndBound = requests.mapPartitions((Iterator<PlanRequest> it) -> {
      LoadAccumulator acc = new LoadAccumulator(windowMillis);
      CapacityLowerBound bound = CapacityLowerBound.forTimer(option.scheduler(), option.timer());
      while (it.hasNext()) {
        PlanRequest r = it.next();
        acc.add(r.arrivalMillis(), coster.cost(r.promptTokens(), r.outputTokens()).gpuSeconds());
        if (bound != null) {
          bound.add(r.arrivalMillis(), r.promptTokens(), r.outputTokens(), option.sequences(r.outputTokens()));
        }
      }
      return Collections.singletonList(new Tuple2<>(acc, bound)).iterator();
    }).reduce((a, b) -> new Tuple2<>(a._1().merge(b._1()), a._2() == null ? null : a._2().merge(b._2())));
    LoadProfile profile = loadAndBound._1().profile(settings.targetUtilisation(), tp);
    int minimumReplicas = loadAndBound._2() == null ? 1 : loadAndBound._2().minimumReplicas(slo);
    ReplicaSummary alone = requests.mapPartitions((Iterator<PlanRequest> it) -> {
      RequestTable t = table(it, width);
      ReplicaSummary s = ReplicaSimulation.of(new ContinuousBatchingSimulator(option.scheduler(), option.timer()))
          .aloneLatencies(t);
      return Collections.singletonList(s).iterator();
    }).reduce(ReplicaSummary::merge);

    FleetSearch.Result search;
    try {
      if (minimumReplicas > 1) {
        progress.accept("  " + label + ": fewer than " + minimumReplicas + " replicas cannot do the work within the SLO; "
            + "searching from there");
      }
      search = FleetSearch.search(r -> {
        progress.accept("  " + label + ": simulating " + r + (r == 1 ? " replica" : " replicas") + " (" + routing.configName()
            + ")");
        spark.sparkContext().setJobDescription("plan: " + label + ": simulate " + r + " replicas");
        return fleet(requests, option, routing, r);
      }, alone, slo, tp, price, settings.maxReplicas(), minimumReplicas);
    } catch (SloInfeasibleException e) {
      progress.accept("  " + label + ": " + e.getMessage());
      return new CapacityPlan(option.deployment().model().name(), option.deployment().gpu().id(), tp,
          option.strategy().family(), price, option.scheduler().kvCapacityBlocks(), n, null, e.getMessage(), profile,
          null, 0, List.of(), false);
    }
    int peakReplicas = search.chosen().replicas();
    progress.accept(String.format(Locale.ROOT, "  %s: %d replicas meet the SLO (p99 TTFT %.3g s, p99 TPOT %.3g s)",
        label, peakReplicas, search.chosen().ttftP99Seconds(), search.chosen().tpotP99Seconds()));
    spark.sparkContext().setJobDescription("plan: " + label + ": activity of the " + peakReplicas + " replicas per window");
    List<WindowActivity> activity = fleetActivity(spark, requests, option, routing, peakReplicas, profile);
    spark.sparkContext().setJobDescription("plan: " + label + ": size every window on its own");
    progress.accept("  " + label + ": sizing " + profile.windows() + " windows on their own (autoscaled fleet)");
    ScalingComparison.WindowSize[] windows = windowSizes(spark, requests, n, option, slo, settings, profile, peakReplicas);
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
        infeasibleWindows, activity, false);
  }

  /**
   * Every request keyed by its replica in [0, replicas) under the routing policy. Least
   * outstanding work streams all requests through one task in rank order; round-robin is a map.
   */
  static JavaPairRDD<Integer, PlanRequest> routed(JavaRDD<PlanRequest> requests, PlanOption option, Router.Policy routing,
      int replicas) {
    if (routing == Router.Policy.ROUND_ROBIN) {
      return requests.mapToPair(r -> new Tuple2<>((int) (r.id() % replicas), r));
    }
    ClassTag<PlanRequest> tag = ClassTag$.MODULE$.apply(PlanRequest.class);
    RDD<PlanRequest> inOrder = requests.rdd().coalesce(1, false, Option.apply(new InOrder()), null);
    int width = option.strategy().width();
    return new JavaRDD<>(inOrder, tag).mapPartitionsToPair(it -> {
      RequestWork work = option.routingWork();
      Router.Assigner assigner = new Router.Assigner(replicas);
      return new Iterator<Tuple2<Integer, PlanRequest>>() {
        private long previous = -1;

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Tuple2<Integer, PlanRequest> next() {
          if (!it.hasNext()) {
            throw new NoSuchElementException();
          }
          PlanRequest r = it.next();
          if (r.id() <= previous) { // the assignment is only defined in rank order
            throw new IllegalStateException("least-outstanding-work routing saw request rank " + r.id() + " after "
                + previous);
          }
          previous = r.id();
          double seconds = work.seconds(r.promptTokens(), r.outputTokens(), width);
          return new Tuple2<>(assigner.next(r.arrivalMillis() / 1e3, seconds), r);
        }
      };
    });
  }

  /** R replicas, one Spark task each; summaries merged on the driver in replica order (idle replicas counted). */
  static ReplicaSummary fleet(JavaRDD<PlanRequest> requests, PlanOption option, Router.Policy routing, int replicas) {
    int width = option.strategy().width();
    List<Tuple2<Integer, ReplicaSummary>> parts = routed(requests, option, routing, replicas)
        .partitionBy(new IndexPartitioner(replicas))
        .mapPartitionsWithIndex((Integer index, Iterator<Tuple2<Integer, PlanRequest>> it) -> {
          RequestTable t = table(values(it), width);
          if (t.size() == 0) {
            return Collections.<Tuple2<Integer, ReplicaSummary>>emptyIterator();
          }
          ReplicaSummary s = new ContinuousBatchingSimulator(option.scheduler(), option.timer()).summarize(t);
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
      total.merge(s != null ? s : ReplicaSummary.idle());
    }
    return total;
  }

  /** Windows per chunk of the fleet-activity reduction: bounds both a chunk's size and the number of keys. */
  private static final int ACTIVITY_CHUNK = 4096;

  /**
   * The fleet of {@code replicas} simulated once more, each replica's timeline cut to the load
   * profile's windows and summed per window over the replicas (exact integer sums, so the
   * reduction's order does not matter), reduced by chunks of windows on the executors: the driver
   * receives one entry per window, never one per replica and window.
   */
  static List<WindowActivity> fleetActivity(SparkSession spark, JavaRDD<PlanRequest> requests, PlanOption option,
      Router.Policy routing, int replicas, LoadProfile profile) {
    int windows = profile.windows();
    long windowMillis = profile.windowMillis();
    long first = Math.floorDiv(profile.windowStartMillis(0), windowMillis);
    int width = option.strategy().width();
    int chunks = (windows + ACTIVITY_CHUNK - 1) / ACTIVITY_CHUNK;
    int partitions = Math.max(1, Math.min(chunks, spark.sparkContext().defaultParallelism()));
    List<Tuple2<Integer, ActivityChunk>> reduced = routed(requests, option, routing, replicas)
        .partitionBy(new IndexPartitioner(replicas))
        .mapPartitionsToPair((Iterator<Tuple2<Integer, PlanRequest>> it) -> {
          RequestTable t = table(values(it), width);
          List<Tuple2<Integer, ActivityChunk>> out = new ArrayList<>();
          if (t.size() == 0) {
            return out.iterator();
          }
          ReplicaTimeline timeline = new ContinuousBatchingSimulator(option.scheduler(), option.timer()).run(t).timeline();
          TreeMap<Integer, ActivityChunk> byChunk = new TreeMap<>();
          for (int slot = 0; slot < timeline.windows(); slot++) {
            long w = timeline.firstWindow() + slot - first;
            if (w >= 0 && w < windows) {
              int chunk = (int) (w / ACTIVITY_CHUNK);
              byChunk.computeIfAbsent(chunk, c -> new ActivityChunk(Math.min(ACTIVITY_CHUNK, windows - c * ACTIVITY_CHUNK)))
                  .add((int) (w % ACTIVITY_CHUNK), timeline.activity(slot));
            }
          }
          byChunk.forEach((c, a) -> out.add(new Tuple2<>(c, a)));
          return out.iterator();
        })
        .reduceByKey(new HashPartitioner(partitions), ActivityChunk::merge)
        .collect();
    WindowActivity[] result = new WindowActivity[windows];
    Arrays.fill(result, WindowActivity.IDLE);
    for (Tuple2<Integer, ActivityChunk> c : reduced) {
      for (int i = 0; i < c._2().activity.length; i++) {
        result[c._1() * ACTIVITY_CHUNK + i] = c._2().activity[i];
      }
    }
    return List.of(result);
  }

  /** Consecutive windows' activity, merged element by element. */
  static final class ActivityChunk implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final WindowActivity[] activity;

    ActivityChunk(int windows) {
      activity = new WindowActivity[windows];
      Arrays.fill(activity, WindowActivity.IDLE);
    }

    void add(int slot, WindowActivity a) {
      activity[slot] = activity[slot].plus(a);
    }

    ActivityChunk merge(ActivityChunk o) {
      for (int i = 0; i < activity.length; i++) {
        activity[i] = activity[i].plus(o.activity[i]);
      }
      return this;
    }
  }

  /**
   * Every window's arrivals searched on their own. Windows are grouped into contiguous ranges,
   * one task per range (at most the parallelism, or one per ~250k requests), so a long trace of
   * short windows does not become one Spark task per window.
   */
  static ScalingComparison.WindowSize[] windowSizes(SparkSession spark, JavaRDD<PlanRequest> requests, long n,
      PlanOption option, Slo slo, PlanSettings settings, LoadProfile profile, int peakReplicas) {
    int windows = profile.windows();
    long windowMillis = settings.windowMillis();
    long first = Math.floorDiv(profile.windowStartMillis(0), windowMillis);
    int width = option.strategy().width();
    int tp = option.deployment().tensorParallel();
    double price = option.deployment().gpu().dollarsPerGpuHour();
    int maxReplicas = settings.maxReplicas();
    int minReplicas = settings.minReplicas();
    Router.Policy routing = settings.routing();
    int partitions = (int) Math.min(windows, Math.max(spark.sparkContext().defaultParallelism(), (n + 249_999) / 250_000));
    int perPartition = (windows + partitions - 1) / partitions;
    List<Tuple2<Integer, ScalingComparison.WindowSize>> sizes = requests
        .mapToPair(r -> new Tuple2<>((int) (ScalingComparison.windowIndex(r.arrivalMillis(), windowMillis) - first), r))
        .partitionBy(new RangePartitioner(windows, perPartition))
        .mapPartitionsWithIndex((Integer index, Iterator<Tuple2<Integer, PlanRequest>> it) -> {
          TreeMap<Integer, List<PlanRequest>> byWindow = new TreeMap<>();
          it.forEachRemaining(t -> byWindow.computeIfAbsent(t._1(), w -> new ArrayList<>()).add(t._2()));
          FleetSearch search = new FleetSearch(
              ReplicaSimulation.of(new ContinuousBatchingSimulator(option.scheduler(), option.timer())),
              routing.create(option.routingWork()), tp, price, maxReplicas);
          List<Tuple2<Integer, ScalingComparison.WindowSize>> out = new ArrayList<>();
          int from = index * perPartition;
          int to = Math.min(windows, from + perPartition);
          for (int w = from; w < to; w++) {
            List<PlanRequest> rows = byWindow.getOrDefault(w, List.of());
            out.add(new Tuple2<>(w, ScalingComparison.windowReplicas(search, table(rows.iterator(), width), slo, minReplicas,
                peakReplicas)));
          }
          return out.iterator();
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
      // RFC 4180 quoting, as fleet-cost's rejects/
      PlanInput.rejects(classified).write().mode(SaveMode.ErrorIfExists).option("header", "true").option("escape", "\"")
          .csv(out.child("rejects"));
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

  /** Key k (an Integer in [0, n)) goes to partition k: one partition per replica. */
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

  /** Key k (an Integer in [0, keys)) goes to partition k / perPartition: contiguous ranges of windows. */
  static final class RangePartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int keys;
    private final int perPartition;

    RangePartitioner(int keys, int perPartition) {
      this.keys = keys;
      this.perPartition = perPartition;
    }

    @Override
    public int numPartitions() {
      return (keys + perPartition - 1) / perPartition;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key / perPartition;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RangePartitioner p && p.keys == keys && p.perPartition == perPartition;
    }

    @Override
    public int hashCode() {
      return keys * 31 + perPartition;
    }
  }

  /**
   * Coalesces every parent partition into one, in partition order: the ranked requests' partitions
   * hold consecutive ranks, so the single task streams them in rank order (Spark's default
   * coalescer may reorder partitions by locality).
   */
  static final class InOrder implements PartitionCoalescer, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
      PartitionGroup group = new PartitionGroup(Option.empty());
      Partition[] partitions = parent.partitions();
      Partition[] sorted = partitions.clone();
      Arrays.sort(sorted, Comparator.comparingInt(Partition::index));
      for (Partition p : sorted) {
        group.partitions().addOne(p);
      }
      return new PartitionGroup[] {group};
    }
  }
}
