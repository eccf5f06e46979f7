package io.tokenfleet.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Finds the fewest replicas of one deployment that meet an SLO on a trace.
 *
 * <p>Search: from R0, a proven lower bound ({@link CapacityLowerBound}: fewer replicas cannot
 * meet the SLO; 1 when unknown), R = R0, 2 R0, 4 R0, ... until the SLO holds (or maxReplicas
 * fails), then binary search between the last failing and the first passing R, where R0 - 1
 * counts as failing. Starting at the bound rather than at 1 keeps the first probe from putting the
 * whole trace on one replica (one Spark task) and does not change the answer: every R below R0
 * fails anyway. The answer's R - 1 is always simulated; should it meet the SLO after all (the
 * bound's assumptions broken), the search continues below R0 as if it had started at 1.
 *
 * <p>This assumes the SLO quantiles do not get worse as R grows under the router
 * (monotonicity). It holds in expectation for round-robin and least-outstanding-work routing on
 * a stationary trace but is not guaranteed request by request, so the result is verified
 * locally: the answer R meets the SLO and R - 1 was simulated and fails (both are returned).
 *
 * <p>Before simulating, the requests' latencies alone on an idle replica (when the simulation can
 * give them) are checked: if even those miss the SLO, no fleet size can help and
 * {@link SloInfeasibleException} says so with the numbers.
 */
public final class FleetSearch {
  private final ReplicaSimulation simulation;
  private final Router router;
  private final int gpusPerReplica;
  private final double dollarsPerGpuHour;
  private final int maxReplicas;

  /**
   * @param simulation per-replica simulation
   * @param router how requests are spread over replicas
   * @param gpusPerReplica GPUs of one replica (tensor-parallel degree), >= 1
   * @param dollarsPerGpuHour price of one GPU-hour, >= 0
   * @param maxReplicas the largest R tried, >= 1
   */
  public FleetSearch(ReplicaSimulation simulation, Router router, int gpusPerReplica, double dollarsPerGpuHour,
      int maxReplicas) {
    if (simulation == null || router == null) {
      throw new IllegalArgumentException("simulation and router must not be null");
    }
    if (gpusPerReplica < 1) {
      throw new IllegalArgumentException("gpusPerReplica must be >= 1, got " + gpusPerReplica);
    }
    if (!(dollarsPerGpuHour >= 0) || Double.isInfinite(dollarsPerGpuHour)) {
      throw new IllegalArgumentException("dollarsPerGpuHour must be finite and >= 0, got " + dollarsPerGpuHour);
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, got " + maxReplicas);
    }
    this.simulation = simulation;
    this.router = router;
    this.gpusPerReplica = gpusPerReplica;
    this.dollarsPerGpuHour = dollarsPerGpuHour;
    this.maxReplicas = maxReplicas;
  }

  /** The chosen fleet, the one-smaller fleet that fails (null when R = 1), and every R tried. */
  public record Result(FleetEvaluation chosen, FleetEvaluation oneFewer, List<FleetEvaluation> tried) {}

  /** Routes, simulates every replica and merges the summaries. */
  public ReplicaSummary simulateFleet(RequestTable requests, int replicas) {
    ReplicaSummary total = ReplicaSummary.empty();
    for (RequestTable part : router.split(requests, replicas)) {
      if (part.size() > 0) {
        total.merge(simulation.simulate(part));
      } else {
        total.replicas++; // an idle replica is still provisioned
      }
    }
    return total;
  }

  public FleetEvaluation evaluate(RequestTable requests, int replicas, Slo slo) {
    return FleetEvaluation.of(simulateFleet(requests, replicas), replicas, gpusPerReplica, dollarsPerGpuHour, slo);
  }

  /** Minimal R meeting the SLO; throws {@link SloInfeasibleException} when none up to maxReplicas does. */
  public Result search(RequestTable requests, Slo slo) {
    if (requests.size() == 0) {
      throw new IllegalArgumentException("cannot size a fleet for an empty trace");
    }
    return search(r -> simulateFleet(requests, r), simulation.aloneLatencies(requests), slo, gpusPerReplica,
        dollarsPerGpuHour, maxReplicas, simulation.minimumReplicas(requests, slo));
  }

