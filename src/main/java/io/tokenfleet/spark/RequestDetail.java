package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;

import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.ModelVariants;
import io.tokenfleet.fleet.RequestCost;
import io.tokenfleet.fleet.Variant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Per-request, per-variant costs of every accepted row (fleet-cost --detail), partitioned by model. */
public final class RequestDetail {
  /** Columns of detail/; see docs/METRICS.md. */
  public static final StructType SCHEMA = new StructType()
      .add("request_id", DataTypes.StringType)
      .add("arrival_time_ms", DataTypes.LongType)
      .add("model", DataTypes.StringType)
      .add("strategy", DataTypes.StringType)
      .add("kv_cache", DataTypes.BooleanType)
      .add("gpu", DataTypes.StringType)
      .add("tp", DataTypes.IntegerType)
      .add("prompt_tokens", DataTypes.IntegerType)
      .add("output_tokens", DataTypes.IntegerType)
      .add("flops_prefill", DataTypes.DoubleType)
      .add("flops_decode", DataTypes.DoubleType)
      .add("flops_total", DataTypes.DoubleType)
      .add("gpu_seconds", DataTypes.DoubleType)
      .add("dollars", DataTypes.DoubleType)
      .add("ttft_s", DataTypes.DoubleType)
      .add("e2e_s", DataTypes.DoubleType)
      .add("kv_peak_bytes", DataTypes.DoubleType);

  private RequestDetail() {}

  /** The detail rows of {@code trace} (lazy). */
  public static Dataset<Row> of(Dataset<Row> trace, FleetEvaluator evaluator) {
    StructType schema = trace.schema();
    Dataset<Row> projected = trace.select(
        TraceInput.optional(schema, TraceInput.REQUEST_ID, DataTypes.StringType),
        TraceInput.optional(schema, TraceInput.ARRIVAL_TIME_MS, DataTypes.LongType),
        col(TraceInput.PROMPT_TOKENS).cast(DataTypes.LongType),
        col(TraceInput.OUTPUT_TOKENS).cast(DataTypes.LongType),
        TraceInput.optional(schema, TraceInput.MODEL, DataTypes.StringType));
    FlatMapFunction<Row, Row> detail = row -> detailOf(evaluator, row).iterator();
    return projected.flatMap(detail, Encoders.row(SCHEMA));
  }

  private static List<Row> detailOf(FleetEvaluator evaluator, Row row) {
    int index = evaluator.modelIndex(row.isNullAt(4) ? null : row.getString(4));
    List<Row> out = new ArrayList<>();
    if (index == FleetEvaluator.UNKNOWN_MODEL) {
      return out;
    }
    boolean promptNull = row.isNullAt(2);
    boolean outputNull = row.isNullAt(3);
    long prompt = promptNull ? 0 : row.getLong(2);
    long output = outputNull ? 0 : row.getLong(3);
    int from = index == FleetEvaluator.ALL_MODELS ? 0 : index;
    int to = index == FleetEvaluator.ALL_MODELS ? evaluator.models().size() - 1 : index;
    for (int m = from; m <= to; m++) {
      if (evaluator.rejectReason(m, promptNull, prompt, outputNull, output) != null) {
        continue;
      }
      ModelVariants model = evaluator.models().get(m);
      for (Variant v : model.variants()) {
        RequestCost c = v.coster().cost((int) prompt, (int) output);
        double gpuSeconds = c.gpuSeconds();
        out.add(RowFactory.create(row.get(0), row.get(1), model.model(), v.strategyFamily(), v.kvCache(), v.gpu(), v.tp(),
            (int) prompt, (int) output, c.prefillFlops(), c.decodeFlops(), c.prefillFlops() + c.decodeFlops(), gpuSeconds,
            gpuSeconds / 3600.0 * v.dollarsPerGpuHour(), c.ttftSeconds(), c.e2eSeconds(), c.kvPeakBytes()));
      }
    }
    return out;
  }
}
