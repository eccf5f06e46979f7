package io.tokenfleet.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.tokenfleet.TestSpark;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.plan.ContinuousBatchingSimulator;
import io.tokenfleet.plan.FleetEvaluation;
import io.tokenfleet.plan.FleetSearch;
import io.tokenfleet.plan.FleetTimeline;
import io.tokenfleet.plan.ReplicaSimulation;
import io.tokenfleet.plan.ReplicaSummary;
import io.tokenfleet.plan.ReplicaTimeline;
import io.tokenfleet.plan.RequestTable;
import io.tokenfleet.plan.RankedRows;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.ScalingComparison;
import io.tokenfleet.plan.Slo;
import io.tokenfleet.plan.WindowActivity;
import io.tokenfleet.report.ExactNumbers;
import io.tokenfleet.spark.PlanOption;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan end to end on the two full sample traces (19,366 Azure and 12,031 Mooncake rows), through
 * the CLI in-process on the shared SparkSession; verdicts re-checked by simulating the chosen R
 * and R - 1 with the plan package directly (no Spark), and the Spark search compared with the
 * pure-Java search under both routers.
 */
class PlanCommandTest {
  private static final String AZURE = "sample-traces/azure_llm_2023_conv.parquet";
  private static final String MOONCAKE = "sample-traces/mooncake_fast25_conversation.parquet";
  private static final int AZURE_ROWS = 19_366;
  private static final int MOONCAKE_ROWS = 12_031;
  private static final Config ROOT = ConfigLoader.load();