  /**
   * A fleet of R replicas simulated somewhere (in-process, or one Spark task per replica): the
   * merged summary of replicas 0..R-1, merged in index order so results are reproducible.
   */
  @FunctionalInterface
  public interface Fleet {
    ReplicaSummary simulate(int replicas);
  }

  /**
   * The search loop on any {@link Fleet}: the Spark runner calls this with a fleet whose
   * replicas are Spark tasks, so it makes the same choices as {@link #search(RequestTable, Slo)}.
   *
   * @param fleet simulates R replicas
   * @param alone latencies of every request alone on an idle replica, or null when unknown
   * @param slo the objective
   * @param gpusPerReplica GPUs per replica, >= 1
   * @param dollarsPerGpuHour price, >= 0
   * @param maxReplicas largest R tried, >= 1
   */
  public static Result search(Fleet fleet, ReplicaSummary alone, Slo slo, int gpusPerReplica, double dollarsPerGpuHour,
      int maxReplicas) {
    return search(fleet, alone, slo, gpusPerReplica, dollarsPerGpuHour, maxReplicas, 1);
  }

  /**
   * As {@link #search(Fleet, ReplicaSummary, Slo, int, double, int)}, the doubling starting at
   * {@code minimumReplicas} (a lower bound: every smaller R misses the SLO; capped at maxReplicas).
   */
  public static Result search(Fleet fleet, ReplicaSummary alone, Slo slo, int gpusPerReplica, double dollarsPerGpuHour,
      int maxReplicas, int minimumReplicas) {
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas must be >= 1, got " + maxReplicas);
    }
    if (minimumReplicas < 1) {
      throw new IllegalArgumentException("minimumReplicas must be >= 1, got " + minimumReplicas);
    }
    checkAloneLatencies(alone, slo);
    TreeMap<Integer, FleetEvaluation> tried = new TreeMap<>();
    java.util.function.IntFunction<FleetEvaluation> evaluate = r -> {
      FleetEvaluation e = FleetEvaluation.of(fleet.simulate(r), r, gpusPerReplica, dollarsPerGpuHour, slo);
      tried.put(r, e);
      return e;
    };
    int hi = Math.min(minimumReplicas, maxReplicas);
    int lo = hi - 1; // largest R known (simulated, or by the bound) to fail; 0: none
    while (true) {
      FleetEvaluation e = evaluate.apply(hi);
      if (e.sloMet()) {
        break;
      }
      lo = hi;
      if (hi == maxReplicas) {
        throw new SloInfeasibleException("SLO not met with maxReplicas = " + maxReplicas + " replicas: "
            + e.sloViolations() + "; raise the bound or relax the SLO");
      }
      hi = (int) Math.min((long) hi * 2, maxReplicas);
    }
    while (true) {
      while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (evaluate.apply(mid).sloMet()) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      if (lo == 0 || tried.containsKey(lo) || !evaluate.apply(lo).sloMet()) {
        break;
      }
      hi = lo; // R0 - 1 meets the SLO: the bound did not hold for this simulation; search below it
      lo = 0;
    }
    return new Result(tried.get(hi), lo == 0 ? null : tried.get(lo), List.copyOf(new ArrayList<>(tried.values())));
  }

  /**
   * Throws {@link SloInfeasibleException} when the requests' latencies alone on an idle replica
   * (batch size 1) already miss the SLO; does nothing when {@code alone} is null.
   */
  public static void checkAloneLatencies(ReplicaSummary alone, Slo slo) {
    if (alone == null) {
      return;
    }
    double ttft = alone.ttft.count() == 0 ? Double.NaN : alone.ttft.quantile(slo.quantile());
    double tpot = alone.tpot.count() == 0 ? Double.NaN : alone.tpot.quantile(slo.quantile());
    if (!slo.met(ttft, tpot)) {
      throw new SloInfeasibleException(String.format(Locale.ROOT,
          "SLO impossible at any number of replicas: with every request alone on an idle replica (batch size 1) %s;"
              + " a faster deployment, shorter prompts or a looser SLO is needed",
          slo.violations(ttft, tpot)));
    }
  }
}
