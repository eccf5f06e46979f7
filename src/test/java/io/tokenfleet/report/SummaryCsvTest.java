package io.tokenfleet.report;

import static io.tokenfleet.report.Rows.full;
import static io.tokenfleet.report.Rows.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.fleet.SummaryRow;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCsvTest {

  static List<SummaryRow> variety() {
    return List.of(
        row("llama-3-8b", "greedy", true, "h100-sxm", 1, 1.5),
        row("llama-3-8b", "greedy", false, "h100-sxm", 1, 3.0),
        row("llama-3-8b", "beam:4", true, "h100-sxm", 1, 4.5),
        row("llama-3-8b", "beam:16", true, "h100-sxm", 1, 12.0),
        row("llama-3-8b", "greedy", true, "a100-80g", 1, 2.25),
        row("llama-3-8b", "greedy", true, "h100-sxm", 2, 1.75),
        row("llama-3-70b", "greedy", true, "h100-sxm", 4, 20.0),
        row("llama-3-70b", "parallel:8", true, "h100-sxm", 4, 70.0));
  }

  @Test
  void headerIsTheDocumentedColumnList() {
    String header = SummaryCsv.toCsv(List.of()).strip();
    // typed from the task's column list, not from SummaryColumn
    assertEquals("model,strategy,kv_cache,gpu,tp,requests,prompt_tokens,output_tokens,flops_prefill,flops_decode,flops_total,"
        + "gpu_hours,dollars,dollars_per_m_input_tokens,dollars_per_m_output_tokens,ttft_p50_s,ttft_p99_s,e2e_p50_s,e2e_p99_s,"
        + "kv_peak_bytes_p99,rejected", header);
  }

  @Test
  void sameRowsInAnyOrderGiveTheSameBytes() {
    String first = SummaryCsv.toCsv(variety());
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<SummaryRow> shuffled = new ArrayList<>(variety());
      Collections.shuffle(shuffled, random);
      assertEquals(first, SummaryCsv.toCsv(shuffled));
    }
  }

  @Test
  void rowsAreSortedByModelFamilyWidthCacheGpuTp() {
    List<String> lines = SummaryCsv.toCsv(variety()).lines().skip(1).map(l -> String.join(",", List.of(l.split(",")).subList(0, 5)))
        .toList();
    // by hand: "llama-3-70b" < "llama-3-8b" ('7' < '8'); beam before greedy before parallel; beam:4 before
    // beam:16 (numeric); cache on before off; a100 before h100; tp 1 before 2
    assertEquals(List.of(
        "llama-3-70b,greedy,true,h100-sxm,4",
        "llama-3-70b,parallel:8,true,h100-sxm,4",
        "llama-3-8b,beam:4,true,h100-sxm,1",
        "llama-3-8b,beam:16,true,h100-sxm,1",
        "llama-3-8b,greedy,true,a100-80g,1",
        "llama-3-8b,greedy,true,h100-sxm,1",
        "llama-3-8b,greedy,true,h100-sxm,2",
        "llama-3-8b,greedy,false,h100-sxm,1"), lines);
  }

  @Test
  void readingBackGivesTheSameRowsBitForBit() throws Exception {
    List<SummaryRow> rows = List.of(
        full("m,with \"quotes\"\nand a newline", "beam:4", false, "h100-sxm", 8, Long.MAX_VALUE, 0, 123456789012L,
            0.1 + 0.2, 3.3e25, Double.MIN_VALUE, 1e-300, 1.0 / 3, 2.0 / 3, Math.PI, 1e-3, 9.99e-4, 1e7, 9999999.999999998,
            Double.NaN, 0),
        full("plain", "greedy", true, "a100", 1, 1, 2, 3, 4.0, 5.0, 9.0, 0.5, 1.0, 2.0, 3.0, 0.001, 0.002, 0.003, 0.004,
            Double.POSITIVE_INFINITY, Long.MIN_VALUE));
    String csv = SummaryCsv.toCsv(rows);
    List<SummaryRow> back = SummaryCsv.read(new StringReader(csv));
    // records compare doubles with Double.compare semantics, so NaN == NaN and bits must match
    assertEquals(SummaryOrder.sorted(rows), back);
    assertEquals(csv, SummaryCsv.toCsv(back));
  }

  @Test
  void quotesOnlyFieldsThatNeedIt() {
    String csv = SummaryCsv.toCsv(List.of(row("a,b", "greedy", true, "g\"x", 1, 1.0)));
    String line = csv.lines().skip(1).findFirst().orElseThrow();
    assertTrue(line.startsWith("\"a,b\",greedy,true,\"g\"\"x\",1,1000,500000,200000,1.0E15,2.0E15,3.0E15,0.5,1.0,"), line);
    assertTrue(csv.endsWith("\n") && !csv.contains("\r"), "LF line ends");
  }

  @Test
  void writesUtf8FileIdenticalOnRerun(@TempDir Path dir) throws Exception {
    List<SummaryRow> rows = List.of(row("modèle-\u00e9\u4e2d", "greedy", true, "h100", 1, 1.0));
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    SummaryCsv.write(rows, a);
    SummaryCsv.write(rows, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertTrue(Files.readString(a, StandardCharsets.UTF_8).contains("modèle-é中"));
  }

  @Test
  void badInputIsNamedByLineAndColumn() {
    String header = String.join(",", SummaryColumn.header());
    String good = SummaryCsv.toCsv(List.of(row("m", "greedy", true, "h100", 1, 1.0))).lines().skip(1).findFirst().orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SummaryCsv.read(new StringReader(header + "\n" + good + "\n" + good.replace(",true,", ",yes,") + "\n")));
    assertEquals("summary.csv line 3, column kv_cache: expected true or false, got 'yes'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SummaryCsv.read(new StringReader(header + "\n" + good.replace(",1000,", ",1e3,") + "\n")));
    assertEquals("summary.csv line 2, column requests: expected long, got '1e3'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SummaryCsv.read(new StringReader("model,strategy\n")));
    assertTrue(e.getMessage().startsWith("summary.csv header must be model,strategy,kv_cache,"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SummaryCsv.read(new StringReader("")));
    assertEquals("summary.csv is empty (expected a header line)", e.getMessage());
  }

  @Test
  void duplicateVariantsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryCsv.toCsv(List.of(
        row("m", "greedy", false, "h100", 1, 1.0), row("m", "greedy", false, "h100", 1, 2.0))));
    assertEquals("duplicate summary row for model m, strategy greedy/no-cache, deployment h100:1", e.getMessage());
  }
}
