package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
