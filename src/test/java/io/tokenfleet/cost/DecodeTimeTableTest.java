package io.tokenfleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.ModelSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The prefix-sum table against a step-by-step sum built from the definitions, and against the
 * closed form, on the cases where decode time is hardest to get right: the memory/compute
 * crossover, no cache (quadratic steps), a sliding window, and a short decode deep in a context.
 */
class DecodeTimeTableTest {

  /** Brute force: every decode step's shape from the definitions, timed by the timer, summed in order. */
  private static double stepSum(ModelSpec spec, StepTimer timer, long p, long m, DecodingStrategy s, int batch) {
    int w = spec.slidingWindowTokens();
    long n = (long) batch * s.width();
    double total = 0;
    for (long j = 1; j <= m - 1; j++) {
      long c = p + j;
      IterationShape shape;
      if (s.kvCache()) {
        long keys = w > 0 ? Math.min(c, w) : c;
        shape = new IterationShape(0, 0, (int) n, (double) n * (keys - 1), (int) n);
      } else {
        double runKeys = 0;
        for (long t = 1; t <= c; t++) {
          runKeys += w > 0 ? Math.min(t, w) : t;
        }
        shape = new IterationShape(n * c, n * runKeys, 0, 0, (int) n);
      }
      total += timer.iterationSeconds(shape);
    }
    return total;
  }

  private static PreparedDeployment prepared(TimeModel timeModel, ModelSpec model, GpuSpec gpu, int tp, int maxBatch) {
    return PreparedDeployment.of(Deployment.of(model, gpu, tp, maxBatch), timeModel);
  }

  private static void assertMatches(PreparedDeployment prepared, String strategy, int batch, long p, long m) {
    DecodingStrategy s = DecodingStrategy.parse(strategy);
    DecodeTimeTable table = DecodeTimeTable.of(prepared, s, batch, (int) (p + m - 1));
    double fromTable = table.decodeSeconds((int) p, (int) m);
    double brute = stepSum(prepared.deployment().model(), prepared.timer(), p, m, s, batch);
    double closed = RequestCostModel.decodeSeconds(prepared, p, m, s, batch);
    String what = prepared.deployment().model().name() + " " + strategy + " B " + batch + " P " + p + " M " + m;
    assertEquals(brute, fromTable, 1e-11 * brute, "table vs step sum, " + what);
    assertEquals(closed, fromTable, 1e-12 * closed, "table vs closed form, " + what);
  }

  @Test
  void equalsTheStepSumAcrossTheMemoryComputeCrossover() {
    // As RequestCostModelTest: batch 256 of Llama-2-70B on 8 x A100 turns memory-bound near 22,000 positions.
    PreparedDeployment d = prepared(TestSpecs.fittedRoofline(), TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 8, 512);
    assertMatches(d, "greedy", 256, 1000, 40_000);
    assertMatches(d, "greedy", 256, 21_000, 2_000);
    assertMatches(d, "beam:4", 64, 30_000, 3);
  }

  @Test
  void equalsTheStepSumWithoutCacheWithSlidingWindowAndUnderTheFlopsModel() {
    PreparedDeployment gpt3 = prepared(TestSpecs.fittedRoofline(), TestSpecs.gpt3_175b(), TestSpecs.a100_80gb(), 8, 64);
    assertMatches(gpt3, "greedy/no-cache", 1, 50, 300);
    assertMatches(gpt3, "beam:2/no-cache", 4, 20, 200);
    PreparedDeployment mistral = prepared(TestSpecs.fittedRoofline(), TestSpecs.mistral7b(), TestSpecs.h100(), 1, 64);
    assertMatches(mistral, "greedy", 32, 4000, 3000); // the window (4,096) is crossed mid-request
    assertMatches(mistral, "beam:2", 2, 5000, 100);
    assertMatches(mistral, "greedy/no-cache", 2, 4050, 100);
    PreparedDeployment flops = prepared(new FlopsTimeModel(0.4), TestSpecs.llama2_70b(), TestSpecs.h100(), 2, 64);
    assertMatches(flops, "greedy", 8, 2048, 1024);
    assertMatches(flops, "parallel:3/no-cache", 3, 300, 50);
  }

  @Test
  void oneTableAnswersEveryShapeAsTheClosedFormDoes() {
    // A short decode at the end of a long context is where a plain prefix sum would lose digits.
    PreparedDeployment d = prepared(TestSpecs.fittedRoofline(), TestSpecs.mistral7b(), TestSpecs.h100(), 1, 64);
    SplittableRandom rnd = new SplittableRandom(11);
    for (String strategy : new String[] {"greedy", "beam:4", "greedy/no-cache"}) {
      DecodingStrategy s = DecodingStrategy.parse(strategy);
      DecodeTimeTable table = DecodeTimeTable.of(d, s, 16, 20_000);
      assertEquals(20_000, table.maxPosition());
      for (int i = 0; i < 2_000; i++) {
        int p = 1 + rnd.nextInt(19_999);
        int m = i % 10 == 0 ? 20_001 - p : 1 + rnd.nextInt(20_000 - p + 1);
        double closed = RequestCostModel.decodeSeconds(d, p, m, s, 16);
        assertEquals(closed, table.decodeSeconds(p, m), 1e-12 * closed, strategy + " P " + p + " M " + m);
      }
      assertEquals(0.0, table.decodeSeconds(19_999, 1), "one output token: no decode step");
    }
  }

  @Test
  void rejectsABadBatchOrLength() {
    PreparedDeployment d = prepared(TestSpecs.fittedRoofline(), TestSpecs.mistral7b(), TestSpecs.h100(), 1, 64);
    assertEquals("batch must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> DecodeTimeTable.of(d, DecodingStrategy.GREEDY, 0, 10)).getMessage());
    assertEquals("maxPosition must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
        () -> DecodeTimeTable.of(d, DecodingStrategy.GREEDY, 1, 0)).getMessage());
  }
}
