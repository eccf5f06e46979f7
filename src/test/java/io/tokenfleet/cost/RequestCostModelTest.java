package io.tokenfleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestFlops;
import org.junit.jupiter.api.Test;

/** The closed form against a loop over the steps, and a few figures worked by hand. */
class RequestCostModelTest {

  /** Brute force: build every iteration's shape from the definitions and ask the timer. */
  private static double[] perStep(ModelSpec spec, long p, long m, DecodingStrategy s, StepTimer timer, int batch) {
    int w = spec.slidingWindowTokens();
    long n = (long) batch * s.width();
    double prefillKeys = 0;
    for (long t = 1; t <= p; t++) {
      prefillKeys += w > 0 ? Math.min(t, w) : t;
    }
    double ttft = timer.iterationSeconds(new IterationShape(batch * p, batch * prefillKeys, 0, 0, batch));
    double decode = 0;
    for (long j = 1; j <= m - 1; j++) {
      IterationShape shape;
      if (s.kvCache()) {
        long keys = w > 0 ? Math.min(p + j, w) : p + j; // the new token attends to itself and the cache
        shape = new IterationShape(0, 0, (int) n, (double) n * (keys - 1), (int) n);
      } else {
        double runKeys = 0;
        for (long t = 1; t <= p + j; t++) {
          runKeys += w > 0 ? Math.min(t, w) : t;
        }
        shape = new IterationShape(n * (p + j), n * runKeys, 0, 0, (int) n);
      }
      decode += timer.iterationSeconds(shape);
    }
    return new double[] {ttft, decode};
  }

  private static void assertClosedFormMatches(Deployment d, TimeModel model, long p, long m, DecodingStrategy s, int batch) {
    RooflineStepTimer timer = model.stepTimer(d);
    RequestTiming t = RequestCostModel.estimate(d.model(), p, m, s, d, model, batch);
    double[] brute = perStep(d.model(), p, m, s, timer, batch);
    assertEquals(brute[0], t.ttftSeconds(), 1e-9 * brute[0], "ttft");
    assertEquals(brute[0] + brute[1], t.e2eSeconds(), 1e-9 * (brute[0] + brute[1]), "e2e");
    if (m > 1) {
      assertEquals(brute[1] / (m - 1), t.tpotSeconds(), 1e-9 * brute[1] / (m - 1), "tpot");
    }
    double gpu = d.tensorParallel() * (brute[0] + brute[1]) / batch;
    assertEquals(gpu, t.gpuSeconds(), 1e-9 * gpu, "gpuSeconds");
    assertEquals(gpu * d.gpu().dollarsPerGpuHour() / 3600, t.dollars(), 1e-9 * t.dollars(), "dollars");
  }

