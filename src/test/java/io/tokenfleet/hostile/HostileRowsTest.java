package io.tokenfleet.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestFlops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row-level hostility: extreme, missing and malformed values are rejected with a reason or costed exactly. */
class HostileRowsTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  private static final int MAX = Integer.MAX_VALUE; // 2^31 - 1 = 2,147,483,647

  @TempDir
  Path dir;

  private static Map<String, Long> rejectCounts(Path out) {
    return TestSpark.session().read().option("header", "true").option("escape", "\"").csv(out.resolve("rejects").toString())
        .collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.getAs("rejected_for_model") + "/" + r.getAs("reason"), Collectors.counting()));
  }

  @Test
  void maximalTokenCountsAreRejectedBeyondContextOrCostedWithoutOverflow() throws Exception {
    List<Row> rows = List.of(
        HostileTraces.row("max-both", 0L, MAX, MAX, "gpt2"),
        HostileTraces.row("max-both-again", 1L, MAX, MAX, "gpt2"),
        HostileTraces.row("max-prompt", 2L, MAX, 1, "gpt2"),
        HostileTraces.row("ok", 3L, 10, 10, "gpt2"));
    Path trace = HostileTraces.write(dir.resolve("trace"), rows);

    Path strict = dir.resolve("strict");
    FleetCli r = FleetCli.fleetCost(trace.toString(), strict.toString());
    assertEquals(0, r.exitCode(), r.err());
    CSVRecord row = SummaryFile.only(SummaryFile.read(strict), "gpt2");
    assertEquals(1, Long.parseLong(row.get("requests")));
    assertEquals(3, Long.parseLong(row.get("rejected")));
    assertEquals(Map.of("gpt2/beyond_context", 3L), rejectCounts(strict));

    // allow-beyond-context has no flag; a scenario file sets it
    Path conf = Files.writeString(dir.resolve("beyond.conf"), "tokenfleet.scenario.allow-beyond-context = true\n");
    Path loose = dir.resolve("loose");
    FleetCli l = FleetCli.fleetCost(trace.toString(), loose.toString(), "--scenario", conf.toString());
    assertEquals(0, l.exitCode(), l.err());
    CSVRecord all = SummaryFile.only(SummaryFile.read(loose), "gpt2");
    assertEquals(4, Long.parseLong(all.get("requests")));
    assertEquals(0, Long.parseLong(all.get("rejected")));
    // token sums in long: 3 x (2^31 - 1) + 10 = 6,442,450,951 prompt; 2 x (2^31 - 1) + 1 + 10 = 4,294,967,305 output
    assertEquals(3L * MAX + 10, Long.parseLong(all.get("prompt_tokens")));
    assertEquals(2L * MAX + 11, Long.parseLong(all.get("output_tokens")));
    ModelSpec gpt2 = ModelCatalog.fromConfig(ConfigLoader.load()).get("gpt2");
    java.math.BigDecimal flops = java.math.BigDecimal.ZERO;
    for (Row x : rows) {
      flops = flops.add(new java.math.BigDecimal(
          RequestFlops.of(gpt2, x.getInt(2), x.getInt(3), DecodingStrategy.GREEDY).totalFlops()));
    }
    assertEquals(flops.doubleValue(), Double.parseDouble(all.get("flops_total")), "exact sum of the kernel's FLOPs");
    for (String column : List.of("flops_total", "gpu_hours", "dollars", "e2e_p99_s", "kv_peak_bytes_p99",
        "dollars_per_m_input_tokens", "dollars_per_m_output_tokens")) {
      double v = Double.parseDouble(all.get(column));
      assertTrue(Double.isFinite(v) && v > 0, column + " finite and positive: " + v);
    }
    // 2 x (2^31-1)^2 x ~(2 x 12 layers x 768) attention FLOPs alone exceed 1e23
    assertTrue(Double.parseDouble(all.get("flops_total")) > 1e23, all.get("flops_total"));
  }

  @Test
  void tokenCountsAboveIntRangeNonPositiveAndNullAreRejectedWithReasons() throws Exception {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("big", 0L, 1L << 31, 5L, "gpt2"));          // 2^31: one past int
    rows.add(RowFactory.create("huge", 0L, 5L, Long.MAX_VALUE, "gpt2"));
    rows.add(RowFactory.create("neg", 0L, -1L, 5L, "gpt2"));
    rows.add(RowFactory.create("min", 0L, Long.MIN_VALUE, 5L, "gpt2"));
    rows.add(RowFactory.create("zero", 0L, 0L, 0L, "gpt2"));
    rows.add(RowFactory.create("null-p", 0L, null, 5L, "gpt2"));
    rows.add(RowFactory.create("null-both", 0L, null, null, "gpt2"));
    rows.add(RowFactory.create("ok", 0L, 7L, 3L, "gpt2"));
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.LONG_TOKENS, rows, 1);
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.fleetCost(trace.toString(), out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(Map.of("gpt2/tokens_too_large", 2L, "gpt2/non_positive_tokens", 3L, "gpt2/missing_tokens", 2L),
        rejectCounts(out));
    CSVRecord row = SummaryFile.only(SummaryFile.read(out), "gpt2");
    assertEquals(1, Long.parseLong(row.get("requests")));
    assertEquals(7, Long.parseLong(row.get("rejected")));
    assertEquals(7, Long.parseLong(row.get("prompt_tokens")));
  }

  @Test
  void arrivalTimesDoNotMatterAndDuplicateIdsCountTwice() throws Exception {
    List<Row> sorted = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sorted.add(HostileTraces.row("r" + i, (long) i * 1000, 10 + i, 5 + i % 7, "gpt2"));
    }
    // the same requests with hostile times: negative, Long.MIN_VALUE, null, out of order
    List<Row> hostile = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Row s = sorted.get(i);
      Long time = switch (i % 4) {
        case 0 -> -5L * i;
        case 1 -> Long.MIN_VALUE;
        case 2 -> null;
        default -> (50L - i) * 7;
      };
      hostile.add(HostileTraces.row(s.getString(0), time, s.getInt(2), s.getInt(3), "gpt2"));
    }
    hostile.sort(Comparator.comparing((Row x) -> x.getString(0)).reversed());
    byte[] a = summary(HostileTraces.write(dir.resolve("sorted"), sorted), dir.resolve("a"));
    byte[] b = summary(HostileTraces.write(dir.resolve("hostile"), hostile), dir.resolve("b"));
    assertArrayEquals(a, b, "fleet-cost totals do not depend on arrival times or order");

    // every row twice with the same request_id: two requests each, totals exactly doubled
    List<Row> doubled = new ArrayList<>(sorted);
    doubled.addAll(sorted);
    Path twice = dir.resolve("c");
    summary(HostileTraces.write(dir.resolve("doubled"), doubled), twice);
    CSVRecord once = SummaryFile.only(SummaryFile.read(dir.resolve("a")), "gpt2");
    CSVRecord two = SummaryFile.only(SummaryFile.read(twice), "gpt2");
    assertEquals(100, Long.parseLong(two.get("requests")));
    assertEquals(2 * Long.parseLong(once.get("prompt_tokens")), Long.parseLong(two.get("prompt_tokens")));
    assertEquals(2 * Double.parseDouble(once.get("flops_total")), Double.parseDouble(two.get("flops_total")));
  }

  private static byte[] summary(Path trace, Path out) throws Exception {
    FleetCli r = FleetCli.fleetCost(trace.toString(), out.toString());
    assertEquals(0, r.exitCode(), r.err());
    return Files.readAllBytes(out.resolve("summary.csv"));
  }

  @Test
  void hostileModelNamesAreRejectedVerbatimOrReportedOnlyEscaped() throws Exception {
    // 1) as unknown model names in the trace
    List<Row> rows = new ArrayList<>(HostileTraces.copies(3, 100, 20, "gpt2"));
    rows.add(HostileTraces.row("x1", 0L, 10, 10, SCRIPT));
    rows.add(HostileTraces.row("x2", 0L, 10, 10, IMG));
    Path trace = HostileTraces.write(dir.resolve("trace"), rows);
    Path out = dir.resolve("unknown");
    FleetCli r = FleetCli.fleetCost(trace.toString(), out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> rejected = TestSpark.session().read().option("header", "true").option("escape", "\"").csv(out.resolve("rejects").toString())
        .where("reason = 'unknown_model'").orderBy("request_id").collectAsList().stream()
        .map(x -> (String) x.getAs("model")).toList();
    assertEquals(List.of(SCRIPT, IMG), rejected, "rejects keep the names verbatim (Spark CSV round trip)");
    assertNoRawMarkup(out);

    // 2) as model presets defined in a scenario file, costed and shown in every report
    Path conf = Files.writeString(dir.resolve("hostile.conf"), """
        tokenfleet.models {
          "<script>alert(1)</script>" = ${tokenfleet.models.gpt2}
          "\\"><img src=x onerror=alert(1)>" = ${tokenfleet.models.gpt2}
        }
        tokenfleet.scenario.models = ["<script>alert(1)</script>", "\\"><img src=x onerror=alert(1)>"]
        """);
    List<Row> named = new ArrayList<>(HostileTraces.copies(4, 100, 20, SCRIPT));
    named.addAll(HostileTraces.copies(2, 50, 10, IMG));
    named.add(HostileTraces.row("no-model", 0L, 30, 3, null));
    Path namedTrace = HostileTraces.write(dir.resolve("named"), named);
    Path presets = dir.resolve("presets");
    FleetCli p = FleetCli.run("fleet-cost", namedTrace.toString(), "--out", presets.toString(), "--scenario",
        conf.toString(), "--strategies", "greedy", "--deployments", "h100-sxm:1", "--time-model", "flops");
    assertEquals(0, p.exitCode(), p.err());
    List<CSVRecord> summary = SummaryFile.read(presets);
    assertEquals(5, Long.parseLong(SummaryFile.only(summary, SCRIPT).get("requests")), "4 own + 1 without a model");
    assertEquals(3, Long.parseLong(SummaryFile.only(summary, IMG).get("requests")), "2 own + 1 without a model");
    String html = assertNoRawMarkup(presets);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped");
    assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        || html.contains("&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the name is shown, escaped");
  }

  /** report.html and report.md hold no live markup from the names; returns report.html. */
  private static String assertNoRawMarkup(Path out) throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    String md = Files.readString(out.resolve("report.md"));
    for (String report : List.of(html, md)) {
      assertFalse(report.contains(SCRIPT), "raw <script> name");
      assertFalse(report.contains("<img"), "raw <img>");
      assertFalse(report.toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script element at all");
    }
    assertFalse(html.contains("onerror=alert(1)>"), "no unescaped attribute break-out");
    return html;
  }
}
