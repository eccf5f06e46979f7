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

  /**
   * More replicas never worsen p99 TTFT, TPOT or e2e on this trace, for every R from 1 to 16 under
   * both routers. (Not a theorem: round-robin's splits are not nested, R + 1 replicas see
   * different subsets than R, so this is a property of the simulator on a stationary trace,
   * checked here on every R rather than assumed.)
   */
  @Test
  void moreReplicasNeverWorsenP99AtAnyRFrom1To16UnderEitherRouter() {
    RequestWork work = (p, m, k) -> 0.010 + 0.001 * p + 0.002 * k * (m - 1);
    for (Router router : new Router[] {Router.roundRobin(), Router.leastOutstandingWork(work)}) {
      double[] previous = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      for (int r = 1; r <= 16; r++) {
        ReplicaSummary s = fleet(router, r);
        double[] now = {s.ttft().quantile(0.99), s.tpot().quantile(0.99), s.e2e().quantile(0.99)};
        String[] names = {"TTFT", "TPOT", "e2e"};
        for (int i = 0; i < 3; i++) {
          assertTrue(now[i] <= previous[i], router.policy() + ": p99 " + names[i] + " at R = " + r + ": " + now[i] + " > "
              + previous[i] + " at R = " + (r - 1));
        }
        previous = now;
      }
    }
  }

  @Test
  void theLeastWorkAssignerEqualsABruteForceScanOfEveryReplica() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
    for (int trial = 0; trial < 200; trial++) {
      int replicas = 1 + rnd.nextInt(12);
      int n = 1 + rnd.nextInt(300);
      Router.Assigner assigner = new Router.Assigner(replicas);
      double[] freeAt = new double[replicas];
      java.util.Arrays.fill(freeAt, Double.NEGATIVE_INFINITY);
      double a = 0;
      for (int i = 0; i < n; i++) {
        a += rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(); // ties in arrival time too
        double w = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(4) * 0.5; // and in predicted work
        // the definition: least backlog max(0, freeAt - a), among several without backlog the one idle longest
        // (earliest freeAt), lowest index on a tie: scan every replica
        int best = 0;
        for (int r = 1; r < replicas; r++) {
          double backlog = Math.max(0, freeAt[r] - a);
          double bestBacklog = Math.max(0, freeAt[best] - a);
          if (backlog < bestBacklog || (backlog == bestBacklog && freeAt[r] < freeAt[best])) {
            best = r;
          }
        }
        freeAt[best] = Math.max(freeAt[best], a) + w;
        assertEquals(best, assigner.next(a, w), "trial " + trial + ", request " + i);
      }
    }
  }

  @Test
  void theSearchFromTheCapacityBoundFindsTheSameFleetAsTheSearchFromOne() {
    // a real roofline (llama-2-7b on one H100 from reference.conf) at 200 req/s for 30 s
    CostModelAgreementTest.Setup setup = CostModelAgreementTest.setup("llama-2-7b", "h100-sxm");
    ContinuousBatchingSimulator sim = new ContinuousBatchingSimulator(setup.scheduler(), setup.timer());
    RequestTable t = SyntheticTrace.poisson(21, 6000, 200, 2000, 300, new int[] {1});
    ReplicaSimulation simulation = ReplicaSimulation.of(sim);
    for (Slo slo : List.of(Slo.p99(2, 0.05), Slo.p99(1, 0.1), Slo.p99(0.5, Double.NaN))) {
      int bound = simulation.minimumReplicas(t, slo);
      List<Integer> fromOne = new ArrayList<>();
      List<Integer> fromBound = new ArrayList<>();
      FleetSearch.Result a = FleetSearch.search(r -> {
        fromOne.add(r);
        return new FleetSearch(simulation, Router.roundRobin(), 1, 1.0, 256).simulateFleet(t, r);
      }, simulation.aloneLatencies(t), slo, 1, 1.0, 256, 1);
      FleetSearch.Result b = FleetSearch.search(r -> {
        fromBound.add(r);
        return new FleetSearch(simulation, Router.roundRobin(), 1, 1.0, 256).simulateFleet(t, r);
      }, simulation.aloneLatencies(t), slo, 1, 1.0, 256, bound);
      assertEquals(a.chosen(), b.chosen(), slo.describe());
      assertEquals(a.oneFewer(), b.oneFewer(), slo.describe());
      assertTrue(fromBound.get(0) == bound && fromOne.get(0) == 1, fromOne + " / " + fromBound);
      // a bound: R0 - 1 replicas really miss the SLO
      if (bound > 1) {
        FleetEvaluation below = new FleetSearch(simulation, Router.roundRobin(), 1, 1.0, 256).evaluate(t, bound - 1, slo);
        assertFalse(below.sloMet(), slo.describe() + ": " + (bound - 1) + " replicas");
      }
      assertTrue(bound <= a.chosen().replicas());
    }
    // the case the bound is for: with a TTFT and a TPOT limit it is well above 1 (the work needs several replicas)
    assertTrue(simulation.minimumReplicas(t, Slo.p99(2, 0.05)) >= 3, "bound " + simulation.minimumReplicas(t, Slo.p99(2, 0.05)));
  }

  @Test
  void theCapacityBoundByHand() {
    // compute roof 1 ms per prompt token and 2 ms per decode sequence, nothing else: a request of P = 100, M = 11
    // needs 0.1 s of prefill and 10 x 0.002 = 0.02 s of decode at any batch size
    io.tokenfleet.cost.StepCoefficients compute = new io.tokenfleet.cost.StepCoefficients(0.005, 0.001, 0, 0.002, 0, 0);
    io.tokenfleet.cost.StepCoefficients zero = io.tokenfleet.cost.StepCoefficients.ZERO;
    io.tokenfleet.cost.RooflineStepTimer timer = new io.tokenfleet.cost.RooflineStepTimer(compute, zero, zero);
    // 1000 requests at 100 req/s over 9.99 s
    RequestTable t = RequestTables.of(1000, i -> i, i -> i * 0.01, i -> 100, i -> 11, i -> 1);
    // p99 of 1000: ceil(0.99 x 1000) = 990 must meet each limit, so 10 may miss one and 20 may miss either
    // TTFT 1 s: 990 prefills of 0.1 s = 99 s of work within 9.99 + 1 s -> 99 / 10.99 = 9.008 -> 10
    assertEquals(10, CapacityLowerBound.of(CONFIG, timer, t).minimumReplicas(Slo.p99(1, Double.NaN)));
    // and TPOT 0.01 s: 980 whole requests of 0.12 s = 117.6 s within 9.99 + 1 + 0.01 x 10 = 11.09 s -> 10.60 -> 11
    assertEquals(11, CapacityLowerBound.of(CONFIG, timer, t).minimumReplicas(Slo.p99(1, 0.01)));
    // TPOT alone does not bound when requests start
    assertEquals(1, CapacityLowerBound.of(CONFIG, timer, t).minimumReplicas(Slo.p99(Double.NaN, 0.01)));
    // a timer that is not a roofline gives no bound
    assertEquals(null, CapacityLowerBound.of(CONFIG, TIMER, t));
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
      RequestTable shuffled = RequestTables.of(n, j -> TRACE.id(order.get(j)), j -> TRACE.arrivalSeconds(order.get(j)),
          j -> TRACE.promptTokens(order.get(j)), j -> TRACE.outputTokens(order.get(j)), j -> TRACE.width(order.get(j)));
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
