package io.tokenfleet.plan;

/**
 * Coarse per-window view of one replica: busy seconds, time-weighted mean and max of batch size
 * (sequences per iteration) and KV occupancy. Window w covers [w x width, (w+1) x width) in
 * simulated seconds; an iteration crossing a window edge is split between both windows.
 * Windows between the first and last are present even when idle.
 */
public final class ReplicaTimeline {
  private final double windowSeconds;
  private final long firstWindow;
  private final double[] busySeconds;
  private final double[] batchSequenceSeconds;
  private final double[] kvFractionSeconds;
  private final int[] maxBatchSequences;
  private final double[] maxKvFraction;

  ReplicaTimeline(double windowSeconds, long firstWindow, double[] busySeconds, double[] batchSequenceSeconds,
      double[] kvFractionSeconds, int[] maxBatchSequences, double[] maxKvFraction) {
    this.windowSeconds = windowSeconds;
    this.firstWindow = firstWindow;
    this.busySeconds = busySeconds;
    this.batchSequenceSeconds = batchSequenceSeconds;
    this.kvFractionSeconds = kvFractionSeconds;
    this.maxBatchSequences = maxBatchSequences;
    this.maxKvFraction = maxKvFraction;
  }

  public int windows() {
    return busySeconds.length;
  }

  public double windowSeconds() {
    return windowSeconds;
  }

  public double windowStartSeconds(int w) {
    return (firstWindow + w) * windowSeconds;
  }

  public double busySeconds(int w) {
    return busySeconds[w];
  }

  /** Busy fraction of the window. */
  public double utilisation(int w) {
    return busySeconds[w] / windowSeconds;
  }

  /** Time-weighted mean sequences per iteration over the whole window (idle counts 0). */
  public double meanBatchSequences(int w) {
    return batchSequenceSeconds[w] / windowSeconds;
  }

  public int maxBatchSequences(int w) {
    return maxBatchSequences[w];
  }

  /** Time-weighted mean KV occupancy over the whole window, in [0, 1]. */
  public double meanKvFraction(int w) {
    return kvFractionSeconds[w] / windowSeconds;
  }

  public double maxKvFraction(int w) {
    return maxKvFraction[w];
  }
}