  @TempDir
  static Path dir;
  static Path azureHead;

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
  static void smallTrace() {
    azureHead = head(AZURE, 1500, "azure-head");
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
  private static RequestTable requests(String trace, long context, int width) {
    Dataset<Row> rows = TestSpark.session().read().parquet(trace).select("arrival_time_ms", "request_id", "prompt_tokens",
        "output_tokens");
    List<Row> kept = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      if ((long) r.getInt(2) + r.getInt(3) - 1 <= context) {
        kept.add(r);
      }
    }
    kept.sort(Comparator.<Row>comparingLong(r -> r.getLong(0))
        .thenComparing(r -> r.getString(1), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparingInt(r -> r.getInt(2)).thenComparingInt(r -> r.getInt(3)));
    return RankedRows.table(kept, 0, 2, 3, width);
  }

  /** The option as the command builds it from reference.conf (batch 16), for the router's work and the simulator. */
  static PlanOption option(String model, String gpu, DecodingStrategy strategy) {
    Deployment d = Deployment.of(ModelCatalog.fromConfig(ROOT).get(model), GpuCatalogConfig.from(ROOT).get(gpu), 1, 16);
    RooflineStepTimer timer = TimeModelConfig.from(ROOT).models().byName("roofline").stepTimer(d);
    return new PlanOption(0, d, strategy, 16, PlanConfig.from(ROOT).scheduler(d), timer);
  }

  private static ContinuousBatchingSimulator simulator(PlanOption o) {
    return new ContinuousBatchingSimulator(o.scheduler(), o.timer());
  }

  /** R replicas simulated one by one under {@code router}, merged: independent of FleetSearch. */
  private static ReplicaSummary fleet(ContinuousBatchingSimulator sim, Router router, RequestTable t, int replicas) {
    ReplicaSummary total = ReplicaSummary.empty();
    for (RequestTable part : router.split(t, replicas)) {
      total.merge(part.size() == 0 ? ReplicaSummary.idle() : sim.run(part).summary());
    }
    return total;
  }

  private static double d(Map<String, String> row, String column) {
    return ExactNumbers.parseDouble(row.get(column));
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

  /**
   * The Spark plan equals the pure-Java search figure for figure, meets the SLO at R and misses it
   * at R - 1 (both re-simulated outside FleetSearch), and its timeline's fleet columns are the
   * replicas' own timelines merged.
   */
  private static void checkAgainstPureJava(Path out, RequestTable t, PlanOption o, Router router, Slo slo, int inputRows,
      long minReplicas) throws IOException {
    List<Map<String, String>> rows = csv(out);
    assertEquals(1, rows.size());
    Map<String, String> row = rows.get(0);
    int r = Integer.parseInt(row.get("replicas"));
    assertTrue(r >= minReplicas, "the test needs a fleet of at least " + minReplicas + " replicas to check R - 1, got " + r);
    assertEquals("true", row.get("slo_met"));
    assertEquals("true", row.get("recommended"));
    assertEquals(t.size(), Long.parseLong(row.get("requests")));
    assertEquals(inputRows, t.size() + rejectRows(out), "accepted + rejected = input");

    ContinuousBatchingSimulator sim = simulator(o);
    ReplicaSummary atR = fleet(sim, router, t, r);
    ReplicaSummary fewer = fleet(sim, router, t, r - 1);
    assertTrue(slo.met(atR.ttft().quantile(0.99), atR.tpot().quantile(0.99)), "R = " + r + " re-simulated");
    assertFalse(slo.met(fewer.ttft().quantile(0.99), fewer.tpot().quantile(0.99)), "R - 1 = " + (r - 1) + " re-simulated");
    assertEquals(atR.ttft().quantile(0.99), d(row, "ttft_p99_s"));
    assertEquals(fewer.ttft().quantile(0.99), d(row, "one_fewer_ttft_p99_s"));
    assertEquals(atR.queueing().quantile(0.5), d(row, "queue_p50_s"));
    assertEquals(atR.queueing().quantile(0.99), d(row, "queue_p99_s"));
    assertTrue(d(row, "queue_p99_s") <= d(row, "ttft_p99_s"), "queueing is part of TTFT");

    FleetEvaluation local = new FleetSearch(ReplicaSimulation.of(sim), router, 1, o.deployment().gpu().dollarsPerGpuHour(),
        1024).search(t, slo).chosen();
    assertEquals(local.replicas(), r);
    assertEquals(local.dollars(), d(row, "dollars"));
    assertEquals(local.ttftP50Seconds(), d(row, "ttft_p50_s"));
    assertEquals(local.tpotP99Seconds(), d(row, "tpot_p99_s"));
    assertEquals(local.e2eP99Seconds(), d(row, "e2e_p99_s"));
    assertEquals(local.utilisation(), d(row, "utilisation"));
    assertEquals(local.preemptions(), Long.parseLong(row.get("preemptions")));

    // timeline: one row per minute from the first to the last arrival's window; requests by floorDiv(ms, 60000)
    List<Row> timeline = TestSpark.session().read().parquet(out.resolve("timeline.parquet").toString())
        .orderBy("window_start_s").collectAsList();
    long firstWindow = Math.floorDiv(ScalingComparison.arrivalMillis(t, 0), 60_000);
    long lastWindow = Math.floorDiv(ScalingComparison.arrivalMillis(t, t.size() - 1), 60_000);
    int windows = (int) (lastWindow - firstWindow + 1);
    assertEquals(windows, timeline.size());
    long[] perWindow = new long[windows];
    for (int i = 0; i < t.size(); i++) {
      perWindow[(int) (Math.floorDiv(ScalingComparison.arrivalMillis(t, i), 60_000) - firstWindow)]++;
    }
    List<ReplicaTimeline> replicas = new ArrayList<>();
    for (RequestTable part : router.split(t, r)) {
      if (part.size() > 0) {
        replicas.add(sim.run(part).timeline());
      }
    }
    WindowActivity[] activity = FleetTimeline.merge(replicas, firstWindow, windows);
    double busy = 0;
    for (int w = 0; w < windows; w++) {
      Row x = timeline.get(w);
      assertEquals(perWindow[w], x.getLong(x.fieldIndex("requests")), "requests of window " + w);
      assertEquals(activity[w].busyFraction(r, 60), x.getDouble(x.fieldIndex("fleet_busy_fraction")), "window " + w);
      assertEquals(activity[w].meanBatchSequences(r, 60), x.getDouble(x.fieldIndex("fleet_mean_batch_sequences")));
      assertEquals(activity[w].maxBatchSequences(), x.getInt(x.fieldIndex("fleet_max_batch_sequences")));
      assertEquals(activity[w].meanKvFraction(r, 60), x.getDouble(x.fieldIndex("fleet_mean_kv_fraction")));
      assertEquals(activity[w].maxKvFraction(), x.getDouble(x.fieldIndex("fleet_max_kv_fraction")));
      double f = x.getDouble(x.fieldIndex("fleet_busy_fraction"));
      assertTrue(f >= 0 && f <= 1 + 1e-9, "busy fraction " + f);
      assertTrue(x.getDouble(x.fieldIndex("fleet_max_kv_fraction")) <= 1);
      assertTrue(x.getDouble(x.fieldIndex("fleet_mean_batch_sequences")) <= x.getInt(x.fieldIndex("fleet_max_batch_sequences")));
      busy += f * r * 60;
    }
    // the windows hold the fleet's busy time up to the last arrival's window (what drains after it is left out)
    assertTrue(busy <= atR.busySeconds() * (1 + 1e-9) && busy > 0.5 * atR.busySeconds(), busy + " of " + atR.busySeconds());
  }

  @Test
  void azurePlanMeetsTheSloAtRAndMissesItAtRMinusOneAndEqualsThePureJavaSearch() throws IOException {
    Path out = dir.resolve("azure-plan");
    Run run = plan(AZURE, "--out", out.toString(), "--models", "llama-2-7b", "--deployments", "a100-80gb:1",
        "--slo", "ttft_p99=0.5,tpot_p99=0.05");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("recommended for llama-2-7b: "), run.out());
    assertTrue(run.out().contains(out.resolve("plan.html").toString()), run.out());
    // Llama-2-7B has a 4096-token context
    PlanOption o = option("llama-2-7b", "a100-80gb", DecodingStrategy.GREEDY);
    checkAgainstPureJava(out, requests(AZURE, 4096, 1), o, Router.roundRobin(), Slo.p99(0.5, 0.05), AZURE_ROWS, 2);
    for (String f : List.of("plan.csv", "plan.parquet", "search.csv", "search.parquet", "timeline.parquet", "plan.md",
        "plan.html", "rejects", "_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
  }

  @Test
  void leastOutstandingWorkRoutingThroughPlanEqualsThePureJavaRouter() throws IOException {
    Path out = dir.resolve("azure-low");
    Run run = plan(AZURE, "--out", out.toString(), "--models", "llama-2-7b", "--deployments", "a100-80gb:1",
        "--slo", "ttft_p99=0.5,tpot_p99=0.05", "--routing", "least-outstanding-work");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("least-outstanding-work routing"), run.out());
    assertTrue(Files.readString(out.resolve("plan.md")).contains("routing least-outstanding-work"), "plan.md names the routing");
    assertTrue(Files.readString(out.resolve("plan.html")).contains("<dt>Routing</dt><dd>least-outstanding-work</dd>"));
    PlanOption o = option("llama-2-7b", "a100-80gb", DecodingStrategy.GREEDY);
    Router router = Router.leastOutstandingWork(o.routingWork());
    checkAgainstPureJava(out, requests(AZURE, 4096, 1), o, router, Slo.p99(0.5, 0.05), AZURE_ROWS, 2);

    Run bad = plan(AZURE, "--out", dir.resolve("bad-routing").toString(), "--routing", "random");
    assertEquals(2, bad.exitCode());
    assertEquals("tokenfleet: --routing must be one of round-robin, least-outstanding-work, got 'random'", bad.err().strip());
  }

  @Test
  void mooncakeLongPromptsBeyondTheContextAreRejectedAndTheRestPlannedOnTwoOrMoreReplicas() throws IOException {
    Path out = dir.resolve("mooncake-plan");
    // the reference scenario's SLO (p99 TTFT 2 s, TPOT 0.1 s): Mooncake's long prompts need a second H100
    Run run = plan(MOONCAKE, "--out", out.toString(), "--models", "llama-3-8b", "--deployments", "h100-sxm:1");
    assertEquals(0, run.exitCode(), run.err());
    RequestTable t = requests(MOONCAKE, 8192, 1);
    assertTrue(t.size() < MOONCAKE_ROWS, "some Mooncake prompts exceed 8192 tokens");
    assertTrue(Files.readString(out.resolve("rejects").resolve(firstCsv(out.resolve("rejects")))).contains("beyond_context"));
    checkAgainstPureJava(out, t, option("llama-3-8b", "h100-sxm", DecodingStrategy.GREEDY), Router.roundRobin(),
        Slo.p99(2, 0.1), MOONCAKE_ROWS, 2);
  }

  private static String firstCsv(Path rejects) throws IOException {
    try (Stream<Path> files = Files.list(rejects)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().findFirst().orElseThrow();
    }
  }

  @Test
  void aShuffledMultiFileCopyOfTheTraceGivesByteIdenticalPlansUnderBothRouters() throws IOException {
    Path shuffled = dir.resolve("azure-shuffled");
    TestSpark.session().read().parquet(azureHead.toString()).orderBy(org.apache.spark.sql.functions.rand(7)).repartition(5)
        .write().parquet(shuffled.toString());
    try (Stream<Path> files = Files.list(shuffled)) {
      assertEquals(5, files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count());
    }
    for (String routing : List.of("round-robin", "least-outstanding-work")) {
      Path a = dir.resolve("inv-a-" + routing);
      Path b = dir.resolve("inv-b-" + routing);
      List<String> common = List.of("--models", "llama-2-7b", "--deployments", "a100-80gb:1", "--slo",
          "ttft_p99=0.5,tpot_p99=0.05", "--routing", routing);
      List<String> argsA = new ArrayList<>(List.of(azureHead.toString(), "--out", a.toString()));
      argsA.addAll(common);
      List<String> argsB = new ArrayList<>(List.of(shuffled.toString(), "--out", b.toString()));
      argsB.addAll(common);
      assertEquals(0, plan(argsA.toArray(String[]::new)).exitCode());
      assertEquals(0, plan(argsB.toArray(String[]::new)).exitCode());
      assertTrue(Integer.parseInt(csv(a).get(0).get("replicas")) >= 2, "a fleet, so routing matters");
      assertArrayEquals(Files.readAllBytes(a.resolve("plan.csv")), Files.readAllBytes(b.resolve("plan.csv")), routing);
      assertArrayEquals(Files.readAllBytes(a.resolve("search.csv")), Files.readAllBytes(b.resolve("search.csv")), routing);
      assertEquals(timelineRows(a), timelineRows(b), routing + ": timeline.parquet");
    }
  }

  private static List<String> timelineRows(Path out) {
    return TestSpark.session().read().parquet(out.resolve("timeline.parquet").toString()).collectAsList().stream()
        .map(Row::toString).toList();
  }

  @Test
  void fractionalWindowsPutEveryArrivalInItsMillisecondWindowInEveryPass() throws IOException {
    Path small = head(AZURE, 120, "azure-120");
    Path conf = Files.writeString(dir.resolve("tenth.conf"), "tokenfleet.plan.window-seconds = 0.1\n");
    Path out = dir.resolve("tenth-plan");
    Run run = plan(small.toString(), "--out", out.toString(), "--scenario", conf.toString(), "--models", "llama-2-7b",
        "--deployments", "h100-sxm:1", "--slo", "ttft_p99=0.5,tpot_p99=0.05");
    assertEquals(0, run.exitCode(), run.err());
    RequestTable t = requests(small.toString(), 4096, 1);
    // by hand: window = floorDiv(arrival_time_ms, 100), from the first arrival's window to the last's
    long first = Math.floorDiv(ScalingComparison.arrivalMillis(t, 0), 100);
    TreeMap<Long, Long> counts = new TreeMap<>();
    for (int i = 0; i < t.size(); i++) {
      counts.merge(Math.floorDiv(ScalingComparison.arrivalMillis(t, i), 100) - first, 1L, Long::sum);
    }
    List<Row> timeline = TestSpark.session().read().parquet(out.resolve("timeline.parquet").toString())
        .orderBy("window_start_s").collectAsList();
    assertEquals(counts.lastKey() + 1, timeline.size());
    PlanOption o = option("llama-2-7b", "h100-sxm", DecodingStrategy.GREEDY);
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(simulator(o)), Router.roundRobin(), 1,
        o.deployment().gpu().dollarsPerGpuHour(), 1024);
    int[] autoscaled = ScalingComparison.compare(search, t, Slo.p99(0.5, 0.05), 1, 1, 0.1, 120, 1).replicasPerWindow();
    assertEquals(timeline.size(), autoscaled.length);
    for (int w = 0; w < timeline.size(); w++) {
      Row x = timeline.get(w);
      assertEquals(counts.getOrDefault((long) w, 0L), x.getLong(x.fieldIndex("requests")), "window " + w);
      assertEquals((first + w) * 100 / 1e3, x.getDouble(x.fieldIndex("window_start_s")), 1e-9);
      assertEquals(autoscaled[w], x.getInt(x.fieldIndex("replicas_autoscaled")), "window " + w);
    }
    // windows that straddle the old floating-point rule's mistake exist in this trace
    boolean sensitive = false;
    for (int i = 0; i < t.size(); i++) {
      long ms = ScalingComparison.arrivalMillis(t, i);
      sensitive |= (long) Math.floor(ms / 1e3 / 0.1) != Math.floorDiv(ms, 100);
    }
    assertTrue(sensitive, "some arrival the floating-point rule would misplace");
  }

  @Test
  void anSloNoFleetSizeCanMeetIsOneLineWithTheBatchOneLatency() {
    Path out = dir.resolve("impossible");
    Run run = plan(azureHead.toString(), "--out", out.toString(), "--models", "llama-2-7b", "--deployments", "a100-80gb:1",
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
    TestSpark.session().read().parquet(azureHead.toString()).drop("arrival_time_ms").limit(10).write()
        .parquet(noArrival.toString());
    Run run = plan(noArrival.toString(), "--out", dir.resolve("no-arrival-plan").toString(), "--models", "llama-2-7b",
        "--deployments", "h100-sxm:1");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().strip().startsWith("tokenfleet: trace " + noArrival + " has no column 'arrival_time_ms'"), run.err());
  }

  @Test
  void aModelThatFitsNoGpuAndANoCacheStrategyAreRefusedBeforeSpark() {
    Run tooBig = plan(azureHead.toString(), "--out", dir.resolve("too-big").toString(), "--models", "llama-2-70b",
        "--deployments", "l4:1");
    assertEquals(2, tooBig.exitCode());
    assertTrue(tooBig.err().startsWith("tokenfleet: model llama-2-70b fits none of the deployments: "), tooBig.err());
    assertFalse(Files.exists(dir.resolve("too-big")));

    Run noCache = plan(azureHead.toString(), "--out", dir.resolve("no-cache").toString(), "--strategies", "greedy/no-cache");
    assertEquals(2, noCache.exitCode());
    assertTrue(noCache.err().startsWith("tokenfleet: plan simulates a paged KV cache; strategy greedy/no-cache is not supported"),
        noCache.err());

    Run badSlo = plan(azureHead.toString(), "--out", dir.resolve("bad-slo").toString(), "--models", "llama-2-7b", "--slo",
        "p50=1");
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
    TestSpark.session().read().parquet(azureHead.toString()).limit(200).coalesce(1).write().parquet(trace.toString());
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
    // the latency chart has p50 next to p99
    assertTrue(html.contains("p50 TTFT") && html.contains("p99 TTFT") && html.contains("p50 TPOT"), "p50 and p99 lines");
  }
}
