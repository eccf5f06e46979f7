package io.tokenfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.RooflineTimeModel;
import io.tokenfleet.cost.TimeModels;
import io.tokenfleet.kernel.Dtype;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hardware catalog and time-model sections of reference.conf, and their validation. */
class GpuCatalogConfigTest {

  private static final Config REFERENCE = ConfigFactory.defaultReference();

  private static String entry(String extra) {
    return "tokenfleet.gpus.x { bf16-tflops = 100, fp8-tflops = 0, memory-gb = 10, memory-gbps = 100, link-gbps = 10,"
        + " tdp-watts = 100, dollars-per-gpu-hour = 1, price-source = s, price-date = d, " + extra + " }";
  }

  @Test
  void catalogHoldsTheEightGpusInSiUnits() {
    GpuCatalogConfig catalog = GpuCatalogConfig.from(REFERENCE);
    assertEquals(List.of("a100-40gb", "a100-80gb", "b200", "h100-sxm", "h200", "l4", "l40s", "mi300x"),
        List.copyOf(catalog.gpus().keySet()));
    GpuSpec h100 = catalog.get("h100-sxm");
    // Datasheet: 989.4 TFLOP/s dense BF16, 1,978.9 FP8, 80 GB, 3,350 GB/s, NVLink 900 GB/s.
    assertEquals(989.4e12, h100.bf16FlopsPerSecond(), 1);
    assertEquals(1978.9e12, h100.flopsPerSecond(Dtype.FP8), 1);
    assertEquals(989.4e12, h100.flopsPerSecond(Dtype.INT4), 1);
    assertEquals(80e9, h100.memoryBytes(), 0);
    assertEquals(3.35e12, h100.memoryBytesPerSecond(), 1);
    assertEquals(900e9, h100.linkBytesPerSecond(), 1);
    GpuSpec a100 = catalog.get("a100-80gb");
    assertEquals(312e12, a100.bf16FlopsPerSecond(), 1);
    assertEquals(312e12, a100.flopsPerSecond(Dtype.FP8), 1); // no FP8 units on Ampere
    assertEquals(2.039e12, a100.memoryBytesPerSecond(), 1);
    for (GpuSpec g : catalog.gpus().values()) {
      assertTrue(g.dollarsPerGpuHour() > 0 && !g.priceSource().isEmpty() && !g.priceDate().isEmpty(), g.id());
    }
  }

  @Test
  void unknownGpuListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GpuCatalogConfig.from(REFERENCE).get("v100"));
    assertTrue(e.getMessage().startsWith("unknown gpu 'v100' (known: a100-40gb, a100-80gb,"), e.getMessage());
  }

  @Test
  void badEntriesFailWithTheirKeyPath() {
    assertEquals("tokenfleet.gpus.x.dollars-per-gpu-hour: must be >= 0, got -1.0", message(entry("dollars-per-gpu-hour = -1")));
    assertEquals("tokenfleet.gpus.x.bf16-tflops: must be > 0, got 0.0", message(entry("bf16-tflops = 0")));
    assertTrue(message(entry("color = red")).startsWith("tokenfleet.gpus.x.color: unknown key"));
    assertEquals("tokenfleet.gpus.x.memory-gb: must be a number, got \"lots\"", message(entry("memory-gb = lots")));
    assertEquals("tokenfleet.gpus.y.fp8-tflops: missing", message("tokenfleet.gpus.y { bf16-tflops = 1 }"));
  }

  private static String message(String hocon) {
    Config c = ConfigFactory.parseString(hocon);
    return assertThrows(IllegalArgumentException.class, () -> GpuCatalogConfig.from(c)).getMessage();
  }

  @Test
  void timeModelSectionParsesToTheCalibratedRoofline() {
    TimeModelConfig t = TimeModelConfig.from(REFERENCE);
    TimeModels models = t.models();
    assertEquals("roofline", models.defaultModel().name());
    assertEquals(0.10, t.memoryReserveFraction(), 0);
    assertEquals(0.5, models.flops().mfu(), 0);
    RooflineTimeModel r = models.roofline();
    // the factors fitted by `jobs/tokenfleet calibrate` (docs/cost-model.md)
    assertEquals(new RooflineTimeModel(0.6839, 0.1358, 0.8368, 0.1675, 8.276e-6, 0.01639, 2), r);
    assertEquals("flops", models.byName("FLOPS").name());
  }

  @Test
  void badTimeModelKeysFailWithTheirPath() {
    Config bad = ConfigFactory.parseString("tokenfleet.time-model.roofline.mbu = 2").withFallback(REFERENCE);
    assertEquals("tokenfleet.time-model: mbu must be in (0, 1], got 2.0",
        assertThrows(IllegalArgumentException.class, () -> TimeModelConfig.from(bad)).getMessage());
    Config unknown = ConfigFactory.parseString("tokenfleet.time-model.roofline.speed = 2").withFallback(REFERENCE);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeModelConfig.from(unknown)).getMessage()
        .startsWith("tokenfleet.time-model.roofline.speed: unknown key"));
    Config name = ConfigFactory.parseString("tokenfleet.time-model.default = fast").withFallback(REFERENCE);
    assertEquals("tokenfleet.time-model: unknown time model 'fast' (expected flops or roofline)",
        assertThrows(IllegalArgumentException.class, () -> TimeModelConfig.from(name)).getMessage());
  }
}
