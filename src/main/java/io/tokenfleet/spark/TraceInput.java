package io.tokenfleet.spark;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Opens canonical Parquet traces (paths or globs on any Hadoop file system) and checks them before
 * any work: every path matches something, the files are Parquet, the token columns exist with an
 * integer type, the optional columns have the right type, and there is at least one row.
 */
public final class TraceInput {
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String OUTPUT_TOKENS = "output_tokens";
  public static final String MODEL = "model";
  public static final String ARRIVAL_TIME_MS = "arrival_time_ms";
  public static final String REQUEST_ID = "request_id";

  private static final Set<DataType> INTEGER_TYPES = Set.of(DataTypes.IntegerType, DataTypes.LongType,
      DataTypes.ShortType, DataTypes.ByteType);

  private TraceInput() {}

  /**
   * The trace as one Dataset.
   *
   * @throws JobSetupException with a one-line message naming the path or column at fault
   */
  public static Dataset<Row> open(SparkSession spark, List<String> paths) {
    if (paths.isEmpty()) {
      throw new JobSetupException("no trace given");
    }
    List<String> resolved = new ArrayList<>();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    for (String p : paths) {
      resolved.addAll(expand(hadoop, p));
    }
    Dataset<Row> df;
    try {
      df = spark.read().parquet(resolved.toArray(String[]::new));
    } catch (Exception e) { // Spark throws SparkException (checked) from Scala code, undeclared
      throw new JobSetupException("cannot read trace " + String.join(", ", paths) + " as Parquet: "
          + firstLine(rootMessage(e)));
    }
    checkSchema(df.schema(), String.join(", ", paths));
    try {
      if (!anyRows(hadoop, df.inputFiles())) {
        throw new JobSetupException("trace " + String.join(", ", paths) + " has no rows");
      }
    } catch (JobSetupException e) {
      throw e;
    } catch (Exception e) { // as above: SparkException is checked but undeclared
      throw new JobSetupException("cannot read trace " + String.join(", ", paths) + ": " + firstLine(rootMessage(e)));
    }
    return df;
  }

  /** Checks column presence and types; public for tests. */
  public static void checkSchema(StructType schema, String what) {
    for (String required : List.of(PROMPT_TOKENS, OUTPUT_TOKENS)) {
      StructField field = field(schema, required);
      if (field == null) {
        throw new JobSetupException("trace " + what + " has no column '" + required + "' (columns: "
            + String.join(", ", schema.fieldNames()) + ")");
      }
      if (!INTEGER_TYPES.contains(field.dataType())) {
        throw new JobSetupException("trace " + what + ": column '" + required + "' must be an integer type, got "
            + field.dataType().simpleString());
      }
    }
    StructField model = field(schema, MODEL);
    if (model != null && !model.dataType().equals(DataTypes.StringType)) {
      throw new JobSetupException("trace " + what + ": column 'model' must be a string, got " + model.dataType().simpleString());
    }
    StructField arrival = field(schema, ARRIVAL_TIME_MS);
    if (arrival != null && !INTEGER_TYPES.contains(arrival.dataType())) {
      throw new JobSetupException("trace " + what + ": column 'arrival_time_ms' must be an integer type, got "
          + arrival.dataType().simpleString());
    }
  }

  /** True when the schema has the column. */
  public static boolean hasColumn(StructType schema, String name) {
    return field(schema, name) != null;
  }

  /** The column cast to {@code type}, or a typed null when the trace lacks it. */
  public static Column optional(StructType schema, String name, DataType type) {
    return hasColumn(schema, name) ? functions.col(name).cast(type) : functions.lit(null).cast(type);
  }

  private static StructField field(StructType schema, String name) {
    return Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Whether any of the files holds a row, from Parquet footers read on the driver until one does
   * (usually the first): a Spark job for the same answer cost ~0.1 s per run.
   */
  private static boolean anyRows(Configuration hadoop, String[] files) throws IOException {
    for (String file : files) {
      // inputFiles() gives URIs: escaped characters must be decoded, as Path(URI) does
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(URI.create(file)), hadoop))) {
        if (reader.getRecordCount() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> expand(Configuration hadoop, String pathText) {
    try {
      Path path = new Path(pathText);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new JobSetupException("trace path not found: " + pathText);
      }
      List<String> result = new ArrayList<>();
      for (FileStatus status : matches) {
        if (!status.isDirectory() && status.getLen() == 0) {
          throw new JobSetupException("trace file is empty (0 bytes): " + status.getPath());
        }
        result.add(status.getPath().toString());
      }
      return result;
    } catch (IOException | IllegalArgumentException e) {
      throw new JobSetupException("cannot open trace path " + pathText + ": " + firstLine(e.getMessage()));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }
}
