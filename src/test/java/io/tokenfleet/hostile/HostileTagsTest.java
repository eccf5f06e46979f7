package io.tokenfleet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.trace.ParquetSettings;
import io.tokenfleet.trace.TraceWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Markup in the trace's {@code tags} (map&lt;string, string&gt; in trace.avsc). fleet-cost reads only the
 * token, model, id and time columns, so tags reach no output at all: not the reports, not summary.csv,
 * not rejects/ and not detail/. The job runs as if the column were absent.
 */
class HostileTagsTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";

  @TempDir
  Path dir;

  @Test
  void tagsWithMarkupAreIgnoredAndReachNoOutput() throws Exception {
    Path trace = Files.createDirectories(dir.resolve("trace")).resolve("part-0.parquet");
    // written by the converter's own writer (parquet-avro with trace.avsc), so the tags column has the canonical type
    try (TraceWriter w = new TraceWriter(trace, ParquetSettings.DEFAULT, Map.of())) {
      w.write("t1", 0L, 100, 20, "gpt2", Map.of("note", SCRIPT));
      w.write("t2", 1L, 200, 30, "gpt2", Map.of("note", IMG, SCRIPT, IMG)); // markup as a key too
      w.write("t3", 2L, 50, 10, null, Map.of("note", IMG));                 // no model: routed to gpt2
      w.write("t4", 3L, 10, 10, "not-in-scenario", Map.of("note", SCRIPT));  // rejected: unknown_model
      w.write("t5", 4L, 1000, 100, "gpt2", Map.of("note", SCRIPT));          // rejected: 1,099 positions > 1,024
      w.write("t6", 5L, 40, 4, "gpt2", null);
    }
    Dataset<Row> read = TestSpark.session().read().parquet(trace.toString());
    assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        read.schema().apply("tags").dataType(), "tags as Spark sees the avsc's map<string, string>");

    Path out = dir.resolve("out");
    FleetCli r = FleetCli.fleetCost(dir.resolve("trace").toString(), out.toString(), "--detail");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("input rows: 6\n"), r.out());
    assertTrue(r.out().contains("gpt2             5 routed = 4 accepted + 1 rejected (beyond_context 1)"), r.out());
    assertTrue(r.out().contains("1 rows rejected: model not in the scenario"), r.out());

    CSVRecord row = SummaryFile.only(SummaryFile.read(out), "gpt2");
    // accepted t1, t2, t3, t6: prompts 100 + 200 + 50 + 40 = 390, outputs 20 + 30 + 10 + 4 = 64
    assertEquals(4, Long.parseLong(row.get("requests")));
    assertEquals(1, Long.parseLong(row.get("rejected")));
    assertEquals(390, Long.parseLong(row.get("prompt_tokens")));
    assertEquals(64, Long.parseLong(row.get("output_tokens")));

    // no text file of the output carries any part of the payloads (tags never reach an output) ...
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".parquet") || name.endsWith(".crc")) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        assertFalse(text.contains("alert(1)") || text.contains("onerror") || text.contains("<script"),
            out.relativize(f) + " holds part of a tag payload");
      }
    }
    // ... and neither do the Parquet outputs, read back as values
    for (String parquet : List.of("summary.parquet", "detail")) {
      Dataset<Row> df = TestSpark.session().read().parquet(out.resolve(parquet).toString());
      assertFalse(List.of(df.columns()).contains("tags"), parquet + " has no tags column");
      for (Row x : df.collectAsList()) {
        assertFalse(x.toString().contains("alert(1)"), parquet + ": " + x);
      }
    }
    assertEquals(4, TestSpark.session().read().parquet(out.resolve("detail").toString()).count(),
        "detail: 4 accepted requests x 1 variant");
    String html = Files.readString(out.resolve("report.html"));
    assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("<script") || html.contains("<img"), "no live markup");
  }
}
