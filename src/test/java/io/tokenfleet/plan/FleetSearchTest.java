package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FleetSearchTest {
  private static final LinearStepTimer TIMER = new LinearStepTimer(0.010, 0.001, 0.002, 0.00001, 0);
  private static final SchedulerConfig CONFIG = new SchedulerConfig(16, 20_000, 2048, 256, true, 0.01, 60);
  private static final ContinuousBatchingSimulator SIM = new ContinuousBatchingSimulator(CONFIG, TIMER);
  // 12 req/s: about 3.3 s of busy work per second for one replica (see ContinuousBatchingSimulatorTest's arithmetic)
  private static final RequestTable TRACE = SyntheticTrace.poisson(11, 6000, 12, 200, 100, new int[] {1, 1, 2});

  /** Simulates R replicas directly (not through FleetSearch) and merges their histograms. */
  private static ReplicaSummary fleet(Router router, int replicas) {
    ReplicaSummary total = ReplicaSummary.empty();
    int[] replicaOf = router.assign(TRACE, replicas);
    for (int r = 0; r < replicas; r++) {
      List<Integer> rows = new ArrayList<>();
      for (int i = 0; i < replicaOf.length; i++) {
        if (replicaOf[i] == r) {
          rows.add(i);
        }
      }
      total.merge(SIM.run(TRACE.select(rows.stream().mapToInt(Integer::intValue).toArray())).summary());
    }
    return total;
  }

  @Test
  void theChosenFleetMeetsTheSloAndOneFewerFails() {
    Slo slo = Slo.p99(1.0, 0.05);
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 2, 3.0, 64);
    FleetSearch.Result result = search.search(TRACE, slo);
    int r = result.chosen().replicas();
    assertTrue(r >= 2, "12 req/s cannot fit one replica, got R = " + r);
    assertNotNull(result.oneFewer());
    assertEquals(r - 1, result.oneFewer().replicas());

    ReplicaSummary atR = fleet(Router.roundRobin(), r);
    ReplicaSummary atRMinus1 = fleet(Router.roundRobin(), r - 1);
    assertTrue(slo.met(atR.ttft().quantile(0.99), atR.tpot().quantile(0.99)), "R = " + r + " re-simulated");
    assertFalse(slo.met(atRMinus1.ttft().quantile(0.99), atRMinus1.tpot().quantile(0.99)), "R - 1 = " + (r - 1) + " re-simulated");

    // cost columns: gpus = 2R; gpuHours = gpus x span / 3600; dollars = 3 $/GPU-h x gpuHours
    FleetEvaluation e = result.chosen();
    assertEquals(2 * r, e.gpus());
    assertEquals(atR.spanSeconds(), e.spanSeconds(), 1e-9);
    assertEquals(2 * r * atR.spanSeconds() / 3600, e.gpuHours(), 1e-9);
    assertEquals(3.0 * e.gpuHours(), e.dollars(), 1e-9);
    double tokens = TRACE.totalPromptTokens() + TRACE.totalOutputTokens();
    assertEquals(e.dollars() / tokens * 1e6, e.dollarsPerMTokens(), 1e-9);
    assertTrue(e.sloMet() && e.sloViolations().isEmpty());
  }

  @Test
  void moreRoundRobinReplicasNeverWorsenP99() {
    double previousTtft = Double.POSITIVE_INFINITY;
    double previousE2e = Double.POSITIVE_INFINITY;
    for (int r : new int[] {1, 2, 4, 8, 16}) {
      ReplicaSummary s = fleet(Router.roundRobin(), r);
      double ttft = s.ttft().quantile(0.99);
      double e2e = s.e2e().quantile(0.99);
      assertTrue(ttft <= previousTtft, "p99 TTFT at R = " + r + ": " + ttft + " > " + previousTtft);
      assertTrue(e2e <= previousE2e, "p99 e2e at R = " + r + ": " + e2e + " > " + previousE2e);
      previousTtft = ttft;
      previousE2e = e2e;
    }
  }

  @Test
  void anSloBelowBatchOneLatencyIsImpossibleWithTheNumbers() {
    // A 200-token prompt alone takes 0.010 + 0.200 = 0.21 s to its first token; p99 alone is near that.
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 1, 2.0, 64);
    SloInfeasibleException e = assertThrows(SloInfeasibleException.class, () -> search.search(TRACE, Slo.p99(0.1, Double.NaN)));
    assertTrue(e.getMessage().startsWith("SLO impossible at any number of replicas"), e.getMessage());
    assertTrue(e.getMessage().contains("p99 TTFT 0.2") && e.getMessage().contains("> 0.1 s"), e.getMessage());
  }

  @Test
  void aBoundTooLowIsReportedWithTheLatencyReached() {
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 1, 2.0, 1);
    SloInfeasibleException e = assertThrows(SloInfeasibleException.class, () -> search.search(TRACE, Slo.p99(1.0, 0.05)));
    assertTrue(e.getMessage().contains("maxReplicas = 1"), e.getMessage());
  }

  @Test
  void routingIsDeterministicAndIndependentOfInputOrder() {
    RequestWork work = (p, m, k) -> 0.001 * p + 0.004 * k * (m - 1);
    for (Router router : new Router[] {Router.roundRobin(), Router.leastOutstandingWork(work)}) {
      int[] first = router.assign(TRACE, 5);
      assertArrayEquals(first, router.assign(TRACE, 5), router.policy() + " twice");
      // rebuild the table from shuffled rows: same ids must land on the same replicas
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < TRACE.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(5));
      int n = TRACE.size();
      long[] ids = new long[n];
      double[] arrivals = new double[n];
      int[] prompts = new int[n];
      int[] outputs = new int[n];
      int[] widths = new int[n];
      for (int j = 0; j < n; j++) {
        int i = order.get(j);
        ids[j] = TRACE.id(i);
        arrivals[j] = TRACE.arrivalSeconds(i);
        prompts[j] = TRACE.promptTokens(i);
        outputs[j] = TRACE.outputTokens(i);
        widths[j] = TRACE.width(i);
      }
      RequestTable shuffled = RequestTable.of(ids, arrivals, prompts, outputs, widths);
      int[] again = router.assign(shuffled, 5);
      for (int j = 0; j < n; j++) {
        assertEquals(TRACE.id(j), shuffled.id(j));
        assertEquals(first[j], again[j], router.policy() + " request " + shuffled.id(j));
      }
    }
  }

  @Test
  void leastOutstandingWorkPicksTheEmptierReplicaByHand() {
    // work = prompt tokens in seconds; arrivals 0, 0, 1, 1 with prompts 10, 2, 1, 1
    RequestTable t = RequestTable.of(new long[] {0, 1, 2, 3}, new double[] {0, 0, 1, 1}, new int[] {10, 2, 1, 1},
        new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1});
    int[] r = Router.leastOutstandingWork((p, m, k) -> p).assign(t, 2);
    // t=0: both empty -> 0 (busy to 10); t=0: 1 (busy to 2);
    // t=1: backlogs 9 and 1 -> 1 (busy to 3); t=1: backlogs 9 and 2 -> 1
    assertArrayEquals(new int[] {0, 1, 1, 1}, r);
    assertArrayEquals(new int[] {0, 1, 0, 1}, Router.roundRobin().assign(t, 2));
  }

  @Test
  void autoscalingNeverBillsMoreReplicaWindowsThanThePeakFleet() {
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 1, 2.0, 64);
    ScalingComparison c = ScalingComparison.compare(search, TRACE, Slo.p99(1.0, 0.05), 1, 2.0, 60, 30, 1);
    int[] perWindow = c.replicasPerWindow();
    // windows from floor(first arrival / 60) to floor(last arrival / 60)
    long firstWindow = (long) Math.floor(TRACE.arrivalSeconds(0) / 60);
    long lastWindow = (long) Math.floor(TRACE.arrivalSeconds(TRACE.size() - 1) / 60);
    assertEquals(lastWindow - firstWindow + 1, perWindow.length);
    double replicaSeconds = 0;
    int previous = 0;
    for (int r : perWindow) {
      assertTrue(r >= 1);
      replicaSeconds += 60.0 * r + 30.0 * Math.max(0, r - previous);
      previous = r;
    }
    assertEquals(replicaSeconds / 3600, c.autoscaledGpuHours(), 1e-9);
    assertEquals(c.peak().replicas() * (perWindow.length * 60.0 + 30) / 3600, c.staticGpuHours(), 1e-9);
    assertEquals(2.0 * c.autoscaledGpuHours(), c.autoscaledDollars(), 1e-9);
  }
}
