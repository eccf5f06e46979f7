package io.tokenfleet.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.StepTimer;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.FleetSearch;
import io.tokenfleet.plan.ReplicaSimulation;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.report.ExactNumbers;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan end to end on the first rows of the two sample traces, through the CLI in-process on the
 * shared SparkSession; verdicts re-checked by simulating the chosen R and R - 1 with the plan
 * package directly (no Spark).
 */
class PlanCommandTest {
  private static final int AZURE_ROWS = 3000;
  private static final int MOONCAKE_ROWS = 1500;

  @TempDir
  static Path dir;
  static Path azure;
  static Path mooncake;

  record Run(int exitCode, String out, String err) {}

  static Run plan(String... args) {
    TestSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 1];
    full[0] = "plan";
    System.arraycopy(args, 0, full, 1, args.length);
    int code = TokenfleetCli.run(new PrintWriter(out), new PrintWriter(err), full);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void smallTraces() {
    azure = head("sample-traces/azure_llm_2023_conv.parquet", AZURE_ROWS, "azure");
    mooncake = head("sample-traces/mooncake_fast25_conversation.parquet", MOONCAKE_ROWS, "mooncake");
  }

  /** The first n rows by arrival, as one Parquet directory. */
  private static Path head(String trace, int n, String name) {
    Path target = dir.resolve(name);
    TestSpark.session().read().parquet(trace).orderBy(col("arrival_time_ms"), col("request_id")).limit(n).coalesce(1)
        .write().parquet(target.toString());
    return target;
  }

