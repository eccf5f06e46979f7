package io.tokenfleet.report;

import io.tokenfleet.plan.CapacityPlan;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.LoadProfile;
import io.tokenfleet.plan.ScalingComparison;
import io.tokenfleet.plan.WindowActivity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The tables of {@code plan}'s output, each the single source of its CSV header, its Parquet
 * schema and its documentation: {@link #plans} (plan.csv / plan.parquet, one row per model x
 * deployment x strategy), {@link #timeline} (timeline.parquet, one row per option and window) and
 * {@link #evaluations} (search.csv / search.parquet, every fleet size the search simulated).
 * Names are snake_case with units; a plan that no fleet size makes meet the SLO has replicas 0
 * and NaN figures.
 */
public final class PlanTables {
  private PlanTables() {}

  /** One column: name, type, unit and meaning. */
  public record Column(String name, ColumnType type, String unit, String description) {}

  /** Columns and rows (values typed per {@link ColumnType}: String, Boolean, Integer, Long, Double). */
  public record Table(List<Column> columns, List<Object[]> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** RFC 4180 CSV, LF line ends, numbers per {@link ExactNumbers}: the same rows give the same bytes. */
    public String csv() {
      StringWriter out = new StringWriter();
      try (CSVPrinter printer = new CSVPrinter(out, SummaryCsv.FORMAT)) {
        printer.printRecord(columns.stream().map(Column::name).toList());
        for (Object[] row : rows) {
          List<String> fields = new ArrayList<>(row.length);
          for (int i = 0; i < row.length; i++) {
            fields.add(columns.get(i).type().format(row[i]));
          }
          printer.printRecord(fields);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toString();
    }

    /** Markdown table of the column docs (name | unit | meaning), for docs/plan.md. */
    public String columnDocs() {
      StringBuilder b = new StringBuilder("| column | unit | meaning |\n|---|---|---|\n");
      for (Column c : columns) {
        b.append("| `").append(c.name()).append("` | ").append(c.unit()).append(" | ").append(c.description()).append(" |\n");
      }
      return b.toString();
    }
  }

  private static final ColumnType S = ColumnType.STRING;
  private static final ColumnType B = ColumnType.BOOLEAN;
  private static final ColumnType I = ColumnType.INT;
  private static final ColumnType L = ColumnType.LONG;
  private static final ColumnType D = ColumnType.DOUBLE;

  /** plan.csv / plan.parquet columns, in order. */
  public static final List<Column> PLAN_COLUMNS = List.of(
      new Column("model", S, "", "model preset name"),
      new Column("gpu", S, "", "GPU id from the catalog"),
      new Column("tp", I, "GPUs", "tensor-parallel degree: GPUs per replica"),
      new Column("strategy", S, "", "decoding strategy: greedy, beam:K, parallel:N (width k sequences per request)"),
      new Column("requests", L, "requests", "accepted requests planned for (the model's rows of the trace less its rejects)"),
      new Column("kv_capacity_blocks", L, "blocks", "KV blocks of one simulated replica (block-size-tokens positions each)"),
      new Column("replicas", I, "replicas", "fewest replicas R meeting the SLO (0 when none does)"),
      new Column("gpus", I, "GPUs", "replicas x tp"),
      new Column("span_s", D, "s", "first arrival to last completion of the chosen fleet"),
      new Column("gpu_hours", D, "GPU-hours", "gpus x span_s / 3600: every replica provisioned for the whole span"),
      new Column("dollars", D, "USD", "gpu_hours x dollars per GPU-hour"),
      new Column("dollars_per_m_tokens", D, "USD per 1e6 tokens", "dollars per 1e6 prompt + output tokens (all sequences)"),
      new Column("dollars_per_m_output_tokens", D, "USD per 1e6 tokens", "dollars per 1e6 output tokens (all sequences)"),
      new Column("ttft_p50_s", D, "s", "median time to first token (queueing included) at R replicas"),
      new Column("ttft_p99_s", D, "s", "99th percentile time to first token at R replicas"),
      new Column("tpot_p50_s", D, "s", "median time per output token after the first (requests with >= 2 output tokens)"),
      new Column("tpot_p99_s", D, "s", "99th percentile time per output token at R replicas"),
      new Column("e2e_p99_s", D, "s", "99th percentile arrival-to-last-token latency at R replicas"),
      new Column("queue_p50_s", D, "s", "median queueing delay (arrival to first admission into the running batch) at R replicas"),
      new Column("queue_p99_s", D, "s", "99th percentile queueing delay at R replicas"),
      new Column("utilisation", D, "fraction", "busy replica-seconds / (R x span): share of provisioned time spent in iterations"),
      new Column("mean_batch_sequences", D, "sequences", "time-weighted mean sequences per iteration per replica"),
      new Column("max_kv_fraction", D, "fraction", "highest KV-cache occupancy of any replica"),
      new Column("preemptions", L, "preemptions", "requests evicted (and recomputed) for lack of KV blocks, over the fleet"),
      new Column("slo_met", B, "", "true when the chosen fleet meets the SLO"),
      new Column("one_fewer_ttft_p99_s", D, "s", "p99 TTFT with R - 1 replicas (simulated; misses the SLO), NaN when R = 1"),
      new Column("one_fewer_tpot_p99_s", D, "s", "p99 TPOT with R - 1 replicas, NaN when R = 1"),
      new Column("one_fewer_violations", S, "", "why R - 1 replicas miss the SLO"),
      new Column("peak_demand_gpus", D, "GPU-seconds per second", "highest window demand: GPU-seconds of the window's arrivals (cost model) / window length"),
      new Column("p95_demand_gpus", D, "GPU-seconds per second", "95th percentile (nearest rank) of window demand"),
      new Column("mean_demand_gpus", D, "GPU-seconds per second", "mean window demand, empty windows included"),
      new Column("peak_replicas_needed", I, "replicas", "highest ceil(demand / (tp x target-utilisation)) over windows"),
      new Column("static_gpu_hours", D, "GPU-hours", "peak-sized fleet: R x tp x (windows x window + cold start) / 3600"),
      new Column("static_dollars", D, "USD", "static_gpu_hours x dollars per GPU-hour"),
      new Column("autoscaled_gpu_hours", D, "GPU-hours", "fleet re-sized every window (each window searched on its own) plus billed boots"),
      new Column("autoscaled_dollars", D, "USD", "autoscaled_gpu_hours x dollars per GPU-hour"),
      new Column("autoscaled_savings_fraction", D, "fraction", "1 - autoscaled_dollars / static_dollars"),
      new Column("infeasible_windows", I, "windows", "windows no fleet size could serve within the SLO on their own (kept at R)"),
      new Column("recommended", B, "", "the cheapest option of this model meeting the SLO"),
      new Column("note", S, "", "why no fleet size meets the SLO; empty otherwise"));

  /** timeline.parquet columns, in order. */
  public static final List<Column> TIMELINE_COLUMNS = List.of(
      new Column("model", S, "", "model preset name"),
      new Column("deployment", S, "", "gpu:tp"),
      new Column("strategy", S, "", "decoding strategy"),
      new Column("window_start_s", D, "s", "start of the window on the trace's clock (arrival_time_ms / 1000)"),
      new Column("requests", L, "requests", "accepted requests arriving in the window"),
      new Column("demand_gpu_seconds_per_second", D, "GPU-seconds per second", "GPU-seconds (cost model) of the window's arrivals / window length"),
      new Column("replicas_needed", I, "replicas", "ceil(demand / (tp x target-utilisation))"),
      new Column("replicas_autoscaled", I, "replicas", "fewest replicas meeting the SLO on the window's arrivals alone (-1 when the plan is infeasible)"),
      new Column("fleet_busy_fraction", D, "fraction", "the SLO-sized fleet (plan.csv replicas R): busy replica-seconds in the window / (R x window length) (NaN when infeasible)"),
      new Column("fleet_mean_batch_sequences", D, "sequences", "time-weighted mean sequences per iteration per replica over the window, idle time counting 0"),
      new Column("fleet_max_batch_sequences", I, "sequences", "largest batch of any iteration of any replica in the window (-1 when infeasible)"),
      new Column("fleet_mean_kv_fraction", D, "fraction", "time-weighted mean KV-cache occupancy (blocks used / capacity) per replica over the window, idle time counting 0"),
      new Column("fleet_max_kv_fraction", D, "fraction", "highest KV-cache occupancy of any replica in the window"));

  /** search.csv / search.parquet columns, in order. */
  public static final List<Column> EVALUATION_COLUMNS = List.of(
      new Column("model", S, "", "model preset name"),
      new Column("deployment", S, "", "gpu:tp"),
      new Column("strategy", S, "", "decoding strategy"),
      new Column("replicas", I, "replicas", "fleet size simulated by the search"),
      new Column("gpus", I, "GPUs", "replicas x tp"),
      new Column("gpu_hours", D, "GPU-hours", "gpus x span / 3600"),
      new Column("dollars", D, "USD", "gpu_hours x dollars per GPU-hour"),
      new Column("ttft_p50_s", D, "s", "median time to first token"),
      new Column("ttft_p99_s", D, "s", "99th percentile time to first token"),
      new Column("tpot_p50_s", D, "s", "median time per output token"),
      new Column("tpot_p99_s", D, "s", "99th percentile time per output token"),
      new Column("e2e_p99_s", D, "s", "99th percentile end-to-end latency"),
      new Column("utilisation", D, "fraction", "busy replica-seconds / (R x span)"),
      new Column("slo_met", B, "", "whether this fleet size meets the SLO"),
      new Column("chosen", B, "", "the size the search chose"));

  /** plan.csv / plan.parquet. */
  public static Table plans(List<CapacityPlan> plans) {
    List<Object[]> rows = new ArrayList<>();
    for (CapacityPlan p : plans) {
      FleetEvaluation c = p.chosen();
      FleetEvaluation f = p.search() == null ? null : p.search().oneFewer();
      LoadProfile load = p.load();
      ScalingComparison sc = p.scaling();
      rows.add(new Object[] {p.model(), p.gpu(), p.tensorParallel(), p.strategy(), p.requests(), p.kvCapacityBlocks(),
          c == null ? 0 : c.replicas(), c == null ? 0 : c.gpus(),
          d(c, FleetEvaluation::spanSeconds), d(c, FleetEvaluation::gpuHours), d(c, FleetEvaluation::dollars),
          d(c, FleetEvaluation::dollarsPerMTokens), d(c, FleetEvaluation::dollarsPerMOutputTokens),
          d(c, FleetEvaluation::ttftP50Seconds), d(c, FleetEvaluation::ttftP99Seconds),
          d(c, FleetEvaluation::tpotP50Seconds), d(c, FleetEvaluation::tpotP99Seconds), d(c, FleetEvaluation::e2eP99Seconds),
          d(c, FleetEvaluation::queueP50Seconds), d(c, FleetEvaluation::queueP99Seconds), d(c, FleetEvaluation::utilisation), d(c, FleetEvaluation::meanBatchSequences), d(c, FleetEvaluation::maxKvFraction),
          c == null ? 0L : c.preemptions(), p.sloMet(),
          d(f, FleetEvaluation::ttftP99Seconds), d(f, FleetEvaluation::tpotP99Seconds), f == null ? "" : f.sloViolations(),
          load.peakDemandGpus(), load.p95DemandGpus(), load.meanDemandGpus(), load.peakReplicasNeeded(),
          sc == null ? Double.NaN : sc.staticGpuHours(), sc == null ? Double.NaN : sc.staticDollars(),
          sc == null ? Double.NaN : sc.autoscaledGpuHours(), sc == null ? Double.NaN : sc.autoscaledDollars(),
          sc == null ? Double.NaN : sc.savingsFraction(), p.infeasibleWindows(), p.recommended(), p.infeasibility()});
    }
    return new Table(PLAN_COLUMNS, rows);
  }

  /** timeline.parquet: every window of every plan, with the chosen fleet's activity in it. */
  public static Table timeline(List<CapacityPlan> plans) {
    List<Object[]> rows = new ArrayList<>();
    for (CapacityPlan p : plans) {
      LoadProfile load = p.load();
      int[] autoscaled = p.scaling() == null ? null : p.scaling().replicasPerWindow();
      boolean sized = p.sloMet() && p.activity().size() == load.windows();
      int r = sized ? p.chosen().replicas() : 0;
      double windowSeconds = load.windowMillis() / 1e3;
      for (int w = 0; w < load.windows(); w++) {
        WindowActivity a = sized ? p.activity().get(w) : null;
        rows.add(new Object[] {p.model(), p.deployment(), p.strategy(), load.windowStartMillis(w) / 1e3, load.requests(w),
            load.demandGpus(w), load.replicasNeeded(w), autoscaled == null ? -1 : autoscaled[w],
            a == null ? Double.NaN : a.busyFraction(r, windowSeconds),
            a == null ? Double.NaN : a.meanBatchSequences(r, windowSeconds),
            a == null ? -1 : a.maxBatchSequences(),
            a == null ? Double.NaN : a.meanKvFraction(r, windowSeconds),
            a == null ? Double.NaN : a.maxKvFraction()});
      }
    }
    return new Table(TIMELINE_COLUMNS, rows);
  }

  /** search.csv / search.parquet: every fleet size each search simulated. */
  public static Table evaluations(List<CapacityPlan> plans) {
    List<Object[]> rows = new ArrayList<>();
    for (CapacityPlan p : plans) {
      if (p.search() == null) {
        continue;
      }
      for (FleetEvaluation e : p.search().tried()) {
        rows.add(new Object[] {p.model(), p.deployment(), p.strategy(), e.replicas(), e.gpus(), e.gpuHours(), e.dollars(),
            e.ttftP50Seconds(), e.ttftP99Seconds(), e.tpotP50Seconds(), e.tpotP99Seconds(), e.e2eP99Seconds(),
            e.utilisation(), e.sloMet(), e.replicas() == p.chosen().replicas()});
      }
    }
    return new Table(EVALUATION_COLUMNS, rows);
  }

  private static double d(FleetEvaluation e, java.util.function.ToDoubleFunction<FleetEvaluation> f) {
    return e == null ? Double.NaN : f.applyAsDouble(e);
  }
}
