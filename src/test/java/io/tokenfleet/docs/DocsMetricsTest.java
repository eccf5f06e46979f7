package io.tokenfleet.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenfleet.cli.TokenfleetCli;
import io.tokenfleet.fleet.RejectReason;
import io.tokenfleet.report.PlanTables;
import io.tokenfleet.report.SummaryColumn;
import io.tokenfleet.spark.PlanInput;
import io.tokenfleet.spark.PlanParquet;
import io.tokenfleet.spark.RejectedRows;
import io.tokenfleet.spark.RequestDetail;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/METRICS.md defines every output column, and exactly those: the tables of its sections are
 * compared with the code's schemas (names, order and types), so the document cannot drift.
 */
class DocsMetricsTest {
  private static final Path METRICS = Path.of("docs/METRICS.md");
  private static String doc;

  @BeforeAll
  static void read() throws IOException {
    doc = Files.readString(METRICS);
  }

  /** The summary table is SummaryColumn's own rendering, verbatim. */
  @Test
  void summaryTableIsGeneratedFromSummaryColumn() {
    String section = section("## summary.csv and summary.parquet");
    assertTrue(section.contains(SummaryColumn.metricsMarkdownTable()),
        "docs/METRICS.md's summary table differs from SummaryColumn.metricsMarkdownTable(); paste it again:\n"
            + SummaryColumn.metricsMarkdownTable());
    List<String> expected = new ArrayList<>();
    for (SummaryColumn c : SummaryColumn.values()) {
      expected.add(c.columnName());
    }
    assertEquals(expected, names(tableRows(section)));
  }

  @Test
  void rejectsTableMatchesTheSchema() {
    assertColumns(RejectedRows.SCHEMA, tableRows(section("## rejects/")));
  }

  @Test
  void everyRejectReasonIsDefined() {
    List<String> expected = new ArrayList<>();
    for (RejectReason r : RejectReason.values()) {
      expected.add(r.code());
    }
    assertEquals(expected, names(tableRows(section("### reason codes"))));
  }

  @Test
  void detailTableMatchesTheSchema() {
    assertColumns(RequestDetail.SCHEMA, tableRows(section("## detail/")));
  }

  /** The keys of a real estimate --json with a deployment, in output order. */
  @Test
  void estimateKeysMatchTheCommandsOutput() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TokenfleetCli.run(new PrintWriter(out), new PrintWriter(err), "estimate", "--model", "gpt2", "--prompt",
        "10", "--output", "5", "--gpu", "h100-sxm", "--json");
    assertEquals(0, code, err.toString());
    JsonNode json = new ObjectMapper().readTree(out.toString());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(keys, names(tableRows(section("## estimate --json"))));
  }

  /** plan's tables: names and types in order, as PlanTables (the single source of plan.csv and its Parquet schema). */
  @Test
  void planTablesMatchPlanTables() {
    assertColumns(PlanParquet.schema(new PlanTables.Table(PlanTables.PLAN_COLUMNS, List.of())),
        tableRows(section("## plan.csv and plan.parquet")));
    assertColumns(PlanParquet.schema(new PlanTables.Table(PlanTables.TIMELINE_COLUMNS, List.of())),
        tableRows(section("## timeline.parquet")));
    assertColumns(PlanParquet.schema(new PlanTables.Table(PlanTables.EVALUATION_COLUMNS, List.of())),
        tableRows(section("## search.csv and search.parquet")));
    assertEquals(List.of(PlanInput.MISSING_ARRIVAL, PlanInput.NEGATIVE_ARRIVAL, PlanInput.EXCEEDS_KV,
        PlanInput.TOO_MANY_SEQUENCES), names(tableRows(section("### plan reason codes"))));
  }

  /** docs/plan.md shows each plan table as PlanTables renders its column docs, verbatim. */
  @Test
  void planDocShowsEveryPlanColumn() throws IOException {
    String plan = Files.readString(Path.of("docs/plan.md"));
    for (List<PlanTables.Column> columns : List.of(PlanTables.PLAN_COLUMNS, PlanTables.TIMELINE_COLUMNS,
        PlanTables.EVALUATION_COLUMNS)) {
      String table = new PlanTables.Table(columns, List.of()).columnDocs();
      assertTrue(plan.contains(table), "docs/plan.md lacks this table verbatim; paste it again:\n" + table);
    }
  }

  private static void assertColumns(StructType schema, List<String[]> rows) {
    List<String> expected = new ArrayList<>();
    for (StructField f : schema.fields()) {
      expected.add(f.name() + " " + typeName(f.dataType()));
    }
    List<String> documented = new ArrayList<>();
    for (String[] row : rows) {
      documented.add(row[0] + " " + row[1]);
    }
    assertEquals(expected, documented, "docs/METRICS.md table vs schema (name and type, in order)");
  }

  private static String typeName(DataType t) {
    if (t.equals(DataTypes.StringType)) {
      return "string";
    } else if (t.equals(DataTypes.LongType)) {
      return "long";
    } else if (t.equals(DataTypes.IntegerType)) {
      return "int";
    } else if (t.equals(DataTypes.DoubleType)) {
      return "double";
    } else if (t.equals(DataTypes.BooleanType)) {
      return "boolean";
    }
    throw new IllegalArgumentException("no documented name for Spark type " + t);
  }

  /** The text under {@code heading} up to the next heading of any level. */
  private static String section(String heading) {
    int start = doc.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "docs/METRICS.md lacks the heading '" + heading + "'");
    int from = start + heading.length() + 2;
    int end = doc.indexOf("\n#", from);
    return end < 0 ? doc.substring(from) : doc.substring(from, end);
  }

  /** Rows of Markdown tables whose first cell is a `code` name: {name, second cell}. */
  private static List<String[]> tableRows(String section) {
    List<String[]> rows = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells = line.split(" \\| ");
        String name = cells[0].substring(3, cells[0].indexOf('`', 3));
        rows.add(new String[] {name, cells.length > 1 ? cells[1].trim() : ""});
      }
    }
    return rows;
  }

  private static List<String> names(List<String[]> rows) {
    return rows.stream().map(r -> r[0]).toList();
  }
}
