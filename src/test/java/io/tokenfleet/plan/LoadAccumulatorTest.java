package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoadAccumulatorTest {

  @Test
  void demandPerWindowWorkedOutByHand() {
    LoadAccumulator a = new LoadAccumulator(60_000);
    a.add(0, 30);        // window 0
    a.add(59_999, 90);   // window 0: 120 GPU-s / 60 s = 2 GPUs
    a.add(130_000, 300); // window 2: 5 GPUs; window 1 empty: 0 GPUs
    LoadProfile p = a.profile(0.5, 2);
    assertEquals(3, p.windows());
    assertEquals(2.0, p.demandGpus(0), 1e-12);
    assertEquals(0.0, p.demandGpus(1), 1e-12);
    assertEquals(5.0, p.demandGpus(2), 1e-12);
    assertEquals(2, p.requests(0));
    assertEquals(120_000, p.windowStartMillis(2));
    assertEquals(5.0, p.peakDemandGpus(), 1e-12);
    assertEquals(7.0 / 3, p.meanDemandGpus(), 1e-12);
    assertEquals(5.0, p.p95DemandGpus(), 1e-12); // nearest rank ceil(0.95 x 3) = 3rd of {0, 2, 5}
    // replicas of 2 GPUs at 50%: ceil(2 / 1) = 2, 0, ceil(5 / 1) = 5
    assertEquals(2, p.replicasNeeded(0));
    assertEquals(0, p.replicasNeeded(1));
    assertEquals(5, p.replicasNeeded(2));
  }

  @Test
  void mergeOrderDoesNotChangeTheResult() {
    double[] work = {0.1, 0.2, 0.3, 1e-9, 7.77, 0.05};
    long[] at = {10, 70_000, 20, 200_000, 65_000, 1};
    LoadAccumulator whole = new LoadAccumulator(60_000);
    for (int i = 0; i < work.length; i++) {
      whole.add(at[i], work[i]);
    }
    LoadAccumulator x = new LoadAccumulator(60_000);
    LoadAccumulator y = new LoadAccumulator(60_000);
    LoadAccumulator z = new LoadAccumulator(60_000);
    for (int i = 0; i < work.length; i++) {
      (i % 3 == 0 ? x : i % 3 == 1 ? y : z).add(at[i], work[i]);
    }
    LoadProfile merged1 = new LoadAccumulator(60_000).merge(z).merge(x).merge(y).profile(0.7, 1);
    LoadProfile merged2 = new LoadAccumulator(60_000).merge(y).merge(new LoadAccumulator(60_000).merge(x).merge(z))
        .profile(0.7, 1);
    LoadProfile direct = whole.profile(0.7, 1);
    for (int w = 0; w < direct.windows(); w++) {
      assertEquals(direct.demandGpus(w), merged1.demandGpus(w), 0.0);
      assertEquals(direct.demandGpus(w), merged2.demandGpus(w), 0.0);
      assertEquals(direct.requests(w), merged1.requests(w));
    }
  }

  @Test
  void everyPassPutsAnArrivalInTheSameWindowWithFractionalWindows() {
    // 0.1 s windows: 300 ms is in window 3, although 0.3 / 0.1 = 2.9999999999999996 in floating point
    assertEquals(2, (long) Math.floor(300 / 1e3 / 0.1), "the floating-point rule this replaces");
    for (long windowMillis : new long[] {100, 7, 60_000, 1}) {
      for (long ms = 0; ms <= 200_000; ms += 1 + ms / 1000) {
        long expected = Math.floorDiv(ms, windowMillis);
        assertEquals(expected, ScalingComparison.windowIndex(ms, windowMillis));
        assertEquals(expected, TimelineBuilder.windowOf(ms / 1e3, windowMillis), ms + " ms, windows of " + windowMillis);
        RequestTable one = RequestTable.ofMillis(new long[] {0}, new long[] {ms}, new int[] {1}, new int[] {1}, new int[] {1});
        assertEquals(ms, ScalingComparison.arrivalMillis(one, 0));
      }
    }
    LoadAccumulator a = new LoadAccumulator(100);
    for (long ms : new long[] {0, 99, 100, 299, 300, 700}) {
      a.add(ms, 1);
    }
    LoadProfile p = a.profile(1, 1);
    // by hand: 0 and 99 -> window 0; 100 -> 1; 299 -> 2; 300 -> 3; 700 -> 7
    assertEquals(8, p.windows());
    long[] expected = {2, 1, 1, 1, 0, 0, 0, 1};
    for (int w = 0; w < 8; w++) {
      assertEquals(expected[w], p.requests(w), "window " + w);
    }
  }

  @Test
  void windowsSpannedCountsWindowIndicesInclusiveAndSaturates() {
    assertEquals(1, PlanSettings.windowsSpanned(0, 59_999, 60_000));
    assertEquals(2, PlanSettings.windowsSpanned(59_999, 60_000, 60_000));
    assertEquals(3, PlanSettings.windowsSpanned(-1, 60_000, 60_000)); // windows -1, 0, 1
    assertEquals(Long.MAX_VALUE / 60_000 + 1, PlanSettings.windowsSpanned(0, Long.MAX_VALUE, 60_000));
    assertEquals(Long.MAX_VALUE, PlanSettings.windowsSpanned(Long.MIN_VALUE, Long.MAX_VALUE, 1));
    assertEquals(Long.MAX_VALUE, PlanSettings.windowsSpanned(0, Long.MAX_VALUE, 1));
  }
}
