package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces the plan command adds on top of FleetSearch: the search on any fleet, window sizing, cost arithmetic, recommendations. */
class PlanSearchTest {
  private static final LinearStepTimer TIMER = new LinearStepTimer(0.010, 0.001, 0.002, 0.00001, 0);
  private static final SchedulerConfig CONFIG = new SchedulerConfig(16, 20_000, 2048, 256, true, 0.01, 60);
  private static final ContinuousBatchingSimulator SIM = new ContinuousBatchingSimulator(CONFIG, TIMER);
  private static final RequestTable TRACE = SyntheticTrace.poisson(5, 3000, 12, 200, 100, new int[] {1});

  @Test
  void theSearchOnAnyFleetTriesTheSameSizesAndReportsTheSameFigures() {
    Slo slo = Slo.p99(1.0, 0.05);
    FleetSearch inProcess = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 2, 3.0, 64);
    List<Integer> asked = new ArrayList<>();
    // a fleet simulated replica by replica outside FleetSearch (as the Spark runner does), merged in index order
    FleetSearch.Fleet byHand = r -> {
      asked.add(r);
      ReplicaSummary total = ReplicaSummary.empty();
      for (RequestTable part : Router.roundRobin().split(TRACE, r)) {
        total.merge(part.size() == 0 ? ReplicaSummary.idle() : SIM.run(part).summary());
      }
      return total;
    };
    FleetSearch.Result a = inProcess.search(TRACE, slo);
    FleetSearch.Result b = FleetSearch.search(byHand, ReplicaSimulation.of(SIM).aloneLatencies(TRACE), slo, 2, 3.0, 64);
    assertEquals(a, b);
    // doubling then bisection: every size tried is a power of two up to the first passing one, or between
    int r = b.chosen().replicas();
    assertEquals(asked.size(), b.tried().size());
    assertTrue(asked.contains(r) && (r == 1 || asked.contains(r - 1)), "R and R - 1 simulated: " + asked);
  }

  @Test
  void anEmptyWindowKeepsTheMinimumAndAWindowNoSizeServesKeepsThePeak() {
    FleetSearch search = new FleetSearch(ReplicaSimulation.of(SIM), Router.roundRobin(), 1, 1.0, 8);
    RequestTable none = RequestTable.of(new long[0], new double[0], new int[0], new int[0], new int[0]);
    assertEquals(new ScalingComparison.WindowSize(2, false), ScalingComparison.windowReplicas(search, none, Slo.p99(1, 1), 2, 5));
    // one 1000-token prompt alone takes 0.010 + 1000 x 0.001 = 1.01 s to its first token > 0.5 s: no R helps
    RequestTable slow = RequestTable.of(new long[] {1}, new double[] {0}, new int[] {1000}, new int[] {2}, new int[] {1});
    assertEquals(new ScalingComparison.WindowSize(5, true), ScalingComparison.windowReplicas(search, slow, Slo.p99(0.5, Double.NaN), 1, 5));
  }

  @Test
  void staticAndAutoscaledCostsByHand() {
    FleetEvaluation peak = new FleetEvaluation(3, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, "");
    // 3 windows of 60 s with 1, 3, 2 replicas, 2 GPUs each, 30 s boots, $2 per GPU-hour:
    // static: 3 replicas x 2 GPUs x (180 s + 30 s) / 3600 = 0.35 GPU-hours = $0.70
    // autoscaled: replica-seconds 60 + 30 (1 boot) + 180 + 60 (2 boots) + 120 = 450 -> x 2 GPUs / 3600 = 0.25 GPU-hours = $0.50
    ScalingComparison c = ScalingComparison.of(peak, 60, 30, new int[] {1, 3, 2}, 2, 2.0);
    assertEquals(0.35, c.staticGpuHours(), 1e-12);
    assertEquals(0.70, c.staticDollars(), 1e-12);
    assertEquals(0.25, c.autoscaledGpuHours(), 1e-12);
    assertEquals(0.50, c.autoscaledDollars(), 1e-12);
    assertEquals(1 - 0.5 / 0.7, c.savingsFraction(), 1e-12);
  }

  @Test
  void theCheapestOptionMeetingTheSloIsRecommendedPerModel() {
    LoadProfile load = new LoadAccumulator(60_000).profile(0.7, 1);
    CapacityPlan cheapButFails = plan("m", "a", 1.0, false);
    CapacityPlan dear = plan("m", "b", 5.0, true);
    CapacityPlan cheap = plan("m", "c", 2.0, true);
    CapacityPlan other = plan("n", "a", 9.0, true);
    CapacityPlan infeasible = new CapacityPlan("n", "z", 1, "greedy", 1, 1, 1, null, "SLO impossible", load, null, 0, List.of(), false);
    List<CapacityPlan> marked = CapacityPlan.withRecommendations(List.of(dear, other, cheapButFails, infeasible, cheap));
    List<String> recommended = marked.stream().filter(CapacityPlan::recommended).map(p -> p.model() + "/" + p.gpu()).toList();
    assertEquals(List.of("m/c", "n/a"), recommended);
    assertEquals(List.of("m/a", "m/b", "m/c", "n/a", "n/z"), marked.stream().map(p -> p.model() + "/" + p.gpu()).toList());
    assertFalse(marked.get(4).sloMet());
  }

  private static CapacityPlan plan(String model, String gpu, double dollars, boolean met) {
    FleetEvaluation e = new FleetEvaluation(1, 1, 0, 0, dollars, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, met, met ? "" : "x");
    return new CapacityPlan(model, gpu, 1, "greedy", 1, 1, 1, new FleetSearch.Result(e, null, List.of(e)), "",
        new LoadAccumulator(60_000).profile(0.7, 1), null, 0, List.of(), false);
  }
}
