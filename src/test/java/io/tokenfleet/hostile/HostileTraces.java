package io.tokenfleet.hostile;

import io.tokenfleet.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Small Parquet traces written with Spark into a test's temporary folder, so that no binary fixture
 * is committed and any column type (including wrong ones) can be produced. Columns follow the
 * canonical schema unless a test asks for another.
 */
public final class HostileTraces {
  private HostileTraces() {}

  /** The canonical columns with nullable token counts (hostile rows need nulls). */
  public static final StructType CANONICAL = new StructType()
      .add("request_id", DataTypes.StringType)
      .add("arrival_time_ms", DataTypes.LongType)
      .add("prompt_tokens", DataTypes.IntegerType)
      .add("output_tokens", DataTypes.IntegerType)
      .add("model", DataTypes.StringType);

  /** As {@link #CANONICAL} with long token counts (values above 2^31 - 1). */
  public static final StructType LONG_TOKENS = new StructType()
      .add("request_id", DataTypes.StringType)
      .add("arrival_time_ms", DataTypes.LongType)
      .add("prompt_tokens", DataTypes.LongType)
      .add("output_tokens", DataTypes.LongType)
      .add("model", DataTypes.StringType);

  /** One canonical row. */
  public static Row row(String requestId, Long arrivalTimeMs, Integer promptTokens, Integer outputTokens, String model) {
    return RowFactory.create(requestId, arrivalTimeMs, promptTokens, outputTokens, model);
  }

  /** {@code copies} rows of one shape, with ids r0.. and arrivals 0, 1, 2 ms. */
  public static List<Row> copies(int copies, int promptTokens, int outputTokens, String model) {
    List<Row> rows = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      rows.add(row("r" + i, (long) i, promptTokens, outputTokens, model));
    }
    return rows;
  }

  /** Writes {@code rows} as exactly {@code files} Parquet part files in the folder {@code dir}. */
  public static Path write(Path dir, StructType schema, List<Row> rows, int files) {
    Dataset<Row> df = TestSpark.session().createDataFrame(rows, schema);
    df = files == 1 ? df.coalesce(1) : df.repartition(files);
    df.write().mode(SaveMode.ErrorIfExists).parquet(dir.toString());
    return dir;
  }

  /** Writes canonical {@code rows} as one Parquet part file in {@code dir}. */
  public static Path write(Path dir, List<Row> rows) {
    return write(dir, CANONICAL, rows, 1);
  }
}
