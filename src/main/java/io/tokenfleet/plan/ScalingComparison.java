package io.tokenfleet.plan;

/**
 * A fleet sized once for the whole trace (its peak) against one re-sized every window.
 *
 * <p>Per-window sizing: the requests arriving in each window are searched on their own (from an
 * empty fleet, so backlog carried across a window edge is ignored: an optimistic bound for the
 * autoscaled fleet). Scaling is predictive with perfect foresight: replicas added for a window are
 * started coldStartSeconds before it and billed for that boot time; replicas removed stop at the
 * window edge. Both fleets pay the boot of their first replicas. Empty windows keep
 * minReplicas replicas.
 *
 * @param peak the whole-trace fleet
 * @param windowSeconds window width
 * @param coldStartSeconds boot time billed per added replica
 * @param replicasPerWindow R of each window, from the window of the first arrival on
 * @param staticGpuHours peak R x GPUs x (windows x window + coldStart) / 3600
 * @param autoscaledGpuHours sum over windows of R_w x GPUs x window / 3600 plus boots
 * @param staticDollars staticGpuHours x price
 * @param autoscaledDollars autoscaledGpuHours x price
 */
public record ScalingComparison(
    FleetEvaluation peak,
    double windowSeconds,
    double coldStartSeconds,
    int[] replicasPerWindow,
    double staticGpuHours,
    double autoscaledGpuHours,
    double staticDollars,
    double autoscaledDollars) {

  public ScalingComparison {
    replicasPerWindow = replicasPerWindow.clone();
  }

  @Override
  public int[] replicasPerWindow() {
    return replicasPerWindow.clone();
  }

  /** 1 - autoscaled / static dollars. */
  public double savingsFraction() {
    return staticDollars > 0 ? 1 - autoscaledDollars / staticDollars : 0;
  }

  /**
   * Window of an arrival: floorDiv(arrivalMillis, windowMillis), in integer milliseconds like
   * {@link LoadAccumulator} (the same rule everywhere; floor(ms / 1e3 / windowSeconds) in floating
   * point puts e.g. 300 ms in window 2 of 0.1 s windows, since 0.3 / 0.1 = 2.9999999999999996).
   */
  public static long windowIndex(long arrivalMillis, long windowMillis) {
    return Math.floorDiv(arrivalMillis, windowMillis);
  }

  /** Arrival seconds of a {@link RequestTable} row in whole milliseconds (exact for rows built from arrival_time_ms). */
  public static long arrivalMillis(RequestTable t, int i) {
    return Math.round(t.arrivalSeconds(i) * 1e3);
  }

  /**
   * Replicas for one window's arrivals searched on their own, at least minReplicas. When no R
   * meets the SLO on the window alone (its own requests' batch-1 latencies miss it, or
   * maxReplicas fails), the window keeps {@code fallbackReplicas} (the peak fleet) and
   * {@code infeasible} is set.
   */
  public record WindowSize(int replicas, boolean infeasible) implements java.io.Serializable {}

  public static WindowSize windowReplicas(FleetSearch search, RequestTable windowRequests, Slo slo, int minReplicas,
      int fallbackReplicas) {
    if (windowRequests.size() == 0) {
      return new WindowSize(minReplicas, false);
    }
    try {
      return new WindowSize(Math.max(minReplicas, search.search(windowRequests, slo).chosen().replicas()), false);
    } catch (SloInfeasibleException e) {
      return new WindowSize(Math.max(minReplicas, fallbackReplicas), true);
    }
  }

  public static ScalingComparison compare(FleetSearch search, RequestTable requests, Slo slo, int gpusPerReplica,
      double dollarsPerGpuHour, double windowSeconds, double coldStartSeconds, int minReplicas) {
    check(windowSeconds, coldStartSeconds, minReplicas);
    if (windowSeconds * 1e3 != Math.rint(windowSeconds * 1e3)) {
      throw new IllegalArgumentException("windowSeconds must be a whole number of milliseconds, got " + windowSeconds);
    }
    long windowMillis = Math.round(windowSeconds * 1e3);
    FleetEvaluation peak = search.search(requests, slo).chosen();
    int n = requests.size();
    long first = windowIndex(arrivalMillis(requests, 0), windowMillis);
    long last = windowIndex(arrivalMillis(requests, n - 1), windowMillis);
    int windows = Math.toIntExact(last - first + 1);
    int[] perWindow = new int[windows];
    int start = 0;
    for (int w = 0; w < windows; w++) {
      int stop = start;
      while (stop < n && windowIndex(arrivalMillis(requests, stop), windowMillis) <= first + w) {
        stop++;
      }
      int[] rows = new int[stop - start];
      for (int j = 0; j < rows.length; j++) {
        rows[j] = start + j;
      }
      perWindow[w] = windowReplicas(search, requests.select(rows), slo, minReplicas, peak.replicas()).replicas();
      start = stop;
    }
    return of(peak, windowSeconds, coldStartSeconds, perWindow, gpusPerReplica, dollarsPerGpuHour);
  }

  /**
   * The comparison from a peak fleet and per-window replica counts found elsewhere (the Spark
   * runner searches each window in its own task).
   */
  public static ScalingComparison of(FleetEvaluation peak, double windowSeconds, double coldStartSeconds, int[] perWindow,
      int gpusPerReplica, double dollarsPerGpuHour) {
    check(windowSeconds, coldStartSeconds, 0);
    double horizon = perWindow.length * windowSeconds;
    double staticGpuHours = (double) peak.replicas() * gpusPerReplica * (horizon + coldStartSeconds) / 3600;
    double replicaSeconds = 0;
    int previous = 0;
    for (int r : perWindow) {
      replicaSeconds += r * windowSeconds + Math.max(0, r - previous) * coldStartSeconds;
      previous = r;
    }
    double autoscaledGpuHours = replicaSeconds * gpusPerReplica / 3600;
    return new ScalingComparison(peak, windowSeconds, coldStartSeconds, perWindow, staticGpuHours, autoscaledGpuHours,
        staticGpuHours * dollarsPerGpuHour, autoscaledGpuHours * dollarsPerGpuHour);
  }

  private static void check(double windowSeconds, double coldStartSeconds, int minReplicas) {
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
      throw new IllegalArgumentException("windowSeconds must be > 0 and finite, got " + windowSeconds);
    }
    if (!(coldStartSeconds >= 0) || Double.isInfinite(coldStartSeconds)) {
      throw new IllegalArgumentException("coldStartSeconds must be finite and >= 0, got " + coldStartSeconds);
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException("minReplicas must be >= 0, got " + minReplicas);
    }
  }
}
