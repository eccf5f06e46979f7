package io.tokenfleet.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.PlanConfig;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.cost.RequestTiming;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.kernel.DecodingStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At very low load a request is alone on its replica, so the simulator's latencies must be the
 * cost model's batch-1 latencies (RequestCostModel sums the same steps in closed form): real
 * presets from reference.conf under the roofline time model, requests 1000 s apart.
 *
 * <p>The one modelling difference is time itself: the simulator keeps absolute time in double
 * seconds since the trace start, so each latency carries the rounding of its iterations' end
 * times, at most ~ulp(arrival) per iteration (4.5e-13 s near 4000 s; summed over 2000 decode
 * steps under 1e-9 s against latencies of tens of seconds), well inside the relative 1e-9 asked.
 */
class CostModelAgreementTest {
  private static final double RELATIVE = 1e-9;
  private static final Config ROOT = ConfigLoader.load();

  record Setup(Deployment deployment, RooflineStepTimer timer, SchedulerConfig scheduler) {}

  static Setup setup(String model, String gpu) {
    Deployment d = Deployment.of(ModelCatalog.fromConfig(ROOT).get(model), GpuCatalogConfig.from(ROOT).get(gpu), 1, 16);
    RooflineStepTimer timer = TimeModelConfig.from(ROOT).models().byName("roofline").stepTimer(d);
    return new Setup(d, timer, PlanConfig.from(ROOT).scheduler(d));
  }

