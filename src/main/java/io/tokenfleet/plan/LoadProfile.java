package io.tokenfleet.plan;

/**
 * Demand per window in GPU-seconds per second (the number of GPUs kept busy) and the replicas a
 * window needs at a target utilisation: ceil(demand / (gpusPerReplica x targetUtilisation)).
 * Peak, p95 (nearest rank) and mean are over windows, empty windows between included.
 */
public final class LoadProfile {
  private final long windowMillis;
  private final long firstWindowStartMillis;
  private final double[] demandGpus;
  private final long[] requests;
  private final int[] replicasNeeded;

  LoadProfile(long windowMillis, long firstWindowStartMillis, double[] demandGpus, long[] requests, int[] replicasNeeded) {
    this.windowMillis = windowMillis;
    this.firstWindowStartMillis = firstWindowStartMillis;
    this.demandGpus = demandGpus;
    this.requests = requests;
    this.replicasNeeded = replicasNeeded;
  }

  static LoadProfile of(long windowMillis, long firstStartMillis, double[] demand, long[] requests,
      double targetUtilisation, int gpusPerReplica) {
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("targetUtilisation must be in (0, 1], got " + targetUtilisation);
    }
    if (gpusPerReplica < 1) {
      throw new IllegalArgumentException("gpusPerReplica must be >= 1, got " + gpusPerReplica);
    }
    int[] replicas = new int[demand.length];
    for (int i = 0; i < demand.length; i++) {
      replicas[i] = (int) Math.ceil(demand[i] / (gpusPerReplica * targetUtilisation) - 1e-12);
    }
    return new LoadProfile(windowMillis, firstStartMillis, demand, requests, replicas);
  }

  public int windows() {
    return demandGpus.length;
  }

  public long windowMillis() {
    return windowMillis;
  }

  public long windowStartMillis(int w) {
    return firstWindowStartMillis + w * windowMillis;
  }

  /** GPU-seconds per second of window w. */
  public double demandGpus(int w) {
    return demandGpus[w];
  }

  public long requests(int w) {
    return requests[w];
  }

  public int replicasNeeded(int w) {
    return replicasNeeded[w];
  }

  public double peakDemandGpus() {
    double m = 0;
    for (double d : demandGpus) {
      m = Math.max(m, d);
    }
    return m;
  }

  public double meanDemandGpus() {
    double s = 0;
    for (double d : demandGpus) {
      s += d;
    }
    return demandGpus.length == 0 ? 0 : s / demandGpus.length;
  }

  /** Nearest-rank 95th percentile of window demand. */
  public double p95DemandGpus() {
    if (demandGpus.length == 0) {
      return 0;
    }
    double[] sorted = demandGpus.clone();
    java.util.Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.95 * sorted.length) - 1];
  }

  public int peakReplicasNeeded() {
    int m = 0;
    for (int r : replicasNeeded) {
      m = Math.max(m, r);
    }
    return m;
  }
}
