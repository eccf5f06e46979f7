package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.cost.IterationShape;
import org.junit.jupiter.api.Test;

class ContinuousBatchingSimulatorTest {
  // 10 ms per iteration + 1 ms per prompt token + 2 ms per decoding sequence + 10 us per cached token read
  private static final LinearStepTimer TIMER = new LinearStepTimer(0.010, 0.001, 0.002, 0.00001, 0);

  private static SchedulerConfig config(long blocks, int budget, boolean chunked, double watermark) {
    return new SchedulerConfig(16, blocks, budget, 256, chunked, watermark, 60);
  }

  @Test
  void requestsFarApartSeeTheirBatchOneLatenciesWorkedOutByHand() {
    // Two requests 1000 s apart: P = 100, M = 5, width 1 then width 2.
    RequestTable t = RequestTable.of(new long[] {1, 2}, new double[] {0, 1000}, new int[] {100, 100}, new int[] {5, 5},
        new int[] {1, 2});
    ReplicaResult r = new ContinuousBatchingSimulator(config(10_000, 64, true, 0), TIMER).run(t);
    // Chunked prefill, budget 64: chunks of 64 and 36 tokens: (0.010 + 0.064) + (0.010 + 0.036) = 0.120 s
    assertEquals(0.120, r.ttftSeconds(0), 1e-12);
    assertEquals(0.120, r.ttftSeconds(1), 1e-12); // the prompt is prefilled once for both sequences
    // Decode step j reads 100 + j - 1 cached tokens, j = 1..4, mean 101.5:
    // width 1: 0.010 + 0.002 + 101.5e-5 = 0.013015 s per token
    assertEquals(0.013015, r.tpotSeconds(0), 1e-12);
    assertEquals(0.120 + 4 * 0.013015, r.e2eSeconds(0), 1e-12);
    // width 2: 0.010 + 2 x 0.002 + 2 x 101.5e-5 = 0.01603 s per step
    assertEquals(0.01603, r.tpotSeconds(1), 1e-12);
    assertEquals(0.120 + 4 * 0.01603, r.e2eSeconds(1), 1e-12);
    assertEquals(0, r.queueingSeconds(0));
    assertEquals(0, r.queueingSeconds(1));

    // Without chunked prefill the prompt is one iteration: 0.010 + 0.100 = 0.110 s
    ReplicaResult whole = new ContinuousBatchingSimulator(config(10_000, 8192, false, 0), TIMER).run(t);
    assertEquals(0.110, whole.ttftSeconds(0), 1e-12);
    assertEquals(0.110 + 4 * 0.013015, whole.e2eSeconds(0), 1e-12);
  }

  @Test
  void aOneTokenRequestFinishesWithItsPrefill() {
    RequestTable t = RequestTable.of(new long[] {7}, new double[] {5}, new int[] {10}, new int[] {1}, new int[] {4});
    ReplicaResult r = new ContinuousBatchingSimulator(config(100, 8192, true, 0), TIMER).run(t);
    assertEquals(0.020, r.ttftSeconds(0), 1e-12); // 0.010 + 10 x 0.001
    assertEquals(0.020, r.e2eSeconds(0), 1e-12);
    assertTrue(Double.isNaN(r.tpotSeconds(0)));
  }

  @Test
  void prefillKeysOfARecomputeMatchABruteForceCount() {
    int p = 5;
    long g = 3;
    int k = 2;
    // virtual layout: positions 1..5, then 6,7,8 for sequence 1, then 6,7,8 for sequence 2
    int[] positions = {1, 2, 3, 4, 5, 6, 7, 8, 6, 7, 8};
    for (int window : new int[] {0, 1, 4, 6, 8, 100}) {
      for (int from = 0; from <= p + k * g; from++) {
        for (int to = from; to <= p + k * g; to++) {
          long brute = 0;
          for (int o = from; o < to; o++) {
            // a token at position t attends min(t, W) keys under a window W, t without one
            brute += window == 0 ? positions[o] : Math.min(positions[o], window);
          }
          assertEquals(brute, ContinuousBatchingSimulator.prefillKeys(p, g, from, to, window), 0,
              "window " + window + ", offsets " + from + ".." + to);
        }
      }
    }
  }

  /** Sums what the timer was asked to compute, checks KV against capacity at every iteration, counts completions. */
  private static final class Audit implements IterationObserver {
    final long capacity;
    final int[] completions;
    final double[] completedAt;
    long prefillTokens;
    long decodeTokens;
    long iterations;
    double inSystemSeconds;

    Audit(long capacity, int requests) {
      this.capacity = capacity;
      completions = new int[requests];
      completedAt = new double[requests];
    }

    @Override
    public void onCompletion(int request, double endSeconds) {
      completions[request]++;
      completedAt[request] = endSeconds;
    }

    @Override
    public void onIteration(double start, IterationShape shape, double seconds, long kvBlocksUsed, int inSystem) {
      assertTrue(kvBlocksUsed <= capacity, "KV blocks " + kvBlocksUsed + " exceed capacity " + capacity + " at " + start);
      assertTrue(kvBlocksUsed >= 0);
      prefillTokens += shape.prefillTokens();
      decodeTokens += shape.decodeSequences();
      iterations++;
      inSystemSeconds += inSystem * seconds;
    }
  }