  /** plan.csv as rows of column name -> text. */
  private static List<Map<String, String>> csv(Path out) throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("plan.csv"), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1); // no field of these runs holds a comma (violations do not)
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], fields[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * The trace's requests accepted for a model of context {@code context}, built independently of
   * the job: ranked by (arrival, request_id, prompt, output) with the rank as id, rows beyond
   * the context (P + M - 1 > context) left out.
   */
  private static RequestTable requests(Path trace, long context) {
    Dataset<Row> rows = TestSpark.session().read().parquet(trace.toString())
        .select("arrival_time_ms", "request_id", "prompt_tokens", "output_tokens");
    List<Row> kept = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      if ((long) r.getInt(2) + r.getInt(3) - 1 <= context) {
        kept.add(r);
      }
    }
    kept.sort(Comparator.<Row>comparingLong(r -> r.getLong(0)).thenComparing(r -> r.getString(1), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparingInt(r -> r.getInt(2)).thenComparingInt(r -> r.getInt(3)));
    int n = kept.size();
    long[] ids = new long[n];
    long[] arrivals = new long[n];
    int[] prompts = new int[n];
    int[] outputs = new int[n];
    int[] widths = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      arrivals[i] = kept.get(i).getLong(0);
      prompts[i] = kept.get(i).getInt(2);
      outputs[i] = kept.get(i).getInt(3);
      widths[i] = 1;
    }
    return RequestTable.ofMillis(ids, arrivals, prompts, outputs, widths);
  }

  private static ContinuousBatchingSimulator simulator(String model, String gpu) {
    Config root = ConfigLoader.load();
    Deployment d = Deployment.of(ModelCatalog.fromConfig(root).get(model), GpuCatalogConfig.from(root).get(gpu), 1, 16);
    StepTimer timer = TimeModelConfig.from(root).models().byName("roofline").stepTimer(d);
    return new ContinuousBatchingSimulator(PlanConfig.from(root).scheduler(d), timer);
  }

  /** R replicas simulated one by one with round-robin routing, merged: independent of FleetSearch. */
  private static ReplicaSummary fleet(ContinuousBatchingSimulator sim, RequestTable t, int replicas) {
    ReplicaSummary total = ReplicaSummary.empty();
    for (RequestTable part : Router.roundRobin().split(t, replicas)) {
      total.merge(part.size() == 0 ? ReplicaSummary.idle() : sim.run(part).summary());
    }
    return total;
  }

  private static double d(Map<String, String> row, String column) {
    return ExactNumbers.parseDouble(row.get(column));
  }

  @Test
  void azurePlanMeetsTheSloAtRAndMissesItAtRMinusOneAndEqualsThePureJavaSearch() throws IOException {
    Path out = dir.resolve("azure-plan");
    Slo slo = Slo.p99(0.5, 0.05);
    Run run = plan(azure.toString(), "--out", out.toString(), "--models", "llama-2-7b", "--deployments", "a100-80gb:1",
        "--slo", "ttft_p99=0.5,tpot_p99=0.05");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("recommended for llama-2-7b: "), run.out());
    assertTrue(run.out().contains(out.resolve("plan.html").toString()), run.out());
    List<Map<String, String>> rows = csv(out);
    assertEquals(1, rows.size());
    Map<String, String> row = rows.get(0);
    int r = Integer.parseInt(row.get("replicas"));
    assertTrue(r >= 2, "the test needs a fleet of at least 2 replicas to check R - 1, got " + r);
    assertEquals("true", row.get("slo_met"));
    assertEquals("true", row.get("recommended"));

    // accepted + rejected = input: Llama-2-7B has a 4096-token context
    RequestTable t = requests(azure, 4096);
    assertEquals(t.size(), Long.parseLong(row.get("requests")));
    long rejectLines = rejectRows(out);
    assertEquals(AZURE_ROWS, t.size() + rejectLines);

    ContinuousBatchingSimulator sim = simulator("llama-2-7b", "a100-80gb");
    ReplicaSummary atR = fleet(sim, t, r);
    ReplicaSummary fewer = fleet(sim, t, r - 1);
    assertTrue(slo.met(atR.ttft().quantile(0.99), atR.tpot().quantile(0.99)), "R = " + r + " re-simulated");
    assertFalse(slo.met(fewer.ttft().quantile(0.99), fewer.tpot().quantile(0.99)), "R - 1 = " + (r - 1) + " re-simulated");
    assertEquals(atR.ttft().quantile(0.99), d(row, "ttft_p99_s"));
    assertEquals(fewer.ttft().quantile(0.99), d(row, "one_fewer_ttft_p99_s"));

    // the Spark search equals the pure-Java search on the same requests, figure for figure
    double price = GpuCatalogConfig.from(ConfigLoader.load()).get("a100-80gb").dollarsPerGpuHour();
    FleetEvaluation local = new FleetSearch(ReplicaSimulation.of(sim), Router.roundRobin(), 1, price, 1024).search(t, slo).chosen();
    assertEquals(local.replicas(), r);
    assertEquals(local.dollars(), d(row, "dollars"));
    assertEquals(local.ttftP50Seconds(), d(row, "ttft_p50_s"));
    assertEquals(local.tpotP99Seconds(), d(row, "tpot_p99_s"));
    assertEquals(local.e2eP99Seconds(), d(row, "e2e_p99_s"));
    assertEquals(local.utilisation(), d(row, "utilisation"));
    assertEquals(local.preemptions(), Long.parseLong(row.get("preemptions")));

    for (String f : List.of("plan.csv", "plan.parquet", "search.csv", "search.parquet", "timeline.parquet", "plan.md",
        "plan.html", "rejects", "_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    // timeline: one row per minute from the first to the last arrival's window, requests summing to the accepted ones
    List<Row> timeline = TestSpark.session().read().parquet(out.resolve("timeline.parquet").toString()).collectAsList();
    long firstWindow = (long) Math.floor(t.arrivalSeconds(0) / 60);
    long lastWindow = (long) Math.floor(t.arrivalSeconds(t.size() - 1) / 60);
    assertEquals(lastWindow - firstWindow + 1, timeline.size());
    assertEquals(t.size(), timeline.stream().mapToLong(x -> x.getLong(x.fieldIndex("requests"))).sum());
  }

  private static long rejectRows(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out.resolve("rejects"))) {
      long n = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
        n += Files.readAllLines(f).size() - 1; // less the header
      }
      return n;
    }
  }

  @Test
  void mooncakeLongPromptsBeyondTheContextAreRejectedAndTheRestPlanned() throws IOException {
    Path out = dir.resolve("mooncake-plan");
    Slo slo = Slo.p99(2, 0.1); // the reference scenario's SLO
    Run run = plan(mooncake.toString(), "--out", out.toString(), "--models", "llama-3-8b", "--deployments", "h100-sxm:1");
    assertEquals(0, run.exitCode(), run.err());
    Map<String, String> row = csv(out).get(0);
    RequestTable t = requests(mooncake, 8192);
    assertTrue(t.size() < MOONCAKE_ROWS, "some Mooncake prompts exceed 8192 tokens");
    assertEquals(t.size(), Long.parseLong(row.get("requests")));
    assertEquals(MOONCAKE_ROWS, t.size() + rejectRows(out));
    assertTrue(Files.readString(out.resolve("rejects").resolve(firstCsv(out.resolve("rejects")))).contains("beyond_context"));

    int r = Integer.parseInt(row.get("replicas"));
    ContinuousBatchingSimulator sim = simulator("llama-3-8b", "h100-sxm");
    ReplicaSummary atR = fleet(sim, t, r);
    assertTrue(slo.met(atR.ttft().quantile(0.99), atR.tpot().quantile(0.99)), "R = " + r + " re-simulated");
    if (r > 1) {
      ReplicaSummary fewer = fleet(sim, t, r - 1);
      assertFalse(slo.met(fewer.ttft().quantile(0.99), fewer.tpot().quantile(0.99)), "R - 1 = " + (r - 1) + " re-simulated");
    }
    assertEquals(atR.ttft().quantile(0.99), d(row, "ttft_p99_s"));
  }

  private static String firstCsv(Path rejects) throws IOException {
    try (Stream<Path> files = Files.list(rejects)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).findFirst().orElseThrow();
    }
  }

  @Test
  void anSloNoFleetSizeCanMeetIsOneLineWithTheBatchOneLatency() {
    Path out = dir.resolve("impossible");
    Run run = plan(azure.toString(), "--out", out.toString(), "--models", "llama-2-7b", "--deployments", "a100-80gb:1",
        "--slo", "ttft_p99=0.001");
    assertNotEquals(0, run.exitCode());
    String err = run.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("tokenfleet: llama-2-7b: SLO impossible at any number of replicas: with every request alone on "
        + "an idle replica (batch size 1) p99 TTFT "), err);
    assertTrue(err.contains(" s > 0.001 s"), err);
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aTraceWithoutArrivalTimesIsRefused() {
    Path noArrival = dir.resolve("no-arrival");
    TestSpark.session().read().parquet(azure.toString()).drop("arrival_time_ms").limit(10).write().parquet(noArrival.toString());
    Run run = plan(noArrival.toString(), "--out", dir.resolve("no-arrival-plan").toString(), "--models", "llama-2-7b",
        "--deployments", "h100-sxm:1");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().strip().startsWith("tokenfleet: trace " + noArrival + " has no column 'arrival_time_ms'"), run.err());
  }

  @Test
  void aModelThatFitsNoGpuAndANoCacheStrategyAreRefusedBeforeSpark() {
    Run tooBig = plan(azure.toString(), "--out", dir.resolve("too-big").toString(), "--models", "llama-2-70b",
        "--deployments", "l4:1");
    assertEquals(2, tooBig.exitCode());
    assertTrue(tooBig.err().startsWith("tokenfleet: model llama-2-70b fits none of the deployments: "), tooBig.err());
    assertFalse(Files.exists(dir.resolve("too-big")));

    Run noCache = plan(azure.toString(), "--out", dir.resolve("no-cache").toString(), "--strategies", "greedy/no-cache");
    assertEquals(2, noCache.exitCode());
    assertTrue(noCache.err().startsWith("tokenfleet: plan simulates a paged KV cache; strategy greedy/no-cache is not supported"),
        noCache.err());

    Run badSlo = plan(azure.toString(), "--out", dir.resolve("bad-slo").toString(), "--models", "llama-2-7b", "--slo", "p50=1");
    assertEquals(2, badSlo.exitCode());
    assertEquals("tokenfleet: --slo: unknown key 'p50' (known: ttft_p99, tpot_p99)", badSlo.err().strip());
  }

  @Test
  void planHtmlEscapesEveryInputString() throws IOException {
    Path scenario = dir.resolve("evil.conf");
    Files.writeString(scenario, "tokenfleet.scenario.name = \"<script>alert('x')</script> & <b>bold</b>\"\n");
    Path evilDir = dir.resolve("a&b<i>");
    Files.createDirectories(evilDir);
    Path trace = evilDir.resolve("trace");
    TestSpark.session().read().parquet(azure.toString()).limit(200).coalesce(1).write().parquet(trace.toString());
    Path out = dir.resolve("evil-plan");
    Run run = plan(trace.toString(), "--out", out.toString(), "--scenario", scenario.toString(), "--models", "llama-2-7b",
        "--deployments", "h100-sxm:1");
    assertEquals(0, run.exitCode(), run.err());
    String html = Files.readString(out.resolve("plan.html"));
    assertFalse(html.contains("<script"), "no script element");
    assertFalse(html.contains("<b>bold"), "no raw markup from the scenario name");
    assertFalse(html.contains("a&b<i>"), "no raw markup from the trace path");
    assertTrue(html.contains("&lt;script&gt;"), "the name is shown escaped");
    assertTrue(html.contains("a&amp;b&lt;i&gt;"), "the path is shown escaped");
  }
}
