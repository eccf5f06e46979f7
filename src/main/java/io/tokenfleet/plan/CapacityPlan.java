package io.tokenfleet.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plan for one model on one deployment option under one decoding strategy: the fewest
 * replicas meeting the SLO (from {@link FleetSearch}), the load over time, and the peak-sized
 * fleet against one re-sized every window.
 *
 * @param model model preset name
 * @param gpu GPU id
 * @param tensorParallel GPUs per replica
 * @param strategy decoding strategy label (greedy, beam:K, parallel:N)
 * @param dollarsPerGpuHour price of one GPU-hour
 * @param kvCapacityBlocks KV blocks per replica the simulation used
 * @param requests accepted requests planned for
 * @param search the search result; null when no fleet size meets the SLO
 * @param infeasibility why no fleet size meets the SLO; empty when {@code search} is set
 * @param load demand per window
 * @param scaling peak vs autoscaled fleet; null when infeasible
 * @param infeasibleWindows windows whose own requests no fleet size could serve within the SLO
 *     (they keep the peak fleet in the autoscaled figure)
 * @param activity per window of {@code load}: what the chosen fleet's replicas did (merged
 *     {@link ReplicaTimeline}s); empty when infeasible
 * @param recommended the cheapest option of this model that meets the SLO
 */
public record CapacityPlan(
    String model,
    String gpu,
    int tensorParallel,
    String strategy,
    double dollarsPerGpuHour,
    long kvCapacityBlocks,
    long requests,
    FleetSearch.Result search,
    String infeasibility,
    LoadProfile load,
    ScalingComparison scaling,
    int infeasibleWindows,
    List<WindowActivity> activity,
    boolean recommended) {

  public CapacityPlan {
    activity = List.copyOf(activity);
  }

  /** e.g. {@code h100-sxm:1}. */
  public String deployment() {
    return gpu + ":" + tensorParallel;
  }

  /** True when a fleet size meets the SLO. */
  public boolean sloMet() {
    return search != null && search.chosen().sloMet();
  }

  /** The chosen fleet, or null when infeasible. */
  public FleetEvaluation chosen() {
    return search == null ? null : search.chosen();
  }

  /** A copy with {@code recommended} set. */
  public CapacityPlan withRecommended(boolean value) {
    return new CapacityPlan(model, gpu, tensorParallel, strategy, dollarsPerGpuHour, kvCapacityBlocks, requests, search,
        infeasibility, load, scaling, infeasibleWindows, activity, value);
  }

  /** Report order: model, then gpu, tp, strategy. */
  public static final Comparator<CapacityPlan> ORDER = Comparator.comparing(CapacityPlan::model)
      .thenComparing(CapacityPlan::gpu).thenComparingInt(CapacityPlan::tensorParallel)
      .thenComparing(CapacityPlan::strategy);

  /**
   * The plans in {@link #ORDER}, each model's cheapest option meeting the SLO (fewest dollars for
   * the trace; the first in order on a tie) marked recommended.
   */
  public static List<CapacityPlan> withRecommendations(List<CapacityPlan> plans) {
    List<CapacityPlan> sorted = new ArrayList<>(plans);
    sorted.sort(ORDER);
    List<CapacityPlan> result = new ArrayList<>();
    for (CapacityPlan p : sorted) {
      CapacityPlan best = null;
      for (CapacityPlan q : sorted) {
        if (q.model().equals(p.model()) && q.sloMet() && (best == null || q.chosen().dollars() < best.chosen().dollars())) {
          best = q;
        }
      }
      result.add(p.withRecommended(p == best));
    }
    return List.copyOf(result);
  }
}
