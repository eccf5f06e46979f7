package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The fleet-cost pass over the trace: each partition feeds its rows to a {@link FleetEvaluator}
 * partition (which counts request shapes and costs each distinct one once per variant) and emits
 * one {@link FleetAggregate}; the aggregates are tree-reduced. Only aggregates reach the driver,
 * and since they merge exactly the result does not depend on partitions or executors.
 *
 * <p>Rows are read as Spark's internal rows (no conversion to external {@code Row} objects), which
 * keeps the per-row cost near a bare scan's.
 */
public final class FleetAggregation {
  private FleetAggregation() {}

  /** Aggregates {@code trace} (validated by {@link TraceInput}). */
  public static FleetAggregate aggregate(Dataset<Row> trace, FleetEvaluator evaluator) {
    Column model = TraceInput.hasColumn(trace.schema(), TraceInput.MODEL)
        ? col(TraceInput.MODEL) : lit(null).cast(DataTypes.StringType);
    Dataset<Row> projected = trace.select(
        col(TraceInput.PROMPT_TOKENS).cast(DataTypes.LongType),
        col(TraceInput.OUTPUT_TOKENS).cast(DataTypes.LongType),
        model);
    JavaRDD<InternalRow> rows = projected.queryExecution().toRdd().toJavaRDD();
    JavaRDD<FleetAggregate> partials = rows.mapPartitions(it -> List.of(aggregatePartition(evaluator, it)).iterator());
    int depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(2, partials.getNumPartitions())) / Math.log(8)));
    return partials.treeReduce(FleetAggregate::merge, depth);
  }

  private static FleetAggregate aggregatePartition(FleetEvaluator evaluator, Iterator<InternalRow> rows) {
    FleetEvaluator.Partition partition = evaluator.newPartition();
    UTF8String lastModel = null;
    int lastIndex = FleetEvaluator.ALL_MODELS;
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      boolean promptNull = row.isNullAt(0);
      boolean outputNull = row.isNullAt(1);
      long prompt = promptNull ? 0 : row.getLong(0);
      long output = outputNull ? 0 : row.getLong(1);
      int modelIndex;
      if (row.isNullAt(2)) {
        modelIndex = FleetEvaluator.ALL_MODELS;
      } else {
        UTF8String name = row.getUTF8String(2);
        if (!name.equals(lastModel)) {
          lastModel = name.clone(); // the row's buffer is reused by the scan
          lastIndex = evaluator.modelIndex(name.toString());
        }
        modelIndex = lastIndex;
      }
      partition.accept(modelIndex, promptNull, prompt, outputNull, output);
    }
    return partition.finish();
  }
}
