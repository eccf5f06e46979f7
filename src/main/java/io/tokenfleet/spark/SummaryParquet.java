package io.tokenfleet.spark;

import io.tokenfleet.fleet.SummaryRow;
import io.tokenfleet.report.SummaryColumn;
import io.tokenfleet.report.SummaryOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** summary.parquet: the same columns and row order as summary.csv ({@link SummaryColumn}), one file. */
public final class SummaryParquet {
  private SummaryParquet() {}

  /** The Spark schema derived from {@link SummaryColumn}. */
  public static StructType schema() {
    StructType schema = new StructType();
    for (SummaryColumn column : SummaryColumn.values()) {
      schema = schema.add(column.columnName(), sparkType(column), false);
    }
    return schema;
  }

  /** Writes {@code rows} to {@code path} as a single Parquet file. */
  public static void write(SparkSession spark, List<SummaryRow> rows, String path) {
    List<Row> sparkRows = new ArrayList<>();
    for (SummaryRow row : SummaryOrder.sorted(rows)) {
      Object[] values = new Object[SummaryColumn.values().length];
      for (SummaryColumn column : SummaryColumn.values()) {
        values[column.ordinal()] = column.value(row);
      }
      sparkRows.add(RowFactory.create(values));
    }
    spark.createDataFrame(sparkRows, schema()).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }

  private static DataType sparkType(SummaryColumn column) {
    return switch (column.type()) {
      case STRING -> DataTypes.StringType;
      case BOOLEAN -> DataTypes.BooleanType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
    };
  }
}
