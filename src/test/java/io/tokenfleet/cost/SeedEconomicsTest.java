package io.tokenfleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;
import io.tokenfleet.kernel.RequestFlops;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints the figures of docs/cost-model.md, "The seed's economics, reproduced and corrected":
 * {@code mvn -B -q -o test -Dtest=SeedEconomicsTest}. The assertions are sanity bounds worked by
 * hand; the printed tables are the documentation's numbers.
 */
class SeedEconomicsTest {
  private static final GpuCatalogConfig CATALOG = GpuCatalogConfig.from(ConfigFactory.defaultReference());
  private static final RooflineTimeModel ROOFLINE = TestSpecs.fittedRoofline();

  static ModelSpec llama3_8b() {
    return new ModelSpec("llama-3-8b", 32, 4096, 32, 8, 128, 14336, FfnKind.GATED, 128256, 8192, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  @Test
  void printTheSeedsEconomics() {
    StringBuilder out = new StringBuilder();
    GpuSpec seedA100 = CATALOG.get("a100-80gb").withDollarsPerGpuHour(1.5, "the seed's 8 x A100 at $12/h", "2023");
    ModelSpec gpt3 = TestSpecs.gpt3_175b();
    Deployment seed = Deployment.of(gpt3, seedA100, 8, 64);
    DecodingStrategy cached = DecodingStrategy.GREEDY;
    DecodingStrategy uncached = DecodingStrategy.parse("greedy/no-cache");

    out.append("== $ per ZFLOP on 8 x A100 at $12/h (flops model) ==\n");
    for (double mfu : new double[] {1.0, 0.5, 0.3}) {
      double dollarsPerZflop = 1e21 / (8 * 312e12 * mfu) * 12 / 3600;
      out.append(String.format(Locale.ROOT, "MFU %.1f: $%,.0f per ZFLOP%n", mfu, dollarsPerZflop));
    }

    out.append("== GPT-3 175B, 2048 prompt + 1024 output tokens, 8 x A100 at $12/h ==\n");
    double apiDollars = 0.06 * (2048 + 1024) / 1000;
    out.append(String.format(Locale.ROOT, "API at $0.06 per 1k tokens: $%.4f per query%n", apiDollars));
    for (DecodingStrategy s : new DecodingStrategy[] {cached, uncached}) {
      double flops = RequestFlops.of(gpt3, 2048, 1024, s).totalFlops();
      RequestTiming f = RequestCostModel.estimate(gpt3, 2048, 1024, s, seed, new FlopsTimeModel(0.5), 1);
      out.append(String.format(Locale.ROOT, "flops model MFU 0.5, %s: %.4g FLOPs, $%.4f per query%n", s, flops, f.dollars()));
    }
    for (DecodingStrategy s : new DecodingStrategy[] {cached, uncached}) {
      int fitting = (int) seed.maxRequests(2048, 1024, s);
      for (int batch : new int[] {1, fitting, 64}) {
        RequestTiming r = RequestCostModel.estimate(gpt3, 2048, 1024, s, seed, ROOFLINE, batch);
        out.append(String.format(Locale.ROOT,
            "roofline %s batch %d: $%.4f per query, ttft %.2f s, tpot %.4f s, e2e %.1f s, MFU prefill %.2f, MBU decode %.2f,"
                + " fits %s (max batch %d)%n",
            s, batch, r.dollars(), r.ttftSeconds(), r.tpotSeconds(), r.e2eSeconds(), r.mfuPrefill(), r.mbuDecode(),
            r.fitsInMemory(), r.maxBatch()));
      }
    }
    RequestTiming cachedFlops = RequestCostModel.estimate(gpt3, 2048, 1024, cached, seed, new FlopsTimeModel(0.5), 1);
    RequestTiming uncachedFlops = RequestCostModel.estimate(gpt3, 2048, 1024, uncached, seed, new FlopsTimeModel(0.5), 1);
    // Without a cache decode re-runs ~2048..3071 positions 1023 times: ~2.6e6 token passes
    // against ~3.1e3 with a cache, so the uncached query costs hundreds of times more.
    assertTrue(uncachedFlops.dollars() / cachedFlops.dollars() > 300);

    out.append("== $ per 1M input and output tokens, roofline, prompt 1000 + 200 output, batch = min(64, max fitting) ==\n");
    Object[][] cases = {
        {TestSpecs.llama2_70b(), "a100-80gb", 4}, {TestSpecs.llama2_70b(), "h100-sxm", 4}, {TestSpecs.llama2_70b(), "h200", 2},
        {TestSpecs.llama2_70b(), "mi300x", 1}, {TestSpecs.llama2_70b(), "b200", 1},
        {llama3_8b(), "l4", 1}, {llama3_8b(), "l40s", 1}, {llama3_8b(), "h100-sxm", 1}};
    for (Object[] c : cases) {
      ModelSpec m = (ModelSpec) c[0];
      Deployment d = Deployment.of(m, CATALOG.get((String) c[1]), (Integer) c[2], 64);
      long fit = d.maxRequests(1000, 200, cached);
      int batch = (int) Math.max(1, Math.min(64, fit));
      RequestTiming r = RequestCostModel.estimate(m, 1000, 200, cached, d, ROOFLINE, batch);
      double price = d.gpu().dollarsPerGpuHour() / 3600;
      double perMInput = r.prefillGpuSeconds() * price / 1000 * 1e6;
      // Per output token as summary.csv counts them: all M = 200 (the first comes from prefill).
      double perMOutput = r.decodeGpuSeconds() * price / 200 * 1e6;
      out.append(String.format(Locale.ROOT, "%s on %s ($%.3f/GPU-h), batch %d: $%.3f per 1M input, $%.2f per 1M output"
              + " (ratio %.0fx), tpot %.1f ms%n",
          m.name(), d.label(), d.gpu().dollarsPerGpuHour(), batch, perMInput, perMOutput, perMOutput / perMInput,
          1e3 * r.tpotSeconds()));
      assertTrue(perMOutput > perMInput, "decode tokens cost more than prefill tokens on " + d.label());
    }
    System.out.print(out);
    assertEquals(1335.47, 1e21 / (8 * 312e12) * 12 / 3600, 0.01);
  }
}