  @Test
  void closedFormEqualsStepSumAcrossTheMemoryComputeCrossover() {
    // Llama-2-70B on 8 x A100, batch 256: at short context a decode step is compute-bound
    // (256 sequences x 2 x 69e9 FLOPs / (8 x 312e12 x 0.1358) ~ 0.10 s > 138e9 B / (8 x 2.039e12 x 0.8368)
    // ~ 0.010 s), and every cached position adds more memory time (327,680 B / 13.6e12 B/s = 2.4e-8 s)
    // than compute time (2.6e6 FLOPs / 339e12 FLOP/s = 7.7e-9 s), so the step turns memory-bound
    // near P + j ~ 0.09 / (256 x 1.6e-8) ~ 22,000 positions.
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 8, 512);
    RooflineTimeModel model = TestSpecs.fittedRoofline();
    RooflineStepTimer timer = model.stepTimer(d);
    int batch = 256;
    long p = 1000;
    long m = 40_000;
    IterationShape first = new IterationShape(0, 0, batch, batch * (double) p, batch);
    IterationShape last = new IterationShape(0, 0, batch, batch * (double) (p + m - 2), batch);
    assertTrue(timer.compute().seconds(first) > timer.memory().seconds(first), "compute-bound at the start");
    assertTrue(timer.memory().seconds(last) > timer.compute().seconds(last), "memory-bound at the end");
    assertClosedFormMatches(d, model, p, m, DecodingStrategy.GREEDY, batch);
  }

  @Test
  void closedFormEqualsStepSumForSmallCasesAndBeams() {
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.h100(), 2, 64);
    for (TimeModel model : new TimeModel[] {TestSpecs.fittedRoofline(), new FlopsTimeModel(0.4)}) {
      assertClosedFormMatches(d, model, 1, 1, DecodingStrategy.GREEDY, 1);
      assertClosedFormMatches(d, model, 7, 2, DecodingStrategy.GREEDY, 3);
      assertClosedFormMatches(d, model, 2048, 1024, DecodingStrategy.parse("beam:4"), 8);
      assertClosedFormMatches(d, model, 300, 500, DecodingStrategy.parse("parallel:3"), 64);
    }
  }

  @Test
  void closedFormEqualsStepSumWithoutCacheAndWithSlidingWindow() {
    Deployment gpt3 = Deployment.of(TestSpecs.gpt3_175b(), TestSpecs.a100_80gb(), 8, 64);
    // No cache: each step is a prefill-like pass of P + j tokens; compute grows quadratically.
    assertClosedFormMatches(gpt3, TestSpecs.fittedRoofline(), 50, 300, DecodingStrategy.parse("greedy/no-cache"), 1);
    assertClosedFormMatches(gpt3, TestSpecs.fittedRoofline(), 20, 200, DecodingStrategy.parse("beam:2/no-cache"), 4);
    assertClosedFormMatches(gpt3, new FlopsTimeModel(0.5), 20, 200, DecodingStrategy.parse("greedy/no-cache"), 1);
    // Mistral's 4096 window: the context stops growing mid-request, with and without cache.
    Deployment mistral = Deployment.of(TestSpecs.mistral7b(), TestSpecs.h100(), 1, 64);
    assertClosedFormMatches(mistral, TestSpecs.fittedRoofline(), 4000, 3000, DecodingStrategy.GREEDY, 32);
    assertClosedFormMatches(mistral, TestSpecs.fittedRoofline(), 5000, 100, DecodingStrategy.parse("beam:2"), 2);
    assertClosedFormMatches(mistral, TestSpecs.fittedRoofline(), 4050, 100, DecodingStrategy.parse("greedy/no-cache"), 2);
  }

  @Test
  void flopsModelReproducesTheSeedsDollarsPerZettaflop() {
    // The seed: an 8 x A100 server at $12/h ($1.50 per GPU-hour), 312e12 FLOP/s each, at MFU 0.5:
    // 1e21 FLOPs / (8 x 312e12 x 0.5) FLOP/s = 801,282.05 s = 222.578 h; x $12/h = $2,670.94 per ZFLOP.
    GpuSpec seedA100 = TestSpecs.a100_80gb().withDollarsPerGpuHour(1.5, "the seed's $12/h server", "2023");
    Deployment d = Deployment.of(TestSpecs.gpt3_175b(), seedA100, 8, 64);
    RequestTiming t = RequestCostModel.estimate(d.model(), 2048, 1024, DecodingStrategy.GREEDY, d, new FlopsTimeModel(0.5), 1);
    double flops = RequestFlops.of(d.model(), 2048, 1024, DecodingStrategy.GREEDY).totalFlops();
    assertEquals(2670.94, t.dollars() / flops * 1e21, 0.01);
    // The seed's ~$1,250 per ZFLOP corresponds to MFU = 1335.47 / 1250 > 1: not reachable.
    RequestTiming full = RequestCostModel.estimate(d.model(), 2048, 1024, DecodingStrategy.GREEDY, d, new FlopsTimeModel(1.0), 1);
    assertEquals(1335.47, full.dollars() / flops * 1e21, 0.01);
  }

  @Test
  void rooflineDecodeStepAtBatchOneIsTheWeightReadPlusOverheads() {
    // Llama-2-70B, tp 1 on an imaginary 200 GB H100 (so the bf16 weights fit), batch 1, P = 1, M = 2:
    // the one decode step reads 137,953,296,384 weight bytes + 1 cached position x 327,680 B
    // at 3.35e12 x 0.8 B/s = 0.0514751... s; compute 2 x 68,452,352,000 FLOPs is far less at
    // 989.4e12 x 0.5; plus the 0.01 s overhead; no all-reduce at tp 1.
    GpuSpec big = new GpuSpec("big", 989.4e12, 0, 200e9, 3.35e12, 900e9, 700, 2.0, "test", "test");
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), big, 1, 8);
    RooflineTimeModel model = new RooflineTimeModel(0.5, 0.5, 0.8, 1.0, 1e-5, 0.01, 2);
    RequestTiming t = RequestCostModel.estimate(d.model(), 1, 2, DecodingStrategy.GREEDY, d, model, 1);
    double expected = (137_953_296_384.0 + 327_680.0) / (3.35e12 * 0.8) + 0.01;
    assertEquals(expected, t.tpotSeconds(), 1e-12 * expected);
    // MBU of that step: the same bytes over (tpot x 3.35e12).
    assertEquals((137_953_296_384.0 + 327_680.0) / (expected * 3.35e12), t.mbuDecode(), 1e-12);
  }

  @Test
  void tensorParallelAddsRingAllReduces() {
    // tp 4, batch 1 decode, one token: 2 x 80 all-reduces, each 2 x 3 hops x 1e-5 s latency
    // = 0.0096 s, plus 2 x 3/4 x 8192 x 2 B / (600e9 x 0.5) = 8.192e-8 s of transfer each = 1.31072e-5 s;
    // memory (137,953,296,384 + 327,680) / (4 x 2.039e12 x 0.8) = 0.021144... s; overhead 0.01 s.
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 4, 8);
    RooflineTimeModel model = new RooflineTimeModel(0.5, 0.5, 0.8, 0.5, 1e-5, 0.01, 2);
    RequestTiming t = RequestCostModel.estimate(d.model(), 1, 2, DecodingStrategy.GREEDY, d, model, 1);
    double memory = (137_953_296_384.0 + 327_680.0) / (4 * 2.039e12 * 0.8);
    double allReduce = 160 * (6 * 1e-5 + 2 * 0.75 * 8192 * 2 / (600e9 * 0.5));
    assertEquals(memory + allReduce + 0.01, t.tpotSeconds(), 1e-12);
  }

  @Test
  void prefillMfuAndSharesOfABatch() {
    // Flops model at MFU 0.4: prefill's measured MFU is the model's 0.4 by construction, and a
    // request's GPU-seconds are tp x step time / B.
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.h100(), 4, 64);
    RequestTiming one = RequestCostModel.estimate(d.model(), 1000, 200, DecodingStrategy.GREEDY, d, new FlopsTimeModel(0.4), 1);
    RequestTiming many = RequestCostModel.estimate(d.model(), 1000, 200, DecodingStrategy.GREEDY, d, new FlopsTimeModel(0.4), 16);
    assertEquals(0.4, one.mfuPrefill(), 1e-12);
    // FLOPs are linear in the batch, so the flops model's per-request share does not depend on B.
    assertEquals(one.gpuSeconds(), many.gpuSeconds(), 1e-12 * one.gpuSeconds());
    assertEquals(16 * one.ttftSeconds(), many.ttftSeconds(), 1e-12 * many.ttftSeconds());
    // The flops model ignores bandwidth: decode at batch 1 would need more than the HBM delivers.
    assertTrue(one.mbuDecode() > 1, "flops model's batch-1 decode exceeds peak bandwidth: " + one.mbuDecode());
  }

  @Test
  void memoryFitAndMaxBatch() {
    // Llama-2-70B, bf16, 4 x A100-80GB, 10% reserve: 288e9 usable - 137,953,296,384 weights
    // = 150,046,703,616 B for KV; a 4096-position sequence holds 4096 x 327,680 = 1,342,177,280 B
    // -> 111 sequences (111.79).
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 4, 64);
    assertEquals(111, d.maxBatch(4096));
    // A request of 2048 + 2049 tokens (peak 4096 positions) likewise fits 111 times; the
    // deployment's max batch of 64 caps what is reported.
    RequestTiming t = RequestCostModel.estimate(d.model(), 2048, 2049, DecodingStrategy.GREEDY, d, TestSpecs.fittedRoofline(), 100);
    assertEquals(64, t.maxBatch());
    assertTrue(t.fitsInMemory());
    RequestTiming tooMany = RequestCostModel.estimate(d.model(), 2048, 2049, DecodingStrategy.GREEDY, d, TestSpecs.fittedRoofline(), 112);
    assertFalse(tooMany.fitsInMemory());
    // COPIED beams hold 4 x 4096 positions each: 150,046,703,616 / (4 x 1,342,177,280) = 27.9 -> 27.
    Deployment copied = new Deployment(d.model(), d.gpu(), 4, Dtype.BF16, Dtype.BF16, 64, KvSharing.COPIED, 0.10);
    assertEquals(27, copied.maxRequests(2048, 2049, DecodingStrategy.parse("beam:4")));
  }

  @Test
  void infeasibleDeploymentSaysWhy() {
    // Llama-3.1-405B: per layer Q,O 2 x 16384^2 = 536,870,912, K,V 2 x 16384 x 1024 = 33,554,432,
    // FFN 3 x 16384 x 53248 = 2,617,245,696, norms 2 x 16384: 3,187,703,808 x 126 = 401,650,679,808;
    // + embeddings 2 x 128256 x 16384 = 4,202,692,608 + final norm 16,384 = 405,853,388,800 params
    // x 2 B = 811.7 GB; 2 x A100-80GB hold 160 GB, 144 GB after the 10% reserve.
    Deployment d = Deployment.of(TestSpecs.llama31_405b(), TestSpecs.a100_80gb(), 2, 8);
    assertFalse(d.weightsFit());
    assertEquals(0, d.maxBatch(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RequestCostModel.estimate(d.model(), 100, 10, DecodingStrategy.GREEDY, d, TestSpecs.fittedRoofline(), 1));
    assertEquals("llama-3.1-405b in bf16 needs 812 GB of weights; a100-80gb:2 holds 160 GB (144 GB after the 10% reserve)",
        e.getMessage());
  }

  @Test
  void badArgumentsNameTheArgument() {
    Deployment d = Deployment.of(TestSpecs.llama2_70b(), TestSpecs.h100(), 2, 8);
    RooflineTimeModel m = TestSpecs.fittedRoofline();
    assertEquals("promptTokens must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> RequestCostModel.estimate(d.model(), 0, 10, DecodingStrategy.GREEDY, d, m, 1)).getMessage());
    assertEquals("batch must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> RequestCostModel.estimate(d.model(), 1, 10, DecodingStrategy.GREEDY, d, m, 0)).getMessage());
    assertEquals("tensorParallel must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> Deployment.of(TestSpecs.llama2_70b(), TestSpecs.h100(), 0, 8)).getMessage());
    assertEquals("mbu must be in (0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
        () -> new RooflineTimeModel(0.5, 0.5, 1.5, 0.5, 0, 0, 2)).getMessage());
    assertEquals("unknown time model 'fast' (expected flops or roofline)", assertThrows(IllegalArgumentException.class,
        () -> TimeModel.canonicalName("fast")).getMessage());
  }
}
