package io.tokenfleet.spark;

import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * The column batches Spark's vectorized Parquet reader produces for a plain column selection,
 * before they are turned into rows. Reading the batches' column vectors directly skips building an
 * internal row per trace row, which costs more than the rest of fleet-cost's per-row work (measured
 * in bench/fleet-cost-bench.sh). Only a plan that is nothing but a columnar scan converted to rows
 * qualifies; anything else (a filter, a cast, a non-vectorized reader) returns empty, and the
 * caller reads rows.
 *
 * @param batches one partition per scan split, in the scan's order
 * @param schema the columns of every batch, in order
 */
record ColumnarScan(JavaRDD<ColumnarBatch> batches, StructType schema) {

  static Optional<ColumnarScan> of(Dataset<Row> selection) {
    SparkPlan node = selection.queryExecution().executedPlan();
    while (true) {
      if (node instanceof WholeStageCodegenExec codegen) {
        node = codegen.child();
      } else if (node instanceof InputAdapter adapter) {
        node = adapter.child();
      } else {
        break;
      }
    }
    if (!(node instanceof ColumnarToRowExec toRows) || !toRows.child().supportsColumnar()) {
      return Optional.empty();
    }
    SparkPlan scan = toRows.child();
    if (!scan.schema().equals(selection.schema())) {
      return Optional.empty();
    }
    return Optional.of(new ColumnarScan(scan.executeColumnar().toJavaRDD(), scan.schema()));
  }
}
