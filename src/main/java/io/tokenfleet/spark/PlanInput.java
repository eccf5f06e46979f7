package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.RejectReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The plan job's view of a trace: every (row, model) pair accepted or rejected with a reason, by
 * fleet-cost's rules ({@link FleetEvaluator#rejectReason}) plus the simulator's: a request needs
 * {@code arrival_time_ms}, and a non-negative one (milliseconds since the trace's start: a
 * negative time, Long.MIN_VALUE included, is a broken row, not a request from before the trace),
 * and its peak KV blocks (plus the admission watermark) must fit a replica of every deployment
 * option of its model, and its sequences the sequence cap (otherwise it could never run, and the
 * options would not plan the same requests). Rows need not be sorted; duplicate request ids are
 * separate requests (ties in arrival time are ordered by request_id, prompt and output tokens).
 */
public final class PlanInput {
  /** Rejects/ columns ({@link RejectedRows#SCHEMA}) plus the model index (-1: no model of the scenario). */
  static final StructType CLASSIFIED = RejectedRows.SCHEMA.add("model_index", DataTypes.IntegerType);

  /** Reason code of a row without arrival_time_ms. */
  public static final String MISSING_ARRIVAL = "missing_arrival_time";
  /** Reason code of a row whose arrival_time_ms is below 0. */
  public static final String NEGATIVE_ARRIVAL = "negative_arrival_time";
  /** Reason code of a request whose KV never fits a replica of some option. */
  public static final String EXCEEDS_KV = "exceeds_kv_capacity";
  /** Reason code of a request with more sequences than max-num-seqs. */
  public static final String TOO_MANY_SEQUENCES = "too_many_sequences";

  private PlanInput() {}

  /** Every (row, model) pair with its verdict (reason null = accepted); persisted, unpersist when done. */
  static Dataset<Row> classify(Dataset<Row> trace, FleetEvaluator evaluator, List<PlanOption> options) {
    StructType schema = trace.schema();
    Dataset<Row> projected = trace.select(
        input_file_name(),
        TraceInput.optional(schema, TraceInput.REQUEST_ID, DataTypes.StringType),
        TraceInput.optional(schema, TraceInput.ARRIVAL_TIME_MS, DataTypes.LongType),
        col(TraceInput.PROMPT_TOKENS).cast(DataTypes.LongType),
        col(TraceInput.OUTPUT_TOKENS).cast(DataTypes.LongType),
        TraceInput.optional(schema, TraceInput.MODEL, DataTypes.StringType));
    List<PlanOption> opts = List.copyOf(options);
    FlatMapFunction<Row, Row> verdicts = row -> verdicts(evaluator, opts, row).iterator();
    return projected.flatMap(verdicts, Encoders.row(CLASSIFIED)).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The rejects in rejects/ layout. */
  static Dataset<Row> rejects(Dataset<Row> classified) {
    return classified.filter(col("reason").isNotNull()).drop("model_index");
  }

  /**
   * Accepted requests of model {@code m}, ranked by (arrival, request_id, prompt, output): the rank
   * is the request's id, so every replica sees the same order as the pure-Java planner. Persisted.
   */
  static JavaRDD<PlanRequest> accepted(Dataset<Row> classified, int m) {
    Dataset<Row> rows = classified.filter(col("reason").isNull().and(col("model_index").equalTo(m)))
        .select(col("arrival_time_ms"), col("request_id"), col("prompt_tokens"), col("output_tokens"))
        .orderBy(col("arrival_time_ms").asc_nulls_first(), col("request_id").asc_nulls_first(),
            col("prompt_tokens").asc(), col("output_tokens").asc());
    return rows.toJavaRDD().zipWithIndex()
        .map(t -> new PlanRequest(t._2(), t._1().getLong(0), (int) t._1().getLong(2), (int) t._1().getLong(3)))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static List<Row> verdicts(FleetEvaluator evaluator, List<PlanOption> options, Row row) {
    String model = row.isNullAt(5) ? null : row.getString(5);
    int index = evaluator.modelIndex(model);
    List<Row> out = new ArrayList<>(1);
    if (index == FleetEvaluator.UNKNOWN_MODEL) {
      out.add(verdict(row, -1, null, RejectReason.UNKNOWN_MODEL.code(), evaluator.unknownModelDetail(model)));
      return out;
    }
    int from = index == FleetEvaluator.ALL_MODELS ? 0 : index;
    int to = index == FleetEvaluator.ALL_MODELS ? evaluator.models().size() - 1 : index;
    boolean promptNull = row.isNullAt(3);
    boolean outputNull = row.isNullAt(4);
    long prompt = promptNull ? 0 : row.getLong(3);
    long output = outputNull ? 0 : row.getLong(4);
    for (int m = from; m <= to; m++) {
      String name = evaluator.models().get(m).model();
      RejectReason reason = evaluator.rejectReason(m, promptNull, prompt, outputNull, output);
      if (reason != null) {
        String detail = evaluator.rejectDetail(m, reason, prompt, output);
        out.add(verdict(row, m, name, reason.code(), detail));
      } else if (row.isNullAt(2)) {
        out.add(verdict(row, m, name, MISSING_ARRIVAL, "arrival_time_ms is null; plan simulates arrivals over time"));
      } else if (row.getLong(2) < 0) {
        out.add(verdict(row, m, name, NEGATIVE_ARRIVAL, "arrival_time_ms " + row.getLong(2)
            + " < 0; plan needs milliseconds since the trace's start"));
      } else {
        String[] problem = simulatorProblem(options, m, prompt, output);
        out.add(problem == null ? verdict(row, m, name, null, null) : verdict(row, m, name, problem[0], problem[1]));
      }
    }
    return out;
  }

  /** {reason, detail} when the request could never run on a replica of some option of model m, else null. */
  static String[] simulatorProblem(List<PlanOption> options, int m, long prompt, long output) {
    for (PlanOption o : options) {
      if (o.modelIndex() != m) {
        continue;
      }
      long peak = o.peakBlocks(prompt, output);
      long watermark = o.scheduler().watermarkBlocks();
      if (peak + watermark > o.scheduler().kvCapacityBlocks()) {
        return new String[] {EXCEEDS_KV, "needs " + peak + " KV blocks + " + watermark + " watermark blocks; a replica of "
            + o.label() + " holds " + o.scheduler().kvCapacityBlocks()};
      }
      int sequences = output == 1 ? 1 : o.strategy().width();
      if (sequences > o.scheduler().maxNumSeqs()) {
        return new String[] {TOO_MANY_SEQUENCES, sequences + " sequences > max-num-seqs " + o.scheduler().maxNumSeqs()};
      }
    }
    return null;
  }

  private static Row verdict(Row row, int modelIndex, String forModel, String reason, String detail) {
    return RowFactory.create(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), forModel, reason, detail,
        modelIndex);
  }
}
