package io.tokenfleet.spark;

import io.tokenfleet.report.PlanTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A {@link PlanTables.Table} as one Parquet file: the same columns, types and row order as its CSV. */
public final class PlanParquet {
  private PlanParquet() {}

  public static StructType schema(PlanTables.Table table) {
    StructType schema = new StructType();
    for (PlanTables.Column c : table.columns()) {
      DataType type = switch (c.type()) {
        case STRING -> DataTypes.StringType;
        case BOOLEAN -> DataTypes.BooleanType;
        case INT -> DataTypes.IntegerType;
        case LONG -> DataTypes.LongType;
        case DOUBLE -> DataTypes.DoubleType;
      };
      schema = schema.add(c.name(), type, false);
    }
    return schema;
  }

  public static void write(SparkSession spark, PlanTables.Table table, String path) {
    List<Row> rows = new ArrayList<>(table.rows().size());
    for (Object[] r : table.rows()) {
      rows.add(RowFactory.create(r));
    }
    spark.createDataFrame(rows, schema(table)).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
  }
}
