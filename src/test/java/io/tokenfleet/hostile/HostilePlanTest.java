package io.tokenfleet.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.FleetSearch;
import io.tokenfleet.plan.ReplicaSimulation;
import io.tokenfleet.plan.RankedRows;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.Slo;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through {@code plan}: broken arrival times are rejected row by row with a reason
 * (counted, in rejects/, accepted + rejected = input), a span no window count can hold is a
 * one-line error, order and duplicate ids do not change the meaning of a trace, names and tags
 * from the trace never become markup, token counts at the int limit neither overflow nor crash,
 * and every file-level problem is one line with a non-zero exit and an untouched output directory.
 */
class HostilePlanTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  private static final int MAX = Integer.MAX_VALUE; // 2^31 - 1
  /** gpt2 (1024-token context) on one H100 under the flops model: small and fast, SLO easily met. */
  private static final List<String> SCENARIO = List.of("--models", "gpt2", "--deployments", "h100-sxm:1", "--time-model",
      "flops");

  @TempDir
  Path dir;

  private static FleetCli plan(Path trace, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("plan", trace.toString(), "--out", out.toString()));
    args.addAll(SCENARIO);
    args.addAll(List.of(extra));
    if (!args.contains("--slo")) {
      args.addAll(List.of("--slo", "ttft_p99=2,tpot_p99=0.1"));
    }
    return FleetCli.run(args.toArray(String[]::new));
  }

  /** {@code n} ordinary gpt2 requests 250 ms apart, ids r0.. */
  private static List<Row> ordinary(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(HostileTraces.row("r" + i, 250L * i, 20 + (i * 37) % 300, 1 + (i * 11) % 60, "gpt2"));
    }
    return rows;
  }

  /** rejects/ (every part file) read with commons-csv as RFC 4180. */
  private static List<CSVRecord> rejects(Path out) throws IOException {
    List<CSVRecord> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(out.resolve("rejects"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
          all.addAll(parser.getRecords());
        }
      }
    }
    return all;
  }

  private static Map<String, String> planRow(Path out) throws IOException {
    try (Reader in = Files.newBufferedReader(out.resolve("plan.csv"), StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      List<CSVRecord> rows = parser.getRecords();
      assertEquals(1, rows.size(), "one option");
      return rows.get(0).toMap();
    }
  }

  @Test
  void nullNegativeAndMinimalArrivalsAreRejectedWithReasonsAndCounted() throws IOException {
    List<Row> rows = new ArrayList<>(ordinary(40));
    rows.add(HostileTraces.row("null-time", null, 10, 5, "gpt2"));
    rows.add(HostileTraces.row("negative", -1L, 10, 5, "gpt2"));
    rows.add(HostileTraces.row("very-negative", -86_400_000L, 10, 5, "gpt2"));
    rows.add(HostileTraces.row("min", Long.MIN_VALUE, 10, 5, "gpt2"));
    Path trace = HostileTraces.write(dir.resolve("trace"), rows);
    Path out = dir.resolve("out");
    FleetCli r = plan(trace, out);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains(" 44 routed = 40 accepted + 4 rejected {missing_arrival_time=1, negative_arrival_time=3}"),
        r.out());
    assertEquals("40", planRow(out).get("requests"));
    Map<String, String> reasonById = new TreeMap<>();
    for (CSVRecord x : rejects(out)) {
      reasonById.put(x.get("request_id"), x.get("reason"));
      assertEquals("gpt2", x.get("rejected_for_model"));
    }
    assertEquals(Map.of("null-time", "missing_arrival_time", "negative", "negative_arrival_time", "very-negative",
        "negative_arrival_time", "min", "negative_arrival_time"), reasonById);
    CSVRecord min = rejects(out).stream().filter(x -> x.get("request_id").equals("min")).findFirst().orElseThrow();
    assertEquals(Long.toString(Long.MIN_VALUE), min.get("arrival_time_ms"), "the row is kept verbatim");
    assertTrue(min.get("reason_detail").contains(Long.toString(Long.MIN_VALUE)), min.get("reason_detail"));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void anArrivalFarFromTheRestIsOneLineNamingTheSpanAndAWindowThatFits() throws IOException {
    for (long stray : new long[] {31_557_600_000_000L, Long.MAX_VALUE}) { // 1000 years after the rest; the largest long
      List<Row> rows = new ArrayList<>(ordinary(20));
      rows.add(HostileTraces.row("stray", stray, 10, 5, "gpt2"));
      Path trace = HostileTraces.write(dir.resolve("stray-" + stray), rows);
      Path out = dir.resolve("stray-out-" + stray);
      long start = System.nanoTime();
      FleetCli r = plan(trace, out);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertNotEquals(0, r.exitCode(), r.err());
      assertEquals(1, r.errLines().size(), r.err());
      String line = r.errLines().get(0);
      // windows of 60 s from window 0 to floorDiv(stray, 60000)
      long windows = Math.floorDiv(stray, 60_000L) + 1;
      assertTrue(line.startsWith("tokenfleet: gpt2: accepted arrivals span "), line);
      assertTrue(line.contains("(arrival_time_ms 0 to " + stray + ")"), line);
      assertTrue(line.contains(String.format(Locale.ROOT, "%,d windows of 60 s", windows)), line);
      assertTrue(line.contains("tokenfleet.plan.max-windows = 100,000"), line);
      assertTrue(line.contains("set tokenfleet.plan.window-seconds to at least "), line);
      assertFalse(Files.exists(out.resolve("_SUCCESS")));
      assertFalse(Files.exists(out), "nothing left behind");
      assertTrue(seconds < 60, "refused quickly, not sized: " + seconds + " s");
    }
    // the suggestion fits: 1000 years = 31,557,600,000,000 ms in at most 100,000 windows: floor(span / 99,999) + 1 =
    // 315,579,156 ms, rounded up to 315,580 s
    List<Row> rows = new ArrayList<>(ordinary(20));
    rows.add(HostileTraces.row("stray", 31_557_600_000_000L, 10, 5, "gpt2"));
    FleetCli r = plan(HostileTraces.write(dir.resolve("again"), rows), dir.resolve("again-out"));
    assertTrue(r.err().contains("1000 years"), r.err());
    assertTrue(r.err().contains("window-seconds to at least 315580,"), r.err());
  }

  @Test
  void unsortedArrivalsGiveTheSamePlanAsSortedOnes() throws IOException {
    List<Row> sorted = ordinary(300);
    List<Row> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(4));
    assertNotEquals(sorted, shuffled);
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, plan(HostileTraces.write(dir.resolve("sorted"), sorted), a).exitCode());
    // written as 3 files in shuffled order
    assertEquals(0, plan(HostileTraces.write(dir.resolve("shuffled"), HostileTraces.CANONICAL, shuffled, 3), b).exitCode());
    assertArrayEquals(Files.readAllBytes(a.resolve("plan.csv")), Files.readAllBytes(b.resolve("plan.csv")));
    assertArrayEquals(Files.readAllBytes(a.resolve("search.csv")), Files.readAllBytes(b.resolve("search.csv")));
  }

  @Test
  void duplicateRequestIdsAreSeparateRequests() throws IOException {
    List<Row> once = ordinary(200);
    List<Row> twice = new ArrayList<>(once);
    twice.addAll(once); // every row again, same request_id, same arrival
    Path out = dir.resolve("twice");
    FleetCli r = plan(HostileTraces.write(dir.resolve("trace"), twice), out, "--slo", "ttft_p99=0.05,tpot_p99=0.01");
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> row = planRow(out);
    assertEquals("400", row.get("requests"));
    // the same as a pure-Java search over 400 requests, each row twice (the copies are indistinguishable)
    List<Row> ranked = new ArrayList<>(twice);
    ranked.sort(Comparator.comparingLong((Row x) -> x.getLong(1)).thenComparing(x -> x.getString(0)));
    var root = ConfigLoader.load();
    Deployment d = Deployment.of(ModelCatalog.fromConfig(root).get("gpt2"), GpuCatalogConfig.from(root).get("h100-sxm"), 1, 16);
    ContinuousBatchingSimulator sim = new ContinuousBatchingSimulator(PlanConfig.from(root).scheduler(d),
        TimeModelConfig.from(root).models().byName("flops").stepTimer(d));
    FleetEvaluation local = new FleetSearch(ReplicaSimulation.of(sim), Router.roundRobin(), 1, d.gpu().dollarsPerGpuHour(), 1024)
        .search(RankedRows.table(ranked, 1, 2, 3, 1), Slo.p99(0.05, 0.01)).chosen();
    assertEquals(Integer.toString(local.replicas()), row.get("replicas"));
    assertEquals(local.ttftP99Seconds(), Double.parseDouble(row.get("ttft_p99_s")));
    assertEquals(local.e2eP99Seconds(), Double.parseDouble(row.get("e2e_p99_s")));
  }

  @Test
  void hostileModelNamesAndTagsNeverBecomeMarkup() throws IOException {
    // tags as trace.avsc has them: map<string, string>, here full of markup
    StructType withTags = HostileTraces.CANONICAL.add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    Map<String, String> evilTags = new HashMap<>();
    evilTags.put(SCRIPT, SCRIPT);
    evilTags.put("log_type", "\"><img src=x onerror=alert(1)>");
    List<Row> rows = new ArrayList<>();
    for (Row x : ordinary(30)) {
      rows.add(RowFactory.create(x.get(0), x.get(1), x.get(2), x.get(3), SCRIPT, evilTags));
    }
    rows.add(RowFactory.create("unknown", 5L, 10, 5, "no-such-model", null));
    rows.add(RowFactory.create("evil-unknown", 6L, 10, 5, "<img src=x onerror=alert(2)>", null));
    Path trace = HostileTraces.write(dir.resolve("trace"), withTags, rows, 1);
    // the hostile name is also a preset of the scenario, so the reports print it
    Path conf = Files.writeString(dir.resolve("hostile.conf"), """
        tokenfleet.models { "<script>alert(1)</script>" = ${tokenfleet.models.gpt2} }
        """);
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.run("plan", trace.toString(), "--out", out.toString(), "--scenario", conf.toString(), "--models",
        SCRIPT, "--deployments", "h100-sxm:1", "--time-model", "flops");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("30", planRow(out).get("requests"));
    Map<String, String> unknown = rejects(out).stream().filter(x -> x.get("reason").equals("unknown_model"))
        .collect(Collectors.toMap(x -> x.get("request_id"), x -> x.get("model")));
    assertEquals(Map.of("unknown", "no-such-model", "evil-unknown", "<img src=x onerror=alert(2)>"), unknown,
        "rejects keep the names verbatim");
    String html = Files.readString(out.resolve("plan.html"));
    String md = Files.readString(out.resolve("plan.md"));
    for (String report : List.of(html, md)) {
      assertFalse(report.toLowerCase(Locale.ROOT).contains("<script"), "no script element");
      assertFalse(report.contains("<img"), "no img element");
      assertFalse(report.contains("onerror=alert(1)>") || report.contains("onerror=alert(2)>"), "no attribute break-out");
    }
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the model name is shown, escaped");
    assertFalse(html.contains("log_type"), "tags are not part of the plan");
  }

  @Test
  void tokenCountsAtTheIntLimitAreRejectedNotOverflowed() throws IOException {
    List<Row> rows = new ArrayList<>(ordinary(20));
    rows.add(HostileTraces.row("max-both", 1L, MAX, MAX, "gpt2"));
    rows.add(HostileTraces.row("max-prompt", 2L, MAX, 1, "gpt2"));
    rows.add(HostileTraces.row("max-output", 3L, 1, MAX, "gpt2"));
    Path trace = HostileTraces.write(dir.resolve("trace"), rows);
    Path strict = dir.resolve("strict");
    FleetCli r = plan(trace, strict);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("20", planRow(strict).get("requests"));
    assertEquals(List.of("beyond_context", "beyond_context", "beyond_context"),
        rejects(strict).stream().map(x -> x.get("reason")).toList());
    // past the context check, the KV check: 2^31 - 1 positions never fit a replica (the block counts are longs)
    Path conf = Files.writeString(dir.resolve("beyond.conf"), "tokenfleet.scenario.allow-beyond-context = true\n");
    Path loose = dir.resolve("loose");
    FleetCli l = plan(trace, loose, "--scenario", conf.toString());
    assertEquals(0, l.exitCode(), l.err());
    assertEquals("20", planRow(loose).get("requests"));
    List<CSVRecord> kv = rejects(loose);
    assertEquals(List.of("exceeds_kv_capacity", "exceeds_kv_capacity", "exceeds_kv_capacity"),
        kv.stream().map(x -> x.get("reason")).toList());
    // ceil((2^31 - 1) / 16) = 134,217,728 prompt blocks for max-prompt
    assertTrue(kv.stream().anyMatch(x -> x.get("reason_detail").startsWith("needs 134217728 KV blocks")), kv.toString());
    // one more than the int limit is tokens_too_large
    List<Row> longs = List.of(RowFactory.create("big", 0L, 1L << 31, 5L, "gpt2"), RowFactory.create("ok", 0L, 10L, 5L, "gpt2"));
    Path big = dir.resolve("big-out");
    FleetCli b = plan(HostileTraces.write(dir.resolve("big"), HostileTraces.LONG_TOKENS, longs, 1), big);
    assertEquals(0, b.exitCode(), b.err());
    assertEquals(List.of("tokens_too_large"), rejects(big).stream().map(x -> x.get("reason")).toList());
  }

  /** Runs plan into {@code out} and checks the failure contract; returns the stderr line. */
  private String fails(Path out, String trace) throws IOException {
    boolean existed = Files.exists(out);
    FleetCli r = FleetCli.run(Stream.concat(Stream.of("plan", trace, "--out", out.toString()), SCENARIO.stream())
        .toArray(String[]::new));
    assertNotEquals(0, r.exitCode(), "exit code; stdout: " + r.out());
    assertEquals(1, r.errLines().size(), "exactly one stderr line: " + r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("tokenfleet: "), line);
    assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains(".java:"), "no stack trace: " + line);
    assertEquals(existed, Files.exists(out), "the output directory is untouched");
    return line;
  }

  @Test
  void fileLevelProblemsAreOneLineThroughPlan() throws IOException {
    Path out = dir.resolve("out");
    String missing = dir.resolve("nope.parquet").toString();
    assertEquals("tokenfleet: trace path not found: " + missing, fails(out, missing));

    Path text = Files.writeString(dir.resolve("trace.parquet"), "request_id,prompt_tokens\nr1,10\n");
    assertTrue(fails(out, text.toString()).startsWith("tokenfleet: cannot read trace " + text + " as Parquet"));

    Path empty = Files.write(dir.resolve("empty.parquet"), new byte[0]);
    String emptyLine = fails(out, empty.toString());
    assertTrue(emptyLine.startsWith("tokenfleet: trace file is empty (0 bytes): ") && emptyLine.endsWith("empty.parquet"),
        emptyLine);

    Path none = HostileTraces.write(dir.resolve("none"), List.of());
    assertEquals("tokenfleet: trace " + none + " has no rows", fails(out, none.toString()));

    StructType noPrompt = new StructType().add("arrival_time_ms", DataTypes.LongType).add("output_tokens", DataTypes.IntegerType);
    Path t = HostileTraces.write(dir.resolve("t"), noPrompt, List.of(RowFactory.create(0L, 5)), 1);
    assertEquals("tokenfleet: trace " + t + " has no column 'prompt_tokens' (columns: arrival_time_ms, output_tokens)",
        fails(out, t.toString()));

    byte[] good = Files.readAllBytes(firstPart(HostileTraces.write(dir.resolve("good"), ordinary(10))));
    Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(good, good.length / 2));
    assertTrue(fails(out, cut.toString()).startsWith("tokenfleet: cannot read trace " + cut), "truncated");
    assertFalse(Files.exists(out), "no run left anything behind");
  }

  private static Path firstPart(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }
}
