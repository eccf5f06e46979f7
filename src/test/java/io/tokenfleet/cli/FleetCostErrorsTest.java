package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.hostile.FleetCli;
import io.tokenfleet.hostile.HostileTraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file-level problem of fleet-cost: a non-zero exit, exactly one line on stderr that names the
 * problem, no stack trace, and an output directory left as it was (never marked complete).
 */
class FleetCostErrorsTest {
  @TempDir
  Path dir;
  private Path good;
  /** Exit code of the last {@link #fails} call. */
  private int lastExit;

  @BeforeEach
  void goodTrace() {
    good = HostileTraces.write(dir.resolve("good"), HostileTraces.copies(10, 100, 20, "gpt2"));
  }

  /** Runs fleet-cost into {@code out} and checks the failure contract; returns the stderr line. */
  private String fails(Path out, String trace, String... extra) throws IOException {
    return failsWith(out, () -> FleetCli.fleetCost(trace, out.toString(), extra));
  }

  /** {@code fleet-cost TRACE --out OUT ARGS...} without the small scenario's flags, with the same checks. */
  private String failsWithArgs(Path out, String trace, String... args) throws IOException {
    List<String> all = new java.util.ArrayList<>(List.of("fleet-cost", trace, "--out", out.toString()));
    all.addAll(List.of(args));
    return failsWith(out, () -> FleetCli.run(all.toArray(String[]::new)));
  }

