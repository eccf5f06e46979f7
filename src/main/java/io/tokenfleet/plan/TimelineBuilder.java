package io.tokenfleet.plan;

import java.util.Arrays;

/**
 * Accumulates iterations into fixed windows for {@link ReplicaTimeline}; grows as time advances.
 * Window w covers [edge(w), edge(w + 1)) of simulated seconds with edge(w) = (w x windowMillis) /
 * 1000 computed in double like an arrival's seconds (ms / 1000), the load profile's windows:
 * correctly rounded division is monotone, so an arrival of ms milliseconds is in window
 * floorDiv(ms, windowMillis) exactly. (floor(t x 1000 / windowMillis) is not: 2.03 x 1000 =
 * 2029.9999999999998.)
 */
final class TimelineBuilder {
  private final long windowMillis;
  private final long firstWindow;
  private int windows;
  private double[] busy = new double[16];
  private double[] batchSeconds = new double[16];
  private double[] kvSeconds = new double[16];
  private int[] maxBatch = new int[16];
  private double[] maxKv = new double[16];

  TimelineBuilder(long windowMillis, double startSeconds) {
    this.windowMillis = windowMillis;
    this.firstWindow = windowOf(startSeconds, windowMillis);
  }

  static long windowOf(double seconds, long windowMillis) {
    long w = (long) Math.floor(seconds * 1e3 / windowMillis); // within one of the answer
    while (seconds < edge(w, windowMillis)) {
      w--;
    }
    while (seconds >= edge(w + 1, windowMillis)) {
      w++;
    }
    return w;
  }

  /** Start of window w in seconds, as an arrival at w x windowMillis ms is converted. */
  static double edge(long w, long windowMillis) {
    return (w * windowMillis) / 1e3;
  }

  /** Adds an iteration [start, start + seconds), split at window edges. */
  void add(double start, double seconds, int batchSequences, double kvFraction) {
    double t = start;
    double end = start + seconds;
    do {
      long w = windowOf(t, windowMillis);
      int slot = ensure(w);
      double edge = Math.min(end, edge(w + 1, windowMillis));
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
    return new ReplicaTimeline(windowMillis, firstWindow, Arrays.copyOf(busy, windows), Arrays.copyOf(batchSeconds, windows),
        Arrays.copyOf(kvSeconds, windows), Arrays.copyOf(maxBatch, windows), Arrays.copyOf(maxKv, windows));
  }
}
