package io.tokenfleet.plan;

import java.util.Map;
import java.util.TreeMap;

/**
 * Demand over time: per window of arrival time, the GPU-seconds of the requests that arrived in
 * it. Sums are kept in integer nanoseconds of GPU time, so {@link #merge} is associative and
 * commutative exactly and the result does not depend on how a Spark job partitions the rows
 * (each request's GPU-seconds is rounded to the nearest nanosecond once).
 *
 * <p>A request's work is booked to the window of its arrival, not spread over its service time;
 * with windows much longer than a request (60 s vs seconds) the difference is at the edges only.
 */
public final class LoadAccumulator implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final long windowMillis;
  private final TreeMap<Long, long[]> windows = new TreeMap<>(); // window -> {gpuNanos, requests}
  private long cachedWindow = Long.MIN_VALUE;
  private long[] cachedSlot;

  /** @param windowMillis window width in milliseconds, >= 1 (default 60000) */
  public LoadAccumulator(long windowMillis) {
    if (windowMillis < 1) {
      throw new IllegalArgumentException("windowMillis must be >= 1, got " + windowMillis);
    }
    this.windowMillis = windowMillis;
  }

  public long windowMillis() {
    return windowMillis;
  }

  /** Books {@code gpuSeconds} (finite, >= 0) to the window holding {@code arrivalMillis}. */
  public void add(long arrivalMillis, double gpuSeconds) {
    if (!(gpuSeconds >= 0) || Double.isInfinite(gpuSeconds)) {
      throw new IllegalArgumentException("gpuSeconds must be finite and >= 0, got " + gpuSeconds);
    }
    long w = Math.floorDiv(arrivalMillis, windowMillis);
    if (w != cachedWindow) {
      cachedSlot = windows.computeIfAbsent(w, k -> new long[2]);
      cachedWindow = w;
    }
    cachedSlot[0] += Math.round(gpuSeconds * 1e9);
    cachedSlot[1]++;
  }

  /** Books one request whose GPU-seconds {@code work} predicts. */
  public void add(long arrivalMillis, int promptTokens, int outputTokens, int width, RequestWork work) {
    add(arrivalMillis, work.seconds(promptTokens, outputTokens, width));
  }

  /** Adds every window of {@code other} (same width) into this one; returns this. */
  public LoadAccumulator merge(LoadAccumulator other) {
    if (other.windowMillis != windowMillis) {
      throw new IllegalArgumentException("cannot merge windows of " + other.windowMillis + " ms into " + windowMillis + " ms");
    }
    for (Map.Entry<Long, long[]> e : other.windows.entrySet()) {
      long[] slot = windows.computeIfAbsent(e.getKey(), k -> new long[2]);
      slot[0] += e.getValue()[0];
      slot[1] += e.getValue()[1];
    }
    cachedWindow = Long.MIN_VALUE;
    return this;
  }

  /**
   * The demand profile from the first to the last non-empty window (empty windows between count
   * as zero demand).
   *
   * @param targetUtilisation busy fraction a replica should run at, in (0, 1]
   * @param gpusPerReplica GPUs per replica, >= 1
   */
  public LoadProfile profile(double targetUtilisation, int gpusPerReplica) {
    if (windows.isEmpty()) {
      return new LoadProfile(windowMillis, 0, new double[0], new long[0], new int[0]);
    }
    long first = windows.firstKey();
    int count = Math.toIntExact(windows.lastKey() - first + 1);
    double[] demand = new double[count];
    long[] requests = new long[count];
    for (Map.Entry<Long, long[]> e : windows.entrySet()) {
      int i = (int) (e.getKey() - first);
      demand[i] = e.getValue()[0] / 1e9 / (windowMillis / 1e3);
      requests[i] = e.getValue()[1];
    }
    return LoadProfile.of(windowMillis, first * windowMillis, demand, requests, targetUtilisation, gpusPerReplica);
  }
}
