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

  public static ScalingComparison compare(FleetSearch search, RequestTable requests, Slo slo, int gpusPerReplica,
      double dollarsPerGpuHour, double windowSeconds, double coldStartSeconds, int minReplicas) {
    if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
      throw new IllegalArgumentException("windowSeconds must be > 0 and finite, got " + windowSeconds);
    }
    if (!(coldStartSeconds >= 0) || Double.isInfinite(coldStartSeconds)) {
      throw new IllegalArgumentException("coldStartSeconds must be finite and >= 0, got " + coldStartSeconds);
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException("minReplicas must be >= 0, got " + minReplicas);
    }
    FleetEvaluation peak = search.search(requests, slo).chosen();
    int n = requests.size();
    long first = (long) Math.floor(requests.arrivalSeconds(0) / windowSeconds);
    long last = (long) Math.floor(requests.arrivalSeconds(n - 1) / windowSeconds);
    int windows = Math.toIntExact(last - first + 1);
    int[] perWindow = new int[windows];
    int start = 0;
    for (int w = 0; w < windows; w++) {
      double end = (first + w + 1) * windowSeconds;
      int stop = start;
      while (stop < n && requests.arrivalSeconds(stop) < end) {
        stop++;
      }
      if (stop == start) {
        perWindow[w] = minReplicas;
      } else {
        int[] rows = new int[stop - start];
        for (int j = 0; j < rows.length; j++) {
          rows[j] = start + j;
        }
        perWindow[w] = Math.max(minReplicas, search.search(requests.select(rows), slo).chosen().replicas());
      }
      start = stop;
    }
    double horizon = windows * windowSeconds;
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
}
