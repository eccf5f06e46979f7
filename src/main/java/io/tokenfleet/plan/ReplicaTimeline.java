package io.tokenfleet.plan;

/**
 * Coarse per-window view of one replica: busy seconds, time-weighted mean and max of batch size
 * (sequences per iteration) and KV occupancy. Window w covers [w x width, (w+1) x width) of
 * simulated time with the width in whole milliseconds, so the windows are the load profile's
 * (an arrival of ms milliseconds is in window floorDiv(ms, width)); an iteration crossing a
 * window edge is split between both windows. Windows between the first and last are present even
 * when idle.
 */
public final class ReplicaTimeline implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final long windowMillis;
  private final double windowSeconds;
  private final long firstWindow;
  private final double[] busySeconds;
  private final double[] batchSequenceSeconds;
  private final double[] kvFractionSeconds;
  private final int[] maxBatchSequences;
  private final double[] maxKvFraction;

  ReplicaTimeline(long windowMillis, long firstWindow, double[] busySeconds, double[] batchSequenceSeconds,
      double[] kvFractionSeconds, int[] maxBatchSequences, double[] maxKvFraction) {
    this.windowMillis = windowMillis;
    this.windowSeconds = windowMillis / 1e3;
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

  public long windowMillis() {
    return windowMillis;
  }

  /** Index of the first window, floorDiv(start ms, windowMillis); slot w is window firstWindow() + w. */
  public long firstWindow() {
    return firstWindow;
  }

  public double windowStartSeconds(int w) {
    return TimelineBuilder.edge(firstWindow + w, windowMillis);
  }

  /** Busy time, batch and KV integrals, max batch and max KV of slot w as one mergeable record. */
  public WindowActivity activity(int w) {
    return WindowActivity.ofSeconds(busySeconds[w], batchSequenceSeconds[w], kvFractionSeconds[w], maxBatchSequences[w],
        maxKvFraction[w]);
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
