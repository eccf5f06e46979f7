package io.tokenfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hardware catalog and time-model sections of reference.conf, and their validation. */
class GpuCatalogConfigTest {

  private static final Config REFERENCE = ConfigFactory.defaultReference();

  private static String entry(String extra) {
    return "tokenfleet.gpus.x { bf16-tflops = 100, fp8-tflops = 0, memory-gb = 10, memory-gbps = 100, link-gbps = 10,"
        + " tdp-watts = 100, dollars-per-gpu-hour = 1, price-source = s, price-date = d, " + extra + " }";
  }

  @Test
  void catalogHoldsTheEightGpus() {
    assertEquals(List.of("a100-40gb", "a100-80gb", "b200", "h100-sxm", "h200", "l4", "l40s", "mi300x"),
        List.copyOf(GpuCatalogConfig.from(REFERENCE).gpus().keySet()));
  }

  /**
   * Every catalog entry against shared/reference/REFERENCE.md, section "GPUs (dense, no sparsity)",
   * typed in here from that table (not from reference.conf) and converted by hand to SI units
   * (1 TFLOP/s = 1e12 FLOP/s, 1 GB = 1e9 B). An FP8 peak of 0 is REFERENCE.md's "—" (Ampere has no
   * FP8 units). Link bandwidth: REFERENCE.md's NVLink / Infinity Fabric figure; for l4 and l40s it
   * says only "PCIe", and 64e9 is PCIe 4.0 x16 (16 GT/s x 16 lanes, ~32 GB/s each way), counted
   * both ways like the NVLink aggregates.
   *
   * <p>Prices, $ per GPU-hour, from REFERENCE.md's "Indicative cloud prices": the midpoint of the
   * 2026 specialist-cloud range (a100-80gb $1.49-2.49, h100 $2.49-3.99, h200 $2.25-4.54, b200
   * $3.75-6.03, mi300x $1.71-1.85), or for a100-40gb the AWS Capacity Blocks rate $1.844 (the
   * range columns repeat it). REFERENCE.md has no l4 or l40s price: their rows hold the catalog's
   * estimates (AWS on-demand g6.xlarge $0.8048 and g6e.xlarge $1.861 list prices, recalled) and
   * the test requires the entry to say it is an estimate.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // id,     bf16 FLOP/s, fp8 FLOP/s, memory B, bandwidth B/s, link B/s, TDP W, price low, price high, estimate
      "a100-40gb, 312e12,    0,         40e9,  1555e9, 600e9,  400,  1.844, 1.844, false",
      "a100-80gb, 312e12,    0,         80e9,  2039e9, 600e9,  400,  1.49,  2.49,  false",
      "h100-sxm,  989.4e12,  1978.9e12, 80e9,  3350e9, 900e9,  700,  2.49,  3.99,  false",
      "h200,      989.4e12,  1978.9e12, 141e9, 4800e9, 900e9,  700,  2.25,  4.54,  false",
      "l4,        121e12,    242.5e12,  24e9,  300e9,  64e9,   72,   0.8048, 0.8048, true",
      "l40s,      362e12,    733e12,    48e9,  864e9,  64e9,   350,  1.861, 1.861, true",
      "mi300x,    1307.4e12, 2614.9e12, 192e9, 5300e9, 896e9,  750,  1.71,  1.85,  false",
      "b200,      2250e12,   4500e12,   180e9, 8000e9, 1800e9, 1000, 3.75,  6.03,  false"})
  void entryMatchesTheReference(String id, double bf16FlopsPerSecond, double fp8FlopsPerSecond, double memoryBytes,
      double memoryBytesPerSecond, double linkBytesPerSecond, double tdpWatts, double dollarsPerGpuHourLow,
      double dollarsPerGpuHourHigh, boolean priceIsEstimate) {
    GpuSpec g = GpuCatalogConfig.from(REFERENCE).get(id);
    // Relative 1e-12: the file's TFLOP/s x 1e12 may differ from the literal in the last bit.
    assertRelative(bf16FlopsPerSecond, g.bf16FlopsPerSecond(), id + " bf16");
    assertRelative(fp8FlopsPerSecond, g.fp8FlopsPerSecond(), id + " fp8");
    assertRelative(memoryBytes, g.memoryBytes(), id + " memory");
    assertRelative(memoryBytesPerSecond, g.memoryBytesPerSecond(), id + " bandwidth");
    assertRelative(linkBytesPerSecond, g.linkBytesPerSecond(), id + " link");
    assertEquals(tdpWatts, g.tdpWatts(), 0, id + " TDP");
    assertRelative((dollarsPerGpuHourLow + dollarsPerGpuHourHigh) / 2, g.dollarsPerGpuHour(), id + " price");
    assertFalse(g.priceDate().isBlank(), id + " price-date");
    assertEquals(priceIsEstimate, g.priceSource().startsWith("estimate:"), id + " price-source: " + g.priceSource());
    // The matmul peak follows the weight dtype: FP8 weights use the FP8 units where there are
    // any, everything else (and FP8 on Ampere) the BF16 peak.
    double fp8Peak = fp8FlopsPerSecond > 0 ? fp8FlopsPerSecond : bf16FlopsPerSecond;
    assertRelative(fp8Peak, g.flopsPerSecond(Dtype.FP8), id + " FP8 matmul peak");
    assertRelative(bf16FlopsPerSecond, g.flopsPerSecond(Dtype.INT4), id + " INT4 matmul peak");
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertEquals(expected, actual, Math.abs(expected) * 1e-12, what);
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
  void timeModelSectionParsesWithItsDocumentedDefaults() {
    TimeModelConfig t = TimeModelConfig.from(REFERENCE);
    TimeModels models = t.models();
    // The defaults reference.conf and docs/cost-model.md document. The roofline's fitted factors
    // are not pinned here: CalibrationTest scores whatever reference.conf ships against the
    // measurements.
    assertEquals("roofline", models.defaultModel().name());
    assertEquals(0.10, t.memoryReserveFraction(), 0);
    assertEquals(0.5, models.flops().mfu(), 0);
    assertEquals("flops", models.byName("FLOPS").name());
  }

  @Test
  void eachRooflineKeyReachesItsOwnField() {
    // Seven distinct values, so a key wired to the wrong record component is caught.
    Config c = ConfigFactory.parseString("""
        tokenfleet.time-model.roofline {
          mfu-prefill = 0.61, mfu-decode = 0.12, mbu = 0.83, link-efficiency = 0.17,
          all-reduce-hop-latency-seconds = 7e-6, step-overhead-seconds = 0.015, activation-bytes = 4
        }
        """).withFallback(REFERENCE);
    assertEquals(new RooflineTimeModel(0.61, 0.12, 0.83, 0.17, 7e-6, 0.015, 4),
        TimeModelConfig.from(c).models().roofline());
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
