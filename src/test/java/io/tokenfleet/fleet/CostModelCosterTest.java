package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.PreparedDeployment;
import io.tokenfleet.cost.TestSpecs;
import io.tokenfleet.kernel.DecodingStrategy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * fleet-cost costs variants with equal cost identities once; the identity must only be shared by
 * strategies that really cost the same. parallel:n is specified to cost as beam:n (kernel spec), so
 * their costs are compared on random shapes, sliding window included; anything else must differ.
 */
class CostModelCosterTest {

  private static CostModelCoster coster(String strategy, PreparedDeployment prepared, int batch) {
    return new CostModelCoster(DecodingStrategy.parse(strategy), prepared, batch);
  }

  @Test
  void parallelCostsAsBeamOfTheSameWidthAndSharesItsIdentity() {
    PreparedDeployment[] deployments = {
        PreparedDeployment.of(Deployment.of(TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 4, 256), TestSpecs.fittedRoofline()),
        PreparedDeployment.of(Deployment.of(TestSpecs.mistral7b(), TestSpecs.h100(), 1, 256), TestSpecs.fittedRoofline())};
    SplittableRandom rnd = new SplittableRandom(5);
    for (PreparedDeployment prepared : deployments) {
      for (String cache : new String[] {"", "/no-cache"}) {
        CostModelCoster beam = coster("beam:4" + cache, prepared, 16);
        CostModelCoster parallel = coster("parallel:4" + cache, prepared, 16);
        assertEquals(beam.costIdentity(), parallel.costIdentity());
        for (int i = 0; i < 200; i++) {
          int p = 1 + rnd.nextInt(8000);
          int m = 1 + rnd.nextInt(3000);
          assertEquals(beam.cost(p, m), parallel.cost(p, m), prepared.deployment().model().name() + " P " + p + " M " + m);
        }
      }
      Object beam4 = coster("beam:4", prepared, 16).costIdentity();
      assertNotEquals(beam4, coster("beam:4/no-cache", prepared, 16).costIdentity());
      assertNotEquals(beam4, coster("beam:2", prepared, 16).costIdentity());
      assertNotEquals(beam4, coster("beam:4", prepared, 8).costIdentity());
      assertNotEquals(coster("greedy", prepared, 16).costIdentity(), coster("parallel:2", prepared, 16).costIdentity());
    }
    assertNotEquals(coster("greedy", deployments[0], 16).costIdentity(), coster("greedy", deployments[1], 16).costIdentity());
  }

  /**
   * costAll (prefill once per prompt length, decode by tables) against costing shape by shape: the
   * same FLOPs, TTFT and KV exactly, times to 1e-12. The shapes include repeats, requests whose KV
   * caps the batch below B (other decode tables) and requests past the table (closed form).
   */
  @Test
  void costAllRecordsWhatCostingShapeByShapeRecords() {
    PreparedDeployment[] deployments = {
        PreparedDeployment.of(Deployment.of(TestSpecs.llama2_70b(), TestSpecs.a100_80gb(), 4, 256), TestSpecs.fittedRoofline()),
        PreparedDeployment.of(Deployment.of(TestSpecs.mistral7b(), TestSpecs.h100(), 1, 256), TestSpecs.fittedRoofline())};
    SplittableRandom rnd = new SplittableRandom(9);
    for (PreparedDeployment prepared : deployments) {
      for (String strategy : new String[] {"greedy", "beam:4", "greedy/no-cache", "beam:2/no-cache"}) {
        CostModelCoster coster = coster(strategy, prepared, 256);
        ShapeCounter shapes = new ShapeCounter(1 << 10, Integer.MAX_VALUE);
        VariantAccumulator expected = new VariantAccumulator();
        int cappedBatches = 0;
        int pastTable = 0;
        for (int i = 0; i < 3_000; i++) {
          // Mostly short shapes with repeats, some long ones whose KV caps the batch, a few past the
          // tables' 2^18 positions.
          int p = i % 100 == 0 ? 250_000 + rnd.nextInt(30_000) : i % 7 == 0 ? 1 + rnd.nextInt(30_000) : 1 + rnd.nextInt(300);
          int m = i % 100 == 0 ? 1 + rnd.nextInt(20_000) : i % 5 == 0 ? 1 + rnd.nextInt(4_000) : 1 + rnd.nextInt(40);
          int copies = 1 + rnd.nextInt(3);
          for (int c = 0; c < copies; c++) {
            shapes.add(p, m);
          }
          RequestCost one = coster.cost(p, m);
          expected.add(p, m, one, copies);
          cappedBatches += prepared.maxRequests(p, m, coster.strategy()) < 256 ? 1 : 0;
          pastTable += p + m - 1 > (1 << 18) ? 1 : 0;
        }
        String what = prepared.deployment().model().name() + " " + strategy;
        assertTrue(cappedBatches > 10 && pastTable > 10, what + ": capped " + cappedBatches + ", past table " + pastTable);
        VariantAccumulator actual = new VariantAccumulator();
        coster.costAll(shapes, actual);
        SummaryRow e = expected.toRow("m", strategy, true, "gpu", 1, 2.0, 0);
        SummaryRow a = actual.toRow("m", strategy, true, "gpu", 1, 2.0, 0);
        assertEquals(e.requests(), a.requests(), what);
        assertEquals(e.promptTokens(), a.promptTokens(), what);
        assertEquals(e.outputTokens(), a.outputTokens(), what);
        assertEquals(e.flopsPrefill(), a.flopsPrefill(), what);
        assertEquals(e.flopsDecode(), a.flopsDecode(), what);
        assertEquals(e.ttftP50S(), a.ttftP50S(), what);
        assertEquals(e.ttftP99S(), a.ttftP99S(), what);
        assertEquals(e.kvPeakBytesP99(), a.kvPeakBytesP99(), what);
        assertEquals(e.gpuHours(), a.gpuHours(), 1e-12 * e.gpuHours(), what);
        assertEquals(e.dollarsPerMInputTokens(), a.dollarsPerMInputTokens(), 1e-12 * e.dollarsPerMInputTokens(), what);
        assertEquals(e.dollarsPerMOutputTokens(), a.dollarsPerMOutputTokens(), 1e-12 * e.dollarsPerMOutputTokens(), what);
        assertEquals(e.e2eP50S(), a.e2eP50S(), 1e-12 * e.e2eP50S(), what);
        assertEquals(e.e2eP99S(), a.e2eP99S(), 1e-12 * e.e2eP99S(), what);
        assertEquals(expected.costDistribution("m", strategy, "gpu:1", 2.0), actual.costDistribution("m", strategy, "gpu:1", 2.0),
            what);
      }
    }
  }
}
