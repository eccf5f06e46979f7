package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every rejected (row, model) pair with its reason, by the same rules as the aggregation
 * ({@link FleetEvaluator#rejectReason}), so the rejects reconcile with the summary's counts.
 * Run only when the aggregation counted rejections, so a clean trace is read once.
 */
public final class RejectedRows {
  /** Columns of rejects/: where the row came from, its canonical fields, and why it was rejected. */
  public static final StructType SCHEMA = new StructType()
      .add("source_file", DataTypes.StringType)
      .add("request_id", DataTypes.StringType)
      .add("arrival_time_ms", DataTypes.LongType)
      .add("prompt_tokens", DataTypes.LongType)
      .add("output_tokens", DataTypes.LongType)
      .add("model", DataTypes.StringType)
      .add("rejected_for_model", DataTypes.StringType)
      .add("reason", DataTypes.StringType)
      .add("reason_detail", DataTypes.StringType);

  private RejectedRows() {}

  /** The rejects of {@code trace} (lazy; write it or count it). */
  public static Dataset<Row> of(Dataset<Row> trace, FleetEvaluator evaluator) {
    StructType schema = trace.schema();
    Dataset<Row> projected = trace.select(
        input_file_name(),
        TraceInput.optional(schema, TraceInput.REQUEST_ID, DataTypes.StringType),
        TraceInput.optional(schema, TraceInput.ARRIVAL_TIME_MS, DataTypes.LongType),
        col(TraceInput.PROMPT_TOKENS).cast(DataTypes.LongType),
        col(TraceInput.OUTPUT_TOKENS).cast(DataTypes.LongType),
        TraceInput.optional(schema, TraceInput.MODEL, DataTypes.StringType));
    FlatMapFunction<Row, Row> explain = row -> rejectsOf(evaluator, row).iterator();
    return projected.flatMap(explain, Encoders.row(SCHEMA));
  }

  private static List<Row> rejectsOf(FleetEvaluator evaluator, Row row) {
    String model = row.isNullAt(5) ? null : row.getString(5);
    int index = evaluator.modelIndex(model);
    List<Row> out = new ArrayList<>(1);
    if (index == FleetEvaluator.UNKNOWN_MODEL) {
      out.add(reject(row, null, RejectReason.UNKNOWN_MODEL, evaluator.unknownModelDetail(model)));
      return out;
    }
    int from = index == FleetEvaluator.ALL_MODELS ? 0 : index;
    int to = index == FleetEvaluator.ALL_MODELS ? evaluator.models().size() - 1 : index;
    boolean promptNull = row.isNullAt(3);
    boolean outputNull = row.isNullAt(4);
    long prompt = promptNull ? 0 : row.getLong(3);
    long output = outputNull ? 0 : row.getLong(4);
    for (int m = from; m <= to; m++) {
      RejectReason reason = evaluator.rejectReason(m, promptNull, prompt, outputNull, output);
      if (reason != null) {
        String detail = evaluator.rejectDetail(m, reason, prompt, output);
        out.add(reject(row, evaluator.models().get(m).model(), reason, detail));
      }
    }
    return out;
  }

  private static Row reject(Row row, String forModel, RejectReason reason, String detail) {
    return RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), forModel,
        reason.code(), detail);
  }
}
