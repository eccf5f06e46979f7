package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.hostile.FleetCli;
import io.tokenfleet.hostile.HostileTraces;
import io.tokenfleet.hostile.SummaryFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.Reader;
import java.nio.file.Files;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row accounting of fleet-cost: for each model, requests + rejected = rows routed to it, and the rows
 * in rejects/ (read back with Spark's CSV reader) match the summary per model and reason.
 */
class FleetCostRejectsTest {
  @TempDir
  Path dir;

  @Test
  void rejectsReconcileWithTheSummaryPerModelAndReason() throws Exception {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    // gpt2 (context 1024): 20 fine, 5 beyond context (P + M - 1 = 1000 + 100 - 1 = 1099 > 1024), 3 with 0 output tokens
    for (int i = 0; i < 20; i++) {
      rows.add(HostileTraces.row("g" + id++, 0L, 100, 20, "gpt2"));
    }
    for (int i = 0; i < 5; i++) {
      rows.add(HostileTraces.row("g" + id++, 0L, 1000, 100, "gpt2"));
    }
    for (int i = 0; i < 3; i++) {
      rows.add(HostileTraces.row("g" + id++, 0L, 10, 0, "gpt2"));
    }
    // llama-2-7b (context 4096): 10 fine, 2 with a null prompt
    for (int i = 0; i < 10; i++) {
      rows.add(HostileTraces.row("l" + id++, 0L, 2000, 50, "llama-2-7b"));
    }
    rows.add(HostileTraces.row("l" + id++, 0L, null, 50, "llama-2-7b"));
    rows.add(HostileTraces.row("l" + id++, 0L, null, 50, "llama-2-7b"));
    // no model: routed to both; 4 of P=2000 (beyond gpt2's context only), 1 of P=-5 (non-positive for both)
    for (int i = 0; i < 4; i++) {
      rows.add(HostileTraces.row("n" + id++, 0L, 2000, 10, null));
    }
    rows.add(HostileTraces.row("n" + id++, 0L, -5, 10, null));
    // 6 rows of models not in the scenario
    for (int i = 0; i < 6; i++) {
      rows.add(HostileTraces.row("u" + id++, 0L, 10, 10, i % 2 == 0 ? "gpt-4" : "GPT2"));
    }
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.CANONICAL, rows, 2);
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.run("fleet-cost", trace.toString(), "--out", out.toString(), "--models", "gpt2,llama-2-7b",
        "--strategies", "greedy", "--deployments", "h100-sxm:1", "--time-model", "flops");
    assertEquals(0, r.exitCode(), r.err());

    // Routed: gpt2 20 + 5 + 3 + 5 null-model = 33; llama 10 + 2 + 5 null-model = 17
    Map<String, Long> expectedRouted = Map.of("gpt2", 33L, "llama-2-7b", 17L);
    // Rejected: gpt2 5 + 3 + 4 (P=2000 beyond 1024) + 1 (P=-5) = 13; llama 2 + 1 = 3
    Map<String, Long> expectedRejected = Map.of("gpt2", 13L, "llama-2-7b", 3L);
    List<CSVRecord> summary = SummaryFile.read(out);
    for (String model : expectedRouted.keySet()) {
      CSVRecord row = SummaryFile.only(summary, model);
      long requests = Long.parseLong(row.get("requests"));
      long rejected = Long.parseLong(row.get("rejected"));
      assertEquals(expectedRejected.get(model), rejected, model);
      assertEquals(expectedRouted.get(model), requests + rejected, model + ": requests + rejected = routed");
    }
    // every input row counted once, whatever it was routed to: 28 gpt2 + 12 llama-2-7b + 5 without a model + 6 unknown
    assertTrue(r.out().startsWith("input rows: 51\n"), r.out());
    assertTrue(r.out().contains("gpt2             33 routed = 20 accepted + 13 rejected (non_positive_tokens 4, "
        + "beyond_context 9)"), r.out());
    assertTrue(r.out().contains("llama-2-7b       17 routed = 14 accepted + 3 rejected (missing_tokens 2, "
        + "non_positive_tokens 1)"), r.out());
    assertTrue(r.out().contains("6 rows rejected: model not in the scenario"), r.out());

    List<Row> counted = TestSpark.session().read().option("header", "true").option("escape", "\"").csv(out.resolve("rejects").toString())
        .groupBy("rejected_for_model", "reason").count().collectAsList();
    Map<String, Long> byModelAndReason = new HashMap<>();
    for (Row c : counted) {
      byModelAndReason.put(c.getString(0) + "/" + c.getString(1), c.getLong(2));
    }
    assertEquals(Map.of(
        "gpt2/beyond_context", 9L,          // 5 own + 4 null-model
        "gpt2/non_positive_tokens", 4L,     // 3 zero outputs + the P=-5 null-model row
        "llama-2-7b/missing_tokens", 2L,
        "llama-2-7b/non_positive_tokens", 1L,
        "null/unknown_model", 6L), byModelAndReason);
    long rejectsOfModel = byModelAndReason.entrySet().stream().filter(e -> e.getKey().startsWith("gpt2/"))
        .mapToLong(Map.Entry::getValue).sum();
    assertEquals(Long.parseLong(SummaryFile.only(summary, "gpt2").get("rejected")), rejectsOfModel);

    List<Row> unknown = TestSpark.session().read().option("header", "true").option("escape", "\"").csv(out.resolve("rejects").toString())
        .where("reason = 'unknown_model'").select("model").distinct().orderBy("model").collectAsList();
    assertEquals(List.of("GPT2", "gpt-4"), unknown.stream().map(x -> x.getString(0)).toList(),
        "model names match exactly (case-sensitive)");
  }

  @Test
  void rejectsAreRfc4180SoOtherToolsReadQuotesAndCommasVerbatim() throws Exception {
    String name = "\"><img src=x onerror=alert(1)>, \"quoted\"";
    Path trace = HostileTraces.write(dir.resolve("trace"), List.of(HostileTraces.row("q", 0L, 10, 10, name),
        HostileTraces.row("ok", 0L, 10, 10, "gpt2")));
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.fleetCost(trace.toString(), out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path part;
    try (var files = Files.list(out.resolve("rejects"))) {
      part = files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
    }
    try (Reader in = Files.newBufferedReader(part);
        CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      List<CSVRecord> records = csv.getRecords();
      assertEquals(1, records.size());
      assertEquals(name, records.get(0).get("model"));
    }
  }
}