  private String failsWith(Path out, java.util.function.Supplier<FleetCli> command) throws IOException {
    Map<String, Long> before = snapshot(out);
    FleetCli r = command.get();
    lastExit = r.exitCode();
    assertNotEquals(0, r.exitCode(), "exit code; stdout: " + r.out());
    assertEquals(1, r.errLines().size(), "exactly one stderr line: " + r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("tokenfleet: "), line);
    assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains(".java:"), "no stack trace: " + line);
    assertEquals(before, snapshot(out), "the output directory is untouched");
    assertEquals("", r.out(), "nothing on stdout");
    return line;
  }

  /** Every file under {@code root} with its size (empty when root does not exist). */
  private static Map<String, Long> snapshot(Path root) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    if (Files.exists(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.toList()) {
          files.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
        }
      }
    } else {
      files.put("(absent)", 0L);
    }
    return files;
  }

  private Path firstParquetPart(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  @Test
  void missingTracePath() throws IOException {
    String missing = dir.resolve("nope.parquet").toString();
    assertEquals("tokenfleet: trace path not found: " + missing, fails(dir.resolve("out"), missing));
    assertTrue(fails(dir.resolve("out"), dir.resolve("*.nothing").toString()).contains("trace path not found"));
  }

  @Test
  void nonParquetFile() throws IOException {
    Path text = Files.writeString(dir.resolve("trace.parquet"), "request_id,prompt_tokens\nr1,10\n");
    String line = fails(dir.resolve("out"), text.toString());
    assertTrue(line.startsWith("tokenfleet: cannot read trace " + text + " as Parquet"), line);
  }

  @Test
  void truncatedParquetFile() throws IOException {
    byte[] bytes = Files.readAllBytes(firstParquetPart(good));
    Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length / 2));
    String line = fails(dir.resolve("out"), cut.toString());
    assertTrue(line.startsWith("tokenfleet: cannot read trace " + cut), line);
  }

  @Test
  void truncatedParquetFileAmongGoodOnes() throws IOException {
    // Spark infers the schema from one file's footer; the broken file must still stop the job cleanly.
    Path folder = Files.createDirectories(dir.resolve("mixed"));
    byte[] bytes = Files.readAllBytes(firstParquetPart(good));
    Files.write(folder.resolve("a.parquet"), bytes);
    Files.write(folder.resolve("b.parquet"), Arrays.copyOf(bytes, bytes.length - 20));
    String line = fails(dir.resolve("out"), folder.toString());
    assertTrue(line.contains("b.parquet"), "names the broken file: " + line);
  }

  @Test
  void emptyFile() throws IOException {
    Path empty = Files.write(dir.resolve("empty.parquet"), new byte[0]);
    String line = fails(dir.resolve("out"), empty.toString());
    assertTrue(line.startsWith("tokenfleet: trace file is empty (0 bytes): ") && line.endsWith("empty.parquet"), line);
  }

  @Test
  void parquetWithZeroRows() throws IOException {
    Path none = HostileTraces.write(dir.resolve("none"), List.of());
    assertEquals("tokenfleet: trace " + none + " has no rows", fails(dir.resolve("out"), none.toString()));
  }

  @Test
  void missingPromptTokensColumn() throws IOException {
    StructType schema = new StructType().add("output_tokens", DataTypes.IntegerType).add("model", DataTypes.StringType);
    Path trace = HostileTraces.write(dir.resolve("t"), schema, List.of(RowFactory.create(5, "gpt2")), 1);
    assertEquals("tokenfleet: trace " + trace + " has no column 'prompt_tokens' (columns: output_tokens, model)",
        fails(dir.resolve("out"), trace.toString()));
  }

  @Test
  void missingOutputTokensColumn() throws IOException {
    StructType schema = new StructType().add("prompt_tokens", DataTypes.IntegerType).add("model", DataTypes.StringType);
    Path trace = HostileTraces.write(dir.resolve("t"), schema, List.of(RowFactory.create(5, "gpt2")), 1);
    assertEquals("tokenfleet: trace " + trace + " has no column 'output_tokens' (columns: prompt_tokens, model)",
        fails(dir.resolve("out"), trace.toString()));
    assertEquals(2, lastExit, "found by the setup checks");
  }

  @Test
  void mistypedColumns() throws IOException {
    StructType strings = new StructType().add("prompt_tokens", DataTypes.StringType)
        .add("output_tokens", DataTypes.IntegerType);
    Path trace = HostileTraces.write(dir.resolve("s"), strings, List.of(RowFactory.create("100", 5)), 1);
    assertEquals("tokenfleet: trace " + trace + ": column 'prompt_tokens' must be an integer type, got string",
        fails(dir.resolve("out"), trace.toString()));

    StructType doubleTokens = new StructType().add("prompt_tokens", DataTypes.IntegerType)
        .add("output_tokens", DataTypes.DoubleType);
    Path dt = HostileTraces.write(dir.resolve("dt"), doubleTokens, List.of(RowFactory.create(100, 5.0)), 1);
    assertEquals("tokenfleet: trace " + dt + ": column 'output_tokens' must be an integer type, got double",
        fails(dir.resolve("out"), dt.toString()));

    StructType doubles = new StructType().add("prompt_tokens", DataTypes.IntegerType)
        .add("output_tokens", DataTypes.IntegerType).add("arrival_time_ms", DataTypes.DoubleType);
    Path nan = HostileTraces.write(dir.resolve("d"), doubles, List.of(RowFactory.create(100, 5, Double.NaN)), 1);
    assertEquals("tokenfleet: trace " + nan + ": column 'arrival_time_ms' must be an integer type, got double",
        fails(dir.resolve("out"), nan.toString()));

    StructType numericModel = new StructType().add("prompt_tokens", DataTypes.IntegerType)
        .add("output_tokens", DataTypes.IntegerType).add("model", DataTypes.IntegerType);
    Path m = HostileTraces.write(dir.resolve("m"), numericModel, List.of(RowFactory.create(100, 5, 7)), 1);
    assertEquals("tokenfleet: trace " + m + ": column 'model' must be a string, got int",
        fails(dir.resolve("out"), m.toString()));
  }

  @Test
  void unknownGpuOrModel() throws IOException {
    String gpu = fails(dir.resolve("out"), good.toString(), "--deployments", "nope:1");
    assertTrue(gpu.contains("nope") && gpu.contains("h100-sxm"), "names the GPU and the known ones: " + gpu);
    String model = fails(dir.resolve("out"), good.toString(), "--models", "nope");
    assertTrue(model.startsWith("tokenfleet: unknown model 'nope' (known: "), model);
  }

  @Test
  void unknownGpuOrModelInAScenarioFileNamesTheKey() throws IOException {
    Path gpu = Files.writeString(dir.resolve("bad-gpu.conf"), "tokenfleet.scenario.deployments = [\"nope:1\"]\n");
    String line = failsWithArgs(dir.resolve("out"), good.toString(), "--scenario", gpu.toString(), "--models", "gpt2",
        "--strategies", "greedy");
    assertTrue(line.startsWith("tokenfleet: tokenfleet.scenario.deployments: unknown gpu 'nope' (known: ")
        && line.contains("h100-sxm"), line);

    Path model = Files.writeString(dir.resolve("bad-model.conf"), "tokenfleet.scenario.models = [\"nope\"]\n");
    String m = failsWithArgs(dir.resolve("out"), good.toString(), "--scenario", model.toString(), "--deployments",
        "h100-sxm:1", "--strategies", "greedy");
    assertTrue(m.startsWith("tokenfleet: tokenfleet.scenario.models: unknown model 'nope' (known: ") && m.contains("gpt2"), m);
    assertEquals(2, lastExit);
  }

  @Test
  void batchBelowOne() throws IOException {
    // the small scenario's own --batch 8 would clash with a second --batch, so the flags are given here
    String line = failsWithArgs(dir.resolve("out"), good.toString(), "--models", "gpt2", "--strategies", "greedy",
        "--deployments", "h100-sxm:1", "--time-model", "flops", "--batch", "0");
    assertEquals("tokenfleet: --batch must be >= 1, got 0", line);
    assertEquals(2, lastExit);
    assertTrue(failsWithArgs(dir.resolve("out"), good.toString(), "--batch", "-3").endsWith("--batch must be >= 1, got -3"));
  }

  @Test
  void negativePriceInAScenarioFile() throws IOException {
    Path scenario = Files.writeString(dir.resolve("bad-price.conf"),
        "tokenfleet.gpus.h100-sxm.dollars-per-gpu-hour = -1\n");
    String line = fails(dir.resolve("out"), good.toString(), "--scenario", scenario.toString());
    assertTrue(line.contains("dollars-per-gpu-hour") && line.contains("-1"), line);
  }

  @Test
  void outputWithResultsOrAnIncompleteRunIsRefusedAndOverwriteReplacesIt() throws IOException {
    Path complete = Files.createDirectories(dir.resolve("complete"));
    Files.writeString(complete.resolve("summary.csv"), "old");
    Files.writeString(complete.resolve("_SUCCESS"), "");
    assertEquals("tokenfleet: output directory " + complete + " already has results; pass --overwrite to replace it",
        fails(complete, good.toString()));

    Path partial = Files.createDirectories(dir.resolve("partial"));
    Files.writeString(partial.resolve("summary.csv"), "old");
    assertEquals("tokenfleet: output directory " + partial
        + " holds an incomplete run (no _SUCCESS); pass --overwrite to replace it", fails(partial, good.toString()));

    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertEquals("tokenfleet: output path " + file + " is a file, not a directory", fails(file, good.toString()));

    FleetCli replaced = FleetCli.fleetCost(good.toString(), complete.toString(), "--overwrite");
    assertEquals(0, replaced.exitCode(), replaced.err());
    assertTrue(Files.exists(complete.resolve("_SUCCESS")));
    assertTrue(Files.readString(complete.resolve("summary.csv")).startsWith("model,strategy,"));
  }

  @Test
  void overwriteWithABadTraceKeepsThePreviousResult() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(0, FleetCli.fleetCost(good.toString(), out.toString()).exitCode());
    String line = fails(out, dir.resolve("missing.parquet").toString(), "--overwrite");
    assertTrue(line.contains("trace path not found"), line);
    assertTrue(Files.exists(out.resolve("_SUCCESS")), "the previous complete result survives");
  }

  @Test
  void overwriteWithATraceThatFailsDuringTheScanKeepsThePreviousResult() throws IOException {
    // the files' conflicting column types pass the setup checks (Spark reads one footer) and fail in the
    // aggregation pass, after the job claimed the directory: the claim is undone and the old result is whole
    Path out = dir.resolve("out");
    assertEquals(0, FleetCli.fleetCost(good.toString(), out.toString()).exitCode());
    byte[] summary = Files.readAllBytes(out.resolve("summary.csv"));
    Map<String, Long> before = snapshot(out);
    FleetCli r = FleetCli.fleetCost(conflictingTypes() + "/*/*.parquet", out.toString(), "--overwrite");
    assertEquals(1, r.exitCode(), "exit 1: found by the scan, not by the setup checks (exit 2); " + r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.errLines().get(0).contains("prompt_tokens"), r.err());
    assertEquals(before, snapshot(out), "every old file is back, with its size");
    assertTrue(Files.exists(out.resolve("_SUCCESS")), "the previous result is still complete");
    assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.csv")));
    assertFalse(Files.exists(out.resolve(io.tokenfleet.spark.OutputDirectory.REPLACED_SUCCESS)), "_SUCCESS renamed back");
  }

  @Test
  void aFailedRunIsNeverMarkedComplete() throws IOException {
    Path out = dir.resolve("never");
    fails(out, dir.resolve("missing.parquet").toString());
    assertFalse(Files.exists(out), "a run that failed its checks creates nothing");
  }
  @Test
  void filesWithConflictingColumnTypes() throws IOException {
    // one file's prompt_tokens is an int, another's a string: the job must stop with one line, whichever file
    // Spark took the schema from
    String line = fails(dir.resolve("out"), conflictingTypes() + "/*/*.parquet");
    assertTrue(line.contains("prompt_tokens"), "names the column: " + line);
  }

  /** Two Parquet folders under one parent whose prompt_tokens are an int in one and a string in the other. */
  private Path conflictingTypes() {
    Path folder = dir.resolve("conflict");
    HostileTraces.write(folder.resolve("a"), HostileTraces.copies(3, 100, 20, "gpt2"));
    StructType strings = new StructType().add("request_id", DataTypes.StringType)
        .add("arrival_time_ms", DataTypes.LongType).add("prompt_tokens", DataTypes.StringType)
        .add("output_tokens", DataTypes.IntegerType).add("model", DataTypes.StringType);
    HostileTraces.write(folder.resolve("b"), strings, List.of(RowFactory.create("x", 0L, "100", 20, "gpt2")), 1);
    return folder;
  }
}