  /** Requests of the given (prompt, output) shapes, 1000 s apart, all of width k. */
  static RequestTable farApart(int[][] shapes, int width) {
    return RequestTables.of(shapes.length, i -> i, i -> 1000.0 * i, i -> shapes[i][0], i -> shapes[i][1], i -> width);
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, RELATIVE * Math.abs(expected), what);
  }

  /** Simulated TTFT, TPOT and e2e of every request against RequestCostModel at batch 1. */
  private static void assertBatchOne(Setup s, RequestTable t, DecodingStrategy strategy) {
    ReplicaResult r = new ContinuousBatchingSimulator(s.scheduler(), s.timer()).run(t);
    PreparedDeployment prepared = PreparedDeployment.of(s.deployment(), s.timer());
    for (int i = 0; i < t.size(); i++) {
      String what = s.deployment().model().name() + " " + strategy + " P=" + t.promptTokens(i) + " M=" + t.outputTokens(i);
      RequestTiming cost = RequestCostModel.estimate(t.promptTokens(i), t.outputTokens(i), strategy, prepared, 1);
      assertEquals(0, r.queueingSeconds(i), what + ": alone, so never queued");
      assertRelative(cost.ttftSeconds(), r.ttftSeconds(i), what + " TTFT");
      assertRelative(cost.e2eSeconds(), r.e2eSeconds(i), what + " e2e");
      if (t.outputTokens(i) == 1) {
        assertTrue(Double.isNaN(r.tpotSeconds(i)), what + ": no TPOT for one token (the cost model says 0)");
      } else {
        assertRelative(cost.tpotSeconds(), r.tpotSeconds(i), what + " TPOT");
      }
    }
  }

  @Test
  void llama7bOnOneH100MatchesTheCostModelsBatchOneLatencies() {
    Setup s = setup("llama-2-7b", "h100-sxm");
    assertEquals(0, s.scheduler().slidingWindowTokens());
    // one token; the shortest decode; the Azure medians (1020, 129); a long prompt; the 4096-token context filled
    int[][] shapes = {{1, 1}, {100, 2}, {1020, 129}, {4000, 16}, {3000, 1097}};
    for (DecodingStrategy strategy : List.of(DecodingStrategy.GREEDY, DecodingStrategy.parse("beam:4"))) {
      assertBatchOne(s, farApart(shapes, strategy.width()), strategy);
    }
  }

  @Test
  void slidingWindowModelMatchesTheCostModelAndFreesBlocksOutsideTheWindow() {
    Setup s = setup("mistral-7b", "h100-sxm");
    int w = 4096;
    assertEquals(w, s.scheduler().slidingWindowTokens(), "mistral-7b's window from reference.conf");
    // decode crossing the window; a prompt longer than the window; a long decode from a short prompt
    int[][] shapes = {{3000, 3000}, {6000, 500}, {100, 5000}};
    for (DecodingStrategy strategy : List.of(DecodingStrategy.GREEDY, DecodingStrategy.parse("beam:4"))) {
      RequestTable t = farApart(shapes, strategy.width());
      assertBatchOne(s, t, strategy);

      // KV: iteration by iteration, the blocks held are those with a position among the last W of a sequence
      List<Long> used = new ArrayList<>();
      IterationObserver kv = (start, shape, seconds, blocks, inSystem) -> used.add(blocks);
      new ContinuousBatchingSimulator(s.scheduler(), s.timer()).run(t, kv);
      int b = s.scheduler().blockSizeTokens();
      int k = strategy.width();
      List<Long> expected = new ArrayList<>();
      for (int[] shape : shapes) {
        for (int g = 0; g < shape[1]; g++) { // the prefill iteration (g = 0), then decode step g writes generated position g
          expected.add(liveBlocks(shape[0], g, k, w, b));
        }
      }
      assertEquals(expected, used, strategy + ": KV blocks per iteration");
    }
    // the window matters: 100 prompt + 4999 generated positions without it need 7 + 313 blocks per sequence
    long peakWithout = s.scheduler().withSlidingWindow(0).peakBlocks(100, 5000, 1);
    assertEquals(7 + 313, peakWithout);
    // with it a sequence keeps 4096 positions: at most ceil(4095 / 16) + 1 = 257 blocks of its own, plus prompt blocks
    // still inside the window
    long peakWith = s.scheduler().peakBlocks(100, 5000, 1);
    assertTrue(peakWith <= 257 + 7 && peakWith < peakWithout, "peak " + peakWith);
    // and attention keys are capped: without the window the same request takes longer
    RequestTable longDecode = farApart(new int[][] {{100, 5000}}, 1);
    double windowed = new ContinuousBatchingSimulator(s.scheduler(), s.timer()).run(longDecode).e2eSeconds(0);
    double full = new ContinuousBatchingSimulator(s.scheduler().withSlidingWindow(0), s.timer()).run(longDecode).e2eSeconds(0);
    assertNotEquals(full, windowed);
    assertTrue(full > windowed, "full attention reads more KV: " + full + " vs " + windowed);
  }

  /**
   * Brute force: the prompt's blocks (positions 1..P, B each) once, each sequence's own blocks for its
   * g generated positions (P+1..P+g, B each); a block is live while one of its positions is among the
   * last W positions P+g-W+1..P+g.
   */
  static long liveBlocks(long p, long g, int k, int w, int b) {
    long oldestLive = w == 0 ? 1 : Math.max(1, p + g - w + 1);
    long live = 0;
    for (long start = 1; start <= p; start += b) {
      long end = Math.min(p, start + b - 1);
      live += end >= oldestLive ? 1 : 0;
    }
    for (long start = 1; start <= g; start += b) {
      long end = p + Math.min(g, start + b - 1);
      live += end >= oldestLive ? k : 0;
    }
    return live;
  }

  @Test
  void heldAndPeakBlocksEqualABruteForceCount() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
    for (int trial = 0; trial < 3000; trial++) {
      int b = 1 + rnd.nextInt(20);
      int w = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(120);
      int k = 1 + rnd.nextInt(4);
      int p = 1 + rnd.nextInt(150);
      int m = 1 + rnd.nextInt(300);
      SchedulerConfig c = new SchedulerConfig(b, 1_000_000, 8192, 256, true, 0, 60, w);
      long peak = 0;
      for (int g = 0; g < m; g++) {
        long brute = liveBlocks(p, g, k, w, b);
        assertEquals(brute, c.heldBlocks(p, g, k), "B=" + b + " W=" + w + " k=" + k + " P=" + p + " g=" + g);
        peak = Math.max(peak, brute);
      }
      assertEquals(peak, c.peakBlocks(p, m, k), "peak: B=" + b + " W=" + w + " k=" + k + " P=" + p + " M=" + m);
    }
  }

  @Test
  void aLoneRequestsIterationsAreTheCostModelsSteps() {
    // the shapes themselves, not only their times: prefill keys K_W(P) and decode reads min(P + j, W) - 1
    Setup s = setup("mistral-7b", "h100-sxm");
    RequestTable t = farApart(new int[][] {{5000, 4}}, 2);
    List<IterationShape> shapes = new ArrayList<>();
    new ContinuousBatchingSimulator(s.scheduler(), s.timer()).run(t, (start, shape, sec, kv, in) -> shapes.add(shape));
    // 4096 x 4097 / 2 keys for positions 1..4096, then 904 positions x 4096 keys each
    double prefillKeys = 4096.0 * 4097 / 2 + 904.0 * 4096;
    assertEquals(List.of(new IterationShape(5000, prefillKeys, 0, 0, 1), new IterationShape(0, 0, 2, 2 * 4095.0, 2),
        new IterationShape(0, 0, 2, 2 * 4095.0, 2), new IterationShape(0, 0, 2, 2 * 4095.0, 2)), shapes);
  }
}
