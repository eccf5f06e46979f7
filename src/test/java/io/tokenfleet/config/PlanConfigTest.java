package io.tokenfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.SchedulerConfig;
import io.tokenfleet.plan.Slo;
import org.junit.jupiter.api.Test;

class PlanConfigTest {
  private static Config with(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigLoader.load()).resolve();
  }

  @Test
  void referenceDefaultsAreVllmLike() {
    PlanConfig p = PlanConfig.from(ConfigLoader.load());
    assertEquals(16, p.blockSizeTokens());
    assertEquals(0, p.kvCapacityBlocks());
    assertEquals(8192, p.maxNumBatchedTokens());
    assertEquals(256, p.maxNumSeqs());
    assertEquals(60, p.settings().windowSeconds());
    assertEquals(60_000, p.settings().windowMillis());
    assertEquals(0.7, p.settings().targetUtilisation());
    assertEquals("out/plan", p.out());
    assertEquals(Router.Policy.ROUND_ROBIN, p.settings().routing());
    assertEquals(100_000, p.settings().maxWindows());
  }

  @Test
  void routingIsChosenByNameAndTheWindowCapIsValidated() {
    assertEquals(Router.Policy.LEAST_OUTSTANDING_WORK,
        PlanConfig.from(with("tokenfleet.plan.routing = least-outstanding-work")).settings().routing());
    assertEquals(Router.Policy.ROUND_ROBIN, PlanConfig.from(ConfigLoader.load())
        .withRouting(Router.Policy.LEAST_OUTSTANDING_WORK).withRouting(Router.Policy.ROUND_ROBIN).settings().routing());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanConfig.from(with("tokenfleet.plan.max-windows = 0")));
    assertEquals("tokenfleet.plan.max-windows: must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.max-windows = lots")));
    assertTrue(e.getMessage().startsWith("tokenfleet.plan.max-windows: "), e.getMessage());
  }

  @Test
  void theSchedulerCarriesTheModelsSlidingWindow() {
    Config root = ConfigLoader.load();
    PlanConfig p = PlanConfig.from(root);
    Deployment mistral = Deployment.of(ModelCatalog.fromConfig(root).get("mistral-7b"), GpuCatalogConfig.from(root).get("h100-sxm"),
        1, 16);
    Deployment llama = Deployment.of(ModelCatalog.fromConfig(root).get("llama-2-7b"), GpuCatalogConfig.from(root).get("h100-sxm"),
        1, 16);
    assertEquals(4096, p.scheduler(mistral).slidingWindowTokens());
    assertEquals(0, p.scheduler(llama).slidingWindowTokens());
  }

  @Test
  void zeroKvBlocksDerivesFromTheDeploymentsFreeMemory() {
    Config root = ConfigLoader.load();
    PlanConfig p = PlanConfig.from(root);
    Deployment d = Deployment.of(ModelCatalog.fromConfig(root).get("llama-2-7b"), GpuCatalogConfig.from(root).get("a100-80gb"), 1, 16);
    // Llama-2-7B: 6,738,415,616 parameters (Touvron et al. 2023), bf16 -> 13,476,831,232 weight bytes.
    // a100-80gb: 80e9 bytes x (1 - 0.10 reserve) = 72e9 usable -> 58,523,168,768 bytes for KV.
    // KV per position: 2 (K and V) x 32 layers x 4096 x 2 bytes = 524,288; a 16-token block = 8,388,608 bytes.
    // floor(58,523,168,768 / 8,388,608) = floor(6976.5...) = 6976 blocks.
    SchedulerConfig s = p.scheduler(d);
    assertEquals(6976, s.kvCapacityBlocks());
    assertEquals(60, s.timelineWindowSeconds());
  }

  @Test
  void anExplicitKvCapacityIsUsedAsIs() {
    Config root = with("tokenfleet.plan.scheduler.kv-capacity-blocks = 1234");
    Deployment d = Deployment.of(ModelCatalog.fromConfig(root).get("llama-2-7b"), GpuCatalogConfig.from(root).get("h100-sxm"), 1, 1);
    assertEquals(1234, PlanConfig.from(root).scheduler(d).kvCapacityBlocks());
  }

  @Test
  void badValuesNameTheKeyPath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanConfig.from(with("tokenfleet.plan.scheduler.watermark-fraction = 1.5")));
    assertEquals("tokenfleet.plan.scheduler.watermark-fraction: must be in [0, 1), got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.scheduler.max-num-seqs = 0")));
    assertEquals("tokenfleet.plan.scheduler.max-num-seqs: must be >= 1, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.target-utilisation = 0")));
    assertEquals("tokenfleet.plan: target-utilisation must be in (0, 1], got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.routing = random")));
    assertTrue(e.getMessage().startsWith("tokenfleet.plan.routing: expected one of round-robin"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.windows = 3")));
    assertTrue(e.getMessage().startsWith("tokenfleet.plan.windows: unknown key"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlanConfig.from(with("tokenfleet.plan.window-seconds = 0.0001")));
    assertTrue(e.getMessage().startsWith("tokenfleet.plan: window-seconds must be > 0 and a whole number of milliseconds"),
        e.getMessage());
  }

  @Test
  void sloComesFromTheScenarioWithZeroMeaningNoLimit() {
    Slo reference = SloConfig.from(ConfigLoader.load());
    assertEquals(0.99, reference.quantile());
    assertEquals(2.0, reference.ttftSeconds());
    assertEquals(0.1, reference.tpotSeconds());
    Slo ttftOnly = SloConfig.from(with("tokenfleet.scenario.slo { ttft-p99-seconds = 0.5, tpot-p99-seconds = 0 }"));
    assertEquals(0.5, ttftOnly.ttftSeconds());
    assertTrue(Double.isNaN(ttftOnly.tpotSeconds()));
    assertEquals("p99 TTFT <= 0.5 s", ttftOnly.describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SloConfig.from(with("tokenfleet.scenario.slo.ttft-p99-seconds = -1")));
    assertEquals("tokenfleet.scenario.slo.ttft-p99-seconds: must be >= 0 seconds (0 = no limit), got -1.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SloConfig.from(with("tokenfleet.scenario.slo.e2e-p99-seconds = 3")));
    assertTrue(e.getMessage().startsWith("tokenfleet.scenario.slo.e2e-p99-seconds: unknown key"), e.getMessage());
  }

  @Test
  void theSloFlagOverridesTheLimitsItNames() {
    Slo base = Slo.p99(2, 0.1);
    Slo both = SloConfig.withFlag(base, "ttft_p99=0.5,tpot_p99=0.05");
    assertEquals(0.5, both.ttftSeconds());
    assertEquals(0.05, both.tpotSeconds());
    Slo noTpot = SloConfig.withFlag(base, "tpot_p99=0");
    assertEquals(2.0, noTpot.ttftSeconds());
    assertTrue(Double.isNaN(noTpot.tpotSeconds()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SloConfig.withFlag(base, "e2e_p99=3"));
    assertEquals("--slo: unknown key 'e2e_p99' (known: ttft_p99, tpot_p99)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SloConfig.withFlag(base, "ttft_p99=fast"));
    assertEquals("--slo: ttft_p99 must be a number of seconds, got 'fast'", e.getMessage());
  }
}
