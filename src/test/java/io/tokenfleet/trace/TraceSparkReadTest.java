package io.tokenfleet.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenfleet.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark reads what convert writes, with the documented column names and types. */
class TraceSparkReadTest {
  @TempDir
  Path dir;

  @Test
  void sparkSeesTheCanonicalColumns() {
    Path out = dir.resolve("burst.parquet");
    TraceConverter.convert(new ConvertOptions(Fixtures.trace("burstgpt_sample.csv"), out, null, null, null,
        false, false, null));
    Dataset<Row> df = TestSpark.session().read().parquet(out.toString());
    StructField[] f = df.schema().fields();
    assertEquals(List.of("request_id", "arrival_time_ms", "prompt_tokens", "output_tokens", "model", "tags"),
        List.of(df.columns()));
    assertEquals(DataTypes.StringType, f[0].dataType());
    assertEquals(DataTypes.LongType, f[1].dataType());
    assertEquals(DataTypes.IntegerType, f[2].dataType());
    assertEquals(DataTypes.IntegerType, f[3].dataType());
    assertEquals(DataTypes.StringType, f[4].dataType());
    assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), f[5].dataType());
    // (Spark marks every column read from files nullable, so required-ness is not visible here)
    // 4 rows survive (lines 2, 4, 5, 7): prompts 472 + 417 + 1360 + 236 = 2485
    Row sums = df.selectExpr("count(*)", "sum(prompt_tokens)", "max(tags['log_type'])").first();
    assertEquals(4L, sums.getLong(0));
    assertEquals(2485L, sums.getLong(1));
    assertEquals("Conversation log", sums.getString(2));
  }
}
