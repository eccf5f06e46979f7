package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * fleet-cost on a real Spark standalone cluster (master + worker on 127.0.0.1, started from the
 * Maven jars), submitted with spark-submit from the shaded jar, against the same job in local
 * mode: the summaries must be byte-identical. Then the failures a cluster has: an executor JVM
 * killed mid-job (Spark retries its tasks on a new executor; the summary still equals a clean
 * run's), and a driver killed mid-job (no _SUCCESS, the directory is refused until --overwrite,
 * and the rerun gives the clean result).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetCostClusterIT {
  private static final Path WORK = Paths.get("target/cluster-it");
  private static final String SAMPLE = "sample-traces/azure_llm_2023_conv.parquet";
  private static final List<String> HEAVY_SCENARIO = List.of("--models", "llama-2-7b",
      "--strategies", "greedy,greedy/no-cache,beam:4,beam:4/no-cache,parallel:4,parallel:4/no-cache",
      "--deployments", "h100-sxm:1,a100-80gb:1,l40s:1");
  private static LoopbackCluster cluster;
  private static Path bigTrace;

  @BeforeAll
  static void startCluster() throws Exception {
    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    cluster = new LoopbackCluster(WORK);
    bigTrace = WORK.resolve("big.parquet");
    int generated = cluster.runLocal(WORK.resolve("generate.log"), List.of("generate", "--requests", "3000000",
        "--seed", "7", "--max-prompt-tokens", "3072", "--max-output-tokens", "1024", "--out", bigTrace.toString()),
        Duration.ofMinutes(2));
    assertEquals(0, generated, log("generate.log"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void clusterSummaryEqualsLocalSummary() throws Exception {
    Path local = WORK.resolve("local-sample");
    Path remote = WORK.resolve("cluster-sample");
    assertEquals(0, cluster.runLocal(WORK.resolve("local-sample.log"), List.of("fleet-cost", SAMPLE, "--out", local.toString()),
        Duration.ofMinutes(3)), log("local-sample.log"));
    assertEquals(0, cluster.submit(WORK.resolve("cluster-sample.log"), List.of(),
        List.of("fleet-cost", Paths.get(SAMPLE).toAbsolutePath().toString(), "--out", remote.toAbsolutePath().toString()),
        Duration.ofMinutes(4)), log("cluster-sample.log"));
    assertTrue(Files.exists(remote.resolve("_SUCCESS")));
    assertEquals(Files.readString(local.resolve("summary.csv")), Files.readString(remote.resolve("summary.csv")));
  }

  @Test
  @Order(2)
  void executorKilledMidJobStillGivesTheCleanSummary() throws Exception {
    Path clean = WORK.resolve("local-big");
    List<String> cleanArgs = new ArrayList<>(List.of("fleet-cost", bigTrace.toString(), "--out", clean.toString()));
    cleanArgs.addAll(HEAVY_SCENARIO);
    assertEquals(0, cluster.runLocal(WORK.resolve("local-big.log"), cleanArgs, Duration.ofMinutes(4)), log("local-big.log"));

    Path killed = WORK.resolve("cluster-big-executor-killed");
    List<String> args = new ArrayList<>(List.of("fleet-cost", bigTrace.toAbsolutePath().toString(), "--out",
        killed.toAbsolutePath().toString()));
    args.addAll(HEAVY_SCENARIO);
    List<Path> earlierApps = applicationDirs();
    Thread killer = new Thread(() -> killExecutorRunningAnAggregationTask(killed, earlierApps, Duration.ofMinutes(3)));
    killer.start();
    int exit = cluster.submit(WORK.resolve("cluster-big.log"), List.of("spark.task.maxFailures=4"), args,
        Duration.ofMinutes(6));
    killer.join();
    assertEquals(0, exit, log("cluster-big.log"));
    assertTrue(killedExecutor != null, "an executor was killed while it ran an aggregation task");
    List<Path> apps = new ArrayList<>(applicationDirs());
    apps.removeAll(earlierApps);
    assertEquals(1, apps.size(), "one new application: " + apps);
    try (Stream<Path> executors = Files.list(apps.get(0))) {
      assertTrue(executors.filter(Files::isDirectory).count() >= 2, "the worker launched a replacement executor");
    }
    assertEquals(Files.readString(clean.resolve("summary.csv")), Files.readString(killed.resolve("summary.csv")));
  }

  @Test
  @Order(3)
  void driverKilledMidJobLeavesNoResultAndRerunWithOverwriteRecovers() throws Exception {
    Path out = WORK.resolve("local-big-driver-killed");
    List<String> args = new ArrayList<>(List.of("fleet-cost", bigTrace.toString(), "--out", out.toString()));
    args.addAll(HEAVY_SCENARIO);
    Path logFile = WORK.resolve("driver-killed.log");
    Process driver = cluster.startLocal(logFile, args);
    // The job claims the directory once its input checks pass, right before the aggregation pass
    // (seconds on this trace), so a kill shortly after the claim lands mid-aggregation.
    awaitFile(driver, logFile, out.resolve(OutputDirectory.STARTED_MARKER), Duration.ofMinutes(2));
    Thread.sleep(300);
    assertTrue(driver.isAlive(), "the job was still running when killed: " + Files.readString(logFile));
    driver.descendants().forEach(ProcessHandle::destroyForcibly);
    driver.destroyForcibly().waitFor();
    assertFalse(Files.exists(out.resolve("_SUCCESS")), "a killed job must not look complete");

    Path refusedLog = WORK.resolve("driver-killed-rerun.log");
    int refused = cluster.runLocal(refusedLog, args, Duration.ofMinutes(2));
    assertNotEquals(0, refused);
    assertTrue(Files.readString(refusedLog).contains("holds an incomplete run"), Files.readString(refusedLog));

    List<String> overwrite = new ArrayList<>(args);
    overwrite.add("--overwrite");
    assertEquals(0, cluster.runLocal(WORK.resolve("driver-killed-overwrite.log"), overwrite, Duration.ofMinutes(4)),
        log("driver-killed-overwrite.log"));
    assertEquals(Files.readString(WORK.resolve("local-big/summary.csv")), Files.readString(out.resolve("summary.csv")));
  }

  private static volatile Long killedExecutor;

  /**
   * Kills the executor JVM as soon as it runs a task after the job claimed {@code out}: the job
   * claims its output directory after the input checks, right before the aggregation pass, so that
   * task is an aggregation task (running: its "Running task" line has no "Finished task" yet).
   * Only the executor logs of the application submitted now are read.
   */
  private static void killExecutorRunningAnAggregationTask(Path out, List<Path> earlierApps, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Path claim = out.resolve(OutputDirectory.STARTED_MARKER);
    try {
      while (Instant.now().isBefore(deadline)) {
        if (Files.exists(claim) && hasRunningTask(earlierApps)) {
          List<Long> pids = cluster.executorPids();
          if (!pids.isEmpty()) {
            killedExecutor = pids.get(0);
            ProcessHandle.of(pids.get(0)).ifPresent(ProcessHandle::destroyForcibly);
            return;
          }
        }
        Thread.sleep(50);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern RUNNING = Pattern.compile("Running task \\S+ in stage \\S+ \\(TID (\\d+)\\)");
  private static final Pattern FINISHED = Pattern.compile("Finished task \\S+ in stage \\S+ \\(TID (\\d+)\\)");

  /** True when an executor of an application not in {@code earlierApps} has started a task it has not finished. */
  private static boolean hasRunningTask(List<Path> earlierApps) throws IOException {
    Set<String> running = new HashSet<>();
    for (Path app : applicationDirs()) {
      if (earlierApps.contains(app)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(app)) {
        for (Path stderr : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          String text = Files.readString(stderr);
          RUNNING.matcher(text).results().forEach(m -> running.add(m.group(1)));
          FINISHED.matcher(text).results().forEach(m -> running.remove(m.group(1)));
        }
      }
    }
    return !running.isEmpty();
  }

  /** The worker's application folders (one per submitted application, each holding one folder per executor). */
  private static List<Path> applicationDirs() throws IOException {
    Path work = WORK.resolve("worker-work");
    if (!Files.exists(work)) {
      return List.of();
    }
    try (Stream<Path> apps = Files.list(work)) {
      return apps.filter(Files::isDirectory).sorted().toList();
    }
  }

  private static void awaitFile(Process p, Path logFile, Path file, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("exited before writing " + file + ": " + Files.readString(logFile));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + file);
  }

  private static String log(String name) {
    try {
      return Files.readString(WORK.resolve(name));
    } catch (IOException e) {
      return "(no log " + name + ")";
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
