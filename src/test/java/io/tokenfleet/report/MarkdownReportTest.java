package io.tokenfleet.report;

import static io.tokenfleet.report.Rows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.fleet.SummaryRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  static final ReportContext CONTEXT = new ReportContext("Fleet cost", List.of("traces/a.parquet", "traces/b.csv"), "baseline",
      "roofline", LocalDate.of(2024, 6, 11));

  static List<SummaryRow> rows() {
    return List.of(
        row("m1", "greedy", true, "h100", 1, 1.5),
        row("m1", "greedy", false, "h100", 1, 3.0),
        row("m1", "beam:4", true, "h100", 1, 4.5),
        row("m1", "beam:4", false, "h100", 1, 13.5),
        row("m1", "greedy", true, "a100", 1, 2.0),
        row("m2", "parallel:8", true, "h100", 2, 10.0));
  }

  /** The table lines of one "## heading" section. */
  static List<String> tableOf(String md, String heading) {
    String section = md.substring(md.indexOf("## " + heading));
    int next = section.indexOf("\n## ", 3);
    section = next < 0 ? section : section.substring(0, next);
    return section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("|---")).skip(1).toList();
  }

  @Test
  void cacheMultipliersAreNoCacheOverCache() {
    String md = MarkdownReport.render(CONTEXT, rows());
    // by hand: greedy 3.0 / 1.5 = 2.00x; beam:4 13.5 / 4.5 = 3.00x; a100 greedy has no uncached twin
    assertEquals(List.of(
        "| m1 | beam:4 | h100:1 | $4.50 | $13.50 | 3.00x |",
        "| m1 | greedy | h100:1 | $1.50 | $3.00 | 2.00x |"), tableOf(md, "KV cache multipliers"));
  }

  @Test
  void beamMultipliersAreBeamOverGreedyWithTheSameCacheSetting() {
    String md = MarkdownReport.render(CONTEXT, rows());
    // by hand: cached 4.5 / 1.5 = 3.00x; uncached 13.5 / 3.0 = 4.50x; m2 parallel:8 has no greedy row
    assertEquals(List.of(
        "| m1 | beam:4 | on | h100:1 | $1.50 | $4.50 | 3.00x |",
        "| m1 | beam:4 | off | h100:1 | $3.00 | $13.50 | 4.50x |"), tableOf(md, "Beam and parallel multipliers"));
  }

  @Test
  void headerCarriesTheContext() {
    String md = MarkdownReport.render(CONTEXT, rows());
    assertTrue(md.startsWith("# Fleet cost\n\n- Run date: 2024-06-11\n- Scenario: baseline\n- Time model: roofline\n"
        + "- Traces:\n  - traces/a.parquet\n  - traces/b.csv\n- Variants (model x strategy x KV cache x deployment): 6\n"), md);
  }

  @Test
  void requestCountsAddUp() {
    String md = MarkdownReport.render(CONTEXT, rows());
    // Rows.row: 1000 accepted, 3 rejected, so 1,003 input rows for each model
    assertEquals(List.of("| m1 | 1,003 | 1,000 | 3 |", "| m2 | 1,003 | 1,000 | 3 |"), tableOf(md, "Requests"));
  }

  @Test
  void disagreeingVariantsAreListedSeparately() {
    List<SummaryRow> rows = new ArrayList<>(rows());
    SummaryRow odd = rows.remove(4);
    rows.add(new SummaryRow(odd.model(), odd.strategy(), odd.kvCache(), odd.gpu(), odd.tp(), 990, 1, 1, 0, 0, 0, 1, 2, 0, 0, 0, 0,
        0, 0, 0, 13));
    String md = MarkdownReport.render(CONTEXT, rows);
    List<String> table = tableOf(md, "Requests");
    // lines in summary order of the first variant of each group: beam:4 comes before greedy
    assertEquals("| m1 (beam:4 h100:1, beam:4/no-cache h100:1, greedy h100:1, greedy/no-cache h100:1) | 1,003 | 1,000 | 3 |",
        table.get(0));
    assertEquals("| m1 (greedy a100:1) | 1,003 | 990 | 13 |", table.get(1));
  }

  @Test
  void summaryTableUsesHumanUnits() {
    String md = MarkdownReport.render(CONTEXT, rows());
    // Rows.row(…, 1.5): gpuHours 1.5 / 2 = 0.75; $/1M in 1.5*0.25/0.5 = 0.75 (< $1: significant digits, no trailing
    // zeros); $/1M out 1.5*0.75/0.2 = 5.625, exact in binary, cents rounded half-up -> $5.63; TTFT 0.05 s = 50 ms;
    // 0.4 s = 400 ms; 2 s = 2,000 ms; 9.5 s = 9,500 ms; 1.25e9 bytes = 1.25 GB; 3e15 FLOPs
    assertTrue(md.contains("| greedy | on | h100:1 | 0.75 | $1.50 | $0.75 | $5.63 | 50 ms | 400 ms | 2,000 ms | 9,500 ms"
        + " | 1.25 GB | 3.00e+15 |"), md);
  }

  @Test
  void inputStringsAreEscaped() {
    String evil = "<script>alert(1)</script>";
    String breakout = "\"><img src=x onerror=alert(1)>";
    ReportContext context = new ReportContext(evil, List.of(breakout, "a|b\nc"), evil, breakout, LocalDate.of(2024, 1, 1));
    String md = MarkdownReport.render(context, List.of(row(evil, "greedy", true, breakout, 1, 1.0),
        row(evil, "greedy", false, breakout, 1, 2.0)));
    assertFalse(md.contains("<script"), md);
    assertFalse(md.contains("<img"), md);
    assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), md);
    assertTrue(md.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), md);
    assertTrue(md.contains("  - a\\|b c\n"), "pipes escaped, newlines folded");
    assertEquals("\\*\\_x\\_\\* \\[l\\](u) \\`c\\` \\~\\~s\\~\\~ a\\\\b", MarkdownText.escape("*_x_* [l](u) `c` ~~s~~ a\\b"));
  }

  @Test
  void sameInputsInAnyOrderGiveTheSameText() {
    List<SummaryRow> shuffled = new ArrayList<>(rows());
    Collections.reverse(shuffled);
    assertEquals(MarkdownReport.render(CONTEXT, rows()), MarkdownReport.render(CONTEXT, shuffled));
  }
}
