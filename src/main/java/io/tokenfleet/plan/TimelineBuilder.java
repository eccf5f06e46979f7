package io.tokenfleet.plan;

import java.util.Arrays;

/** Accumulates iterations into fixed windows for {@link ReplicaTimeline}; grows as time advances. */
final class TimelineBuilder {
  private final double windowSeconds;
  private final long firstWindow;
  private int windows;
  private double[] busy = new double[16];
  private double[] batchSeconds = new double[16];
  private double[] kvSeconds = new double[16];
  private int[] maxBatch = new int[16];
  private double[] maxKv = new double[16];

  TimelineBuilder(double windowSeconds, double startSeconds) {
    this.windowSeconds = windowSeconds;
    this.firstWindow = (long) Math.floor(startSeconds / windowSeconds);
  }

  /** Adds an iteration [start, start + seconds), split at window edges. */
  void add(double start, double seconds, int batchSequences, double kvFraction) {
    double t = start;
    double end = start + seconds;
    do {
      long w = (long) Math.floor(t / windowSeconds);
      int slot = ensure(w);
      double edge = Math.min(end, (w + 1) * windowSeconds);
      double part = Math.max(0, edge - t);
      busy[slot] += part;
      batchSeconds[slot] += batchSequences * part;
      kvSeconds[slot] += kvFraction * part;
      maxBatch[slot] = Math.max(maxBatch[slot], batchSequences);
      maxKv[slot] = Math.max(maxKv[slot], kvFraction);
      if (edge <= t) {
        break; // rounding at an edge: nothing left to place
      }
      t = edge;
    } while (t < end);
  }

  private int ensure(long window) {
    int slot = (int) Math.max(0, window - firstWindow);
    if (slot >= busy.length) {
      int size = Math.max(slot + 1, busy.length * 2);
      busy = Arrays.copyOf(busy, size);
      batchSeconds = Arrays.copyOf(batchSeconds, size);
      kvSeconds = Arrays.copyOf(kvSeconds, size);
      maxBatch = Arrays.copyOf(maxBatch, size);
      maxKv = Arrays.copyOf(maxKv, size);
    }
    windows = Math.max(windows, slot + 1);
    return slot;
  }

  ReplicaTimeline build() {
    return new ReplicaTimeline(windowSeconds, firstWindow, Arrays.copyOf(busy, windows), Arrays.copyOf(batchSeconds, windows),
        Arrays.copyOf(kvSeconds, windows), Arrays.copyOf(maxBatch, windows), Arrays.copyOf(maxKv, windows));
  }
}
