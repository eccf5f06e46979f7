package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.ScenarioConfig;
import io.tokenfleet.config.ScenarioResolver;
import io.tokenfleet.fleet.FleetAggregate;
import io.tokenfleet.fleet.FleetEvaluator;
import io.tokenfleet.fleet.RejectReason;
import io.tokenfleet.hostile.HostileTraces;
import io.tokenfleet.kernel.DecodingStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways fleet-cost reads a trace, the vectorized reader's column batches and Spark's internal
 * rows, feed the evaluator the same values: equal aggregates on traces with nulls, unknown and
 * absent models, rejects and every integer column type. The batch path must really be taken for a
 * plain Parquet trace, or the comparison would test one path twice.
 */
class FleetAggregationTest {
  @TempDir
  Path dir;

  private static FleetEvaluator evaluator() {
    var config = ConfigLoader.load();
    ScenarioConfig scenario = ScenarioConfig.from(config).withOverrides(List.of("gpt2", "llama-2-7b"),
        List.of(DecodingStrategy.parse("greedy"), DecodingStrategy.parse("beam:4/no-cache")),
        List.of(ScenarioConfig.DeploymentChoice.parse("h100-sxm:1", "deployment")), null, null);
    return ScenarioResolver.resolve(config, scenario).evaluator();
  }

  private static List<Row> hostileRows(int n, boolean longTokens) {
    Random random = new Random(11);
    String[] models = {"gpt2", "llama-2-7b", null, "GPT2", "<script>"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long prompt = random.nextInt(20) == 0 ? -random.nextInt(5) : 1 + random.nextInt(1500);
      long output = 1 + random.nextInt(700);
      Object p = random.nextInt(50) == 0 ? null : longTokens ? (Object) prompt : (Object) (int) prompt;
      Object o = random.nextInt(50) == 0 ? null : longTokens ? (Object) output : (Object) (int) output;
      rows.add(RowFactory.create("r" + i, (long) i, p, o, models[random.nextInt(models.length)]));
    }
    return rows;
  }

  private static void assertSame(FleetEvaluator evaluator, FleetAggregate expected, FleetAggregate actual) {
    assertEquals(expected.inputRows(), actual.inputRows());
    assertEquals(expected.unknownModelRows(), actual.unknownModelRows());
    for (int m = 0; m < evaluator.models().size(); m++) {
      assertEquals(expected.routedRows(m), actual.routedRows(m));
      for (RejectReason reason : RejectReason.values()) {
        assertEquals(expected.rejectedRows(m, reason), actual.rejectedRows(m, reason), reason.toString());
      }
    }
    assertEquals(evaluator.summaryRows(expected), evaluator.summaryRows(actual));
  }

  @Test
  void columnBatchesAndRowsGiveTheSameAggregate() {
    FleetEvaluator evaluator = evaluator();
    for (boolean longTokens : new boolean[] {false, true}) {
      StructType schema = longTokens ? HostileTraces.LONG_TOKENS : HostileTraces.CANONICAL;
      Path trace = HostileTraces.write(dir.resolve(longTokens ? "long" : "int"), schema, hostileRows(5000, longTokens), 3);
      Dataset<Row> df = TestSpark.session().read().parquet(trace.toString());
      var columnar = ColumnarScan.of(FleetAggregation.selection(df));
      assertTrue(columnar.isPresent(), "a plain Parquet trace is read as column batches");
      FleetAggregate rows = FleetAggregation.aggregateRows(df, evaluator);
      assertEquals(5000, rows.inputRows());
      assertTrue(rows.rejectedRows(0) > 0 && rows.unknownModelRows() > 0, "the trace exercises rejects and unknown models");
      assertSame(evaluator, rows, FleetAggregation.aggregateColumnar(columnar.get(), evaluator));
      assertSame(evaluator, rows, FleetAggregation.aggregate(df, evaluator));
    }
  }

  @Test
  void aTraceWithoutModelColumnOrWithNarrowTypesReadsAlike() {
    FleetEvaluator evaluator = evaluator();
    StructType narrow = new StructType().add("prompt_tokens", DataTypes.ShortType).add("output_tokens", DataTypes.ByteType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(RowFactory.create((short) (1 + i * 7), (byte) (1 + i % 100)));
    }
    Path trace = HostileTraces.write(dir.resolve("narrow"), narrow, rows, 2);
    Dataset<Row> df = TestSpark.session().read().parquet(trace.toString());
    var columnar = ColumnarScan.of(FleetAggregation.selection(df));
    assertTrue(columnar.isPresent());
    FleetAggregate expected = FleetAggregation.aggregateRows(df, evaluator);
    assertEquals(300, expected.routedRows(0), "no model column: every row goes to every model");
    assertSame(evaluator, expected, FleetAggregation.aggregateColumnar(columnar.get(), evaluator));
  }

  @Test
  void anythingButAPlainScanIsReadAsRows() {
    Path trace = HostileTraces.write(dir.resolve("t"), HostileTraces.copies(10, 100, 20, "gpt2"));
    Dataset<Row> df = TestSpark.session().read().parquet(trace.toString());
    assertFalse(ColumnarScan.of(FleetAggregation.selection(df.where("prompt_tokens > 5"))).isPresent());
    assertFalse(ColumnarScan.of(FleetAggregation.selection(TestSpark.session().createDataFrame(
        List.of(HostileTraces.row("a", 0L, 5, 5, "gpt2")), HostileTraces.CANONICAL))).isPresent());
  }
}