  @Test
  void tightKvPreemptsAndEveryTokenIsAccountedFor() {
    for (boolean chunked : new boolean[] {true, false}) {
      RequestTable t = SyntheticTrace.poisson(42, 3000, 40, 400, 300, new int[] {1, 1, 1, 2, 4});
      long capacity = 400; // 6400 tokens: a handful of requests at once
      Audit audit = new Audit(capacity, t.size());
      ReplicaResult r = new ContinuousBatchingSimulator(config(capacity, 512, chunked, 0.01), TIMER).run(t, audit);
      long sumPrompt = 0;
      long sumDecode = 0;
      long sumRecomputed = 0;
      long preempted = 0;
      for (int i = 0; i < t.size(); i++) {
        sumPrompt += t.promptTokens(i);
        sumDecode += (long) t.sequences(i) * (t.outputTokens(i) - 1);
        sumRecomputed += r.recomputedPrefillTokens(i);
        preempted += r.preemptions(i);
        // completed exactly once, after arriving, first token before the last
        assertEquals(1, audit.completions[i], "completions of request " + i + " (chunked=" + chunked + ")");
        assertEquals(t.arrivalSeconds(i) + r.e2eSeconds(i), audit.completedAt[i], 1e-9, "completion time of request " + i);
        assertTrue(r.ttftSeconds(i) > 0 && r.ttftSeconds(i) <= r.e2eSeconds(i) + 1e-12, "request " + i);
        assertTrue(r.queueingSeconds(i) >= 0 && r.queueingSeconds(i) < r.ttftSeconds(i), "request " + i);
        if (r.preemptions(i) == 0) {
          assertEquals(0, r.recomputedPrefillTokens(i), "unpreempted request " + i + " recomputed tokens");
        } else {
          assertTrue(r.recomputedPrefillTokens(i) > 0, "preempted request " + i + " recomputed nothing");
        }
      }
      assertTrue(preempted > 0, "KV of 400 blocks at 40 req/s should force preemption (chunked=" + chunked + ")");
      assertEquals(sumPrompt + sumRecomputed, audit.prefillTokens, "prefill tokens fed (chunked=" + chunked + ")");
      assertEquals(sumDecode, audit.decodeTokens, "decode tokens fed (chunked=" + chunked + ")");
      ReplicaSummary s = r.summary();
      assertEquals(t.size(), s.requests());
      assertEquals(preempted, s.preemptions());
      assertEquals(audit.prefillTokens, s.prefillTokensComputed());
      assertEquals(audit.iterations, s.iterations());
      assertTrue(s.maxKvFraction() <= 1.0);
    }
  }

  @Test
  void littlesLawHoldsOnASteadyLoad() {
    // 20000 requests at 2 req/s: prefill 2 x 100 x 1 ms = 0.2 s/s, decode 2 x 50 x (2 ms + 1.5 ms) = 0.35 s/s; L measured from the iterations, lambda x W from per-request times.
    RequestTable t = SyntheticTrace.poisson(7, 20_000, 2, 200, 100, new int[] {1});
    Audit audit = new Audit(100_000, t.size());
    ReplicaResult r = new ContinuousBatchingSimulator(config(100_000, 2048, true, 0), TIMER).run(t, audit);
    ReplicaSummary s = r.summary();
    double span = s.spanSeconds();
    double meanInSystem = audit.inSystemSeconds / span;
    double lambda = t.size() / span;
    double meanSojourn = s.e2e().meanSeconds();
    assertTrue(meanInSystem > 1, "load should keep requests in the system, L = " + meanInSystem);
    assertEquals(lambda * meanSojourn, meanInSystem, 0.03 * meanInSystem, "L = lambda W");
    // steady, not overloaded: the queue stays short (busy fraction is ~1 whenever anything decodes,
    // so it says nothing about overload under continuous batching)
    assertTrue(s.queueing().quantile(0.99) < 1, "p99 queueing " + s.queueing().quantile(0.99));
  }

  @Test
  void aRequestThatCanNeverFitIsNamed() {
    RequestTable t = RequestTable.of(new long[] {1, 99}, new double[] {0, 1}, new int[] {10, 1000}, new int[] {10, 10},
        new int[] {1, 1});
    // request 99: ceil(1000/16) = 63 prompt blocks + ceil(9/16) = 1 block > 50
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ContinuousBatchingSimulator(config(50, 8192, true, 0), TIMER).run(t));
    assertTrue(e.getMessage().contains("request 99 can never fit"), e.getMessage());
    assertTrue(e.getMessage().contains("64 blocks") && e.getMessage().contains("holds 50 blocks"), e.getMessage());
  }

  @Test
  void unsortedInputIsSortedByArrivalThenId() {
    RequestTable t = RequestTable.of(new long[] {3, 1, 2}, new double[] {2, 1, 1}, new int[] {1, 2, 3}, new int[] {1, 1, 1},
        new int[] {1, 1, 1});
    assertEquals(1, t.id(0));
    assertEquals(2, t.id(1));
    assertEquals(3, t.id(2));
    assertEquals(3, t.promptTokens(1));
  }

  @Test
  void timelineCoversBusyTime() {
    RequestTable t = SyntheticTrace.poisson(3, 2000, 5, 200, 100, new int[] {1, 2});
    ReplicaResult r = new ContinuousBatchingSimulator(new SchedulerConfig(16, 50_000, 2048, 256, true, 0, 30), TIMER).run(t);
    double busy = 0;
    for (int w = 0; w < r.timeline().windows(); w++) {
      busy += r.timeline().busySeconds(w);
      assertTrue(r.timeline().busySeconds(w) <= 30 + 1e-9);
    }
    assertEquals(r.summary().busySeconds(), busy, 1e-6 * busy);
  }
}
