package io.tokenfleet.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The fleet-cost pass over the trace: each partition feeds its rows to a {@link FleetEvaluator}
 * partition (which counts request shapes and costs each distinct one once per variant) and emits
 * one {@link FleetAggregate}; the aggregates are tree-reduced. Only aggregates reach the driver,
 * and since they merge exactly the result does not depend on partitions or executors.
 *
 * <p>Rows are read from the vectorized Parquet reader's column batches when the plan allows
 * ({@link ColumnarScan}), else as Spark's internal rows: either way no external {@code Row} objects,
 * which keeps the per-row cost near a bare scan's. Both paths feed the evaluator the same values.
 */
public final class FleetAggregation {
  private FleetAggregation() {}

  /** Aggregates {@code trace} (validated by {@link TraceInput}). */
  public static FleetAggregate aggregate(Dataset<Row> trace, FleetEvaluator evaluator) {
    Optional<ColumnarScan> columnar = ColumnarScan.of(selection(trace));
    return columnar.isPresent() ? aggregateColumnar(columnar.get(), evaluator) : aggregateRows(trace, evaluator);
  }

  /** The token columns and the model column when the trace has one, as stored. */
  static Dataset<Row> selection(Dataset<Row> trace) {
    return TraceInput.hasColumn(trace.schema(), TraceInput.MODEL)
        ? trace.select(col(TraceInput.PROMPT_TOKENS), col(TraceInput.OUTPUT_TOKENS), col(TraceInput.MODEL))
        : trace.select(col(TraceInput.PROMPT_TOKENS), col(TraceInput.OUTPUT_TOKENS));
  }

  static FleetAggregate aggregateColumnar(ColumnarScan scan, FleetEvaluator evaluator) {
    StructType schema = scan.schema();
    int prompt = schema.fieldIndex(TraceInput.PROMPT_TOKENS);
    int output = schema.fieldIndex(TraceInput.OUTPUT_TOKENS);
    int model = TraceInput.hasColumn(schema, TraceInput.MODEL) ? schema.fieldIndex(TraceInput.MODEL) : -1;
    IntegerReader promptReader = IntegerReader.of(schema.fields()[prompt].dataType());
    IntegerReader outputReader = IntegerReader.of(schema.fields()[output].dataType());
    return reduce(scan.batches().mapPartitions(batches -> {
      FleetEvaluator.Partition partition = evaluator.newPartition();
      ModelLookup models = new ModelLookup(evaluator);
      while (batches.hasNext()) {
        ColumnarBatch batch = batches.next();
        ColumnVector prompts = batch.column(prompt);
        ColumnVector outputs = batch.column(output);
        ColumnVector names = model < 0 ? null : batch.column(model);
        for (int i = 0, n = batch.numRows(); i < n; i++) {
          boolean promptNull = prompts.isNullAt(i);
          boolean outputNull = outputs.isNullAt(i);
          int modelIndex = names == null || names.isNullAt(i) ? FleetEvaluator.ALL_MODELS : models.index(names.getUTF8String(i));
          partition.accept(modelIndex, promptNull, promptNull ? 0 : promptReader.read(prompts, i),
              outputNull, outputNull ? 0 : outputReader.read(outputs, i));
        }
      }
      return List.of(partition.finish()).iterator();
    }));
  }

  static FleetAggregate aggregateRows(Dataset<Row> trace, FleetEvaluator evaluator) {
    Column model = TraceInput.hasColumn(trace.schema(), TraceInput.MODEL)
        ? col(TraceInput.MODEL) : lit(null).cast(DataTypes.StringType);
    Dataset<Row> projected = trace.select(
        col(TraceInput.PROMPT_TOKENS).cast(DataTypes.LongType),
        col(TraceInput.OUTPUT_TOKENS).cast(DataTypes.LongType),
        model);
    JavaRDD<InternalRow> rows = projected.queryExecution().toRdd().toJavaRDD();
    return reduce(rows.mapPartitions(it -> List.of(aggregatePartition(evaluator, it)).iterator()));
  }

  private static FleetAggregate reduce(JavaRDD<FleetAggregate> partials) {
    int depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(2, partials.getNumPartitions())) / Math.log(8)));
    return partials.treeReduce(FleetAggregate::merge, depth);
  }

  private static FleetAggregate aggregatePartition(FleetEvaluator evaluator, Iterator<InternalRow> rows) {
    FleetEvaluator.Partition partition = evaluator.newPartition();
    ModelLookup models = new ModelLookup(evaluator);
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      boolean promptNull = row.isNullAt(0);
      boolean outputNull = row.isNullAt(1);
      long prompt = promptNull ? 0 : row.getLong(0);
      long output = outputNull ? 0 : row.getLong(1);
      int modelIndex = row.isNullAt(2) ? FleetEvaluator.ALL_MODELS : models.index(row.getUTF8String(2));
      partition.accept(modelIndex, promptNull, prompt, outputNull, output);
    }
    return partition.finish();
  }

  /** Reads an integer column of any of the trace's integer types as a long. */
  private enum IntegerReader {
    BYTE { long read(ColumnVector v, int i) { return v.getByte(i); } },
    SHORT { long read(ColumnVector v, int i) { return v.getShort(i); } },
    INT { long read(ColumnVector v, int i) { return v.getInt(i); } },
    LONG { long read(ColumnVector v, int i) { return v.getLong(i); } };

    abstract long read(ColumnVector vector, int row);

    static IntegerReader of(DataType type) {
      if (type.equals(DataTypes.ByteType)) {
        return BYTE;
      }
      if (type.equals(DataTypes.ShortType)) {
        return SHORT;
      }
      if (type.equals(DataTypes.IntegerType)) {
        return INT;
      }
      if (type.equals(DataTypes.LongType)) {
        return LONG;
      }
      throw new IllegalArgumentException("not an integer type: " + type.simpleString());
    }
  }

  /** Model index of a trace name; traces are usually sorted or single-model, so the last name is kept. */
  private static final class ModelLookup {
    private final FleetEvaluator evaluator;
    private UTF8String lastModel;
    private int lastIndex = FleetEvaluator.ALL_MODELS;

    ModelLookup(FleetEvaluator evaluator) {
      this.evaluator = evaluator;
    }

    int index(UTF8String name) {
      if (!name.equals(lastModel)) {
        lastModel = name.clone(); // the scan reuses its buffers
        lastIndex = evaluator.modelIndex(name.toString());
      }
      return lastIndex;
    }
  }
}
