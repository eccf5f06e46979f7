package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenfleet.TestSpark;
import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.SummaryColumn;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.parquet, written by parquet-avro, reads back in Spark with summary.csv's columns, types and rows. */
class SummaryParquetTest {

  @Test
  void readsBackWithTheSummaryColumnsTypesAndRows(@TempDir Path dir) {
    SummaryRow greedy = new SummaryRow("llama-2-7b", "greedy", true, "h100-sxm", 1, 1000, 100_000, 20_000, 1.5e13, 2.5e13,
        4.0e13, 0.25, 0.81, 2.7, 16.2, 0.031, 0.09, 0.7, 1.9, 6.5e7, 3);
    SummaryRow beam = new SummaryRow("llama-2-7b", "beam:4", false, "a100-80gb", 2, 7, 700, 140, 1.0, 2.0, 3.0, 1e-9, 2e-9,
        0.5, 0.25, 0.001, 0.002, 0.01, 0.02, 1024.0, 0);
    String path = dir.resolve("summary.parquet").toString();
    SummaryParquet.write(TestSpark.session().sparkContext().hadoopConfiguration(), List.of(beam, greedy), path);

    Dataset<Row> df = TestSpark.session().read().parquet(path);
    StructField[] fields = df.schema().fields();
    assertEquals(SummaryColumn.values().length, fields.length);
    for (SummaryColumn column : SummaryColumn.values()) {
      StructField field = fields[column.ordinal()];
      assertEquals(column.columnName(), field.name());
      DataType expected = switch (column.type()) {
        case STRING -> DataTypes.StringType;
        case BOOLEAN -> DataTypes.BooleanType;
        case INT -> DataTypes.IntegerType;
        case LONG -> DataTypes.LongType;
        case DOUBLE -> DataTypes.DoubleType;
      };
      assertEquals(expected, field.dataType(), column.columnName());
    }
    List<Row> rows = df.collectAsList();
    assertEquals(2, rows.size());
    // summary.csv's row order
    List<SummaryRow> ordered = io.tokenfleet.report.SummaryOrder.sorted(List.of(beam, greedy));
    for (int i = 0; i < 2; i++) {
      for (SummaryColumn column : SummaryColumn.values()) {
        assertEquals(column.value(ordered.get(i)), rows.get(i).get(column.ordinal()), column.columnName() + " of row " + i);
      }
    }
  }
}
