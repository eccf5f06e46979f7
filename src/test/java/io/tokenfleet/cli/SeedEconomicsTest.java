package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/cost-model.md and README, "The seed's economics": the {@code estimate --gpu ... --json}
 * commands they show, run in-process, against figures computed without the cost layer: the seed's
 * own arithmetic for the flops model, and {@link HandRoofline} (a plain per-step loop over the
 * documented formulas, with the hardware typed from shared/reference/REFERENCE.md and the
 * calibrated factors written out) for the roofline. The figures the docs print are checked too, so
 * a change that moves them fails until the docs are updated.
 *
 * <p>The seed's server: 8 x A100 at $12/h, $1.50 per GPU-hour, as a configuration override.
 */
class SeedEconomicsTest {

  /** The 8 x A100 server's price, $ per hour (the seed); $1.50 per GPU-hour. */
  private static final double SEED_SERVER_DOLLARS_PER_HOUR = 12;

  /** A100 dense BF16 peak, FLOP/s (REFERENCE.md). */
  private static final double A100_FLOPS_PER_SECOND = 312e12;

  /**
   * Kernel FLOPs of GPT-3 175B, P = 2048, M = 1024, greedy, with and without a KV cache, worked by
   * hand in KvCacheScalingTest and EstimateCommandTest.gpt3WithAndWithoutCache.
   */
  private static final double GPT3_CACHED_FLOPS = 1_091_900_031_369_216.0;
  private static final double GPT3_UNCACHED_FLOPS = 927_846_141_284_843_520.0;

  /** The GPT-3 API price the seed compared with: $0.06 per 1k tokens, 3072 tokens a query. */
  private static final double API_DOLLARS_PER_QUERY = 0.06 * (2048 + 1024) / 1000;

  /**
   * reference.conf's tokenfleet.time-model.roofline (fitted 2026-12-04, docs/cost-model.md). A
   * refit changes every roofline figure in the docs; update them and these together.
   */
  private static final HandRoofline.Factors CALIBRATED = new HandRoofline.Factors(0.6839, 0.1358, 0.8368, 0.1675,
      8.276e-6, 0.01639);

  /**
   * GPT-3 175B (REFERENCE.md: 96 layers, d 12288, 96 heads of 128, d_ff 49152 GELU, vocab 50257).
   * 174,604,259,328 weights: Kaplan's N = 12 x 96 x 12288^2 = 173,946,175,488, embeddings
   * (50257 + 2048) x 12288 = 642,723,840, biases and LayerNorms 96 x 159,744 = 15,335,424 and the
   * final LayerNorm 24,576 (ParameterCountsTest; the paper's "174,600 M").
   */
  private static final HandRoofline.Model GPT3 = HandRoofline.Model.of(96, 12288, 96, 96, 128, 49152, 2, 50257,
      174_604_259_328.0);

  /**
   * Llama-2-70B (REFERENCE.md: 80 layers, d 8192, 64 heads, 8 KV heads of 128, SwiGLU 28672,
   * vocab 32000). 68,976,648,192 weights: 80 x (855,638,016 matrices + 16,384 RMSNorm) + untied
   * embedding and head 2 x 32000 x 8192 + final norm 8192.
   */
  private static final HandRoofline.Model LLAMA2_70B = HandRoofline.Model.of(80, 8192, 64, 8, 128, 28672, 3, 32000,
      68_976_648_192.0);

  /** Llama-3-8B (REFERENCE.md): 8,030,261,248 weights, the published total. */
  private static final HandRoofline.Model LLAMA3_8B = HandRoofline.Model.of(32, 4096, 32, 8, 128, 14336, 3, 128256,
      8_030_261_248.0);

  @TempDir
  Path dir;

  private Path seedConf() throws IOException {
    Path conf = dir.resolve("seed.conf");
    Files.writeString(conf, "tokenfleet.gpus.a100-80gb.dollars-per-gpu-hour = 1.5\n");
    return conf;
  }

  private JsonNode gpt3OnTheSeedsServer(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("estimate", "--conf", seedConf().toString(), "--model", "gpt3-175b",
        "--prompt", "2048", "--output", "1024", "--allow-beyond-context", "--gpu", "a100-80gb", "--tp", "8", "--json"));
    args.addAll(List.of(more));
    return EstimateCommandTest.json(args.toArray(new String[0]));
  }

  /**
   * The seed's arithmetic: a ZFLOP takes 1e21 / (8 x 312e12 x MFU) s on the server, at $12/h. At
   * MFU 1: 1e21 / 2.496e15 = 400,641.03 s = 111.289 h, x $12 = $1,335.47.
   */
  @Test
  void dollarsPerZflopAreTheSeedsArithmetic() throws IOException {
    for (double mfu : new double[] {1.0, 0.5, 0.3}) {
      Path mfuConf = dir.resolve("mfu.conf");
      Files.writeString(mfuConf, "tokenfleet.time-model.flops.mfu = " + mfu + "\n");
      JsonNode j = gpt3OnTheSeedsServer("--conf", mfuConf.toString(), "--time-model", "flops");
      double dollarsPerZflop = j.get("dollars").doubleValue() / j.get("flops_total").doubleValue() * 1e21;
      double expected = 1e21 / (8 * A100_FLOPS_PER_SECOND * mfu) * SEED_SERVER_DOLLARS_PER_HOUR / 3600;
      assertRelative(expected, dollarsPerZflop, "MFU " + mfu);
      if (mfu == 1.0) {
        assertEquals(1335.47, dollarsPerZflop, 0.005);
      }
    }
  }

  /**
   * Flops model, MFU 0.5 (reference.conf's default): dollars = FLOPs / (8 x 312e12 x 0.5) s x
   * $12/h / 3600. Cached 1.0919e15 FLOPs: 0.87492 s, $0.0029164; uncached 9.2785e17: 743.47 s, $2.4782.
   */
  @Test
  void gpt3PerQueryOnTheFlopsModel() throws IOException {
    JsonNode cached = gpt3OnTheSeedsServer("--time-model", "flops");
    JsonNode uncached = gpt3OnTheSeedsServer("--time-model", "flops", "--strategy", "greedy/no-cache");
    assertEquals(GPT3_CACHED_FLOPS, cached.get("flops_total").doubleValue(), 0);
    assertRelative(GPT3_UNCACHED_FLOPS, uncached.get("flops_total").doubleValue(), 1e-12, "uncached FLOPs");
    double serverFlopsPerSecond = 8 * A100_FLOPS_PER_SECOND * 0.5;
    double cachedDollars = GPT3_CACHED_FLOPS / serverFlopsPerSecond * SEED_SERVER_DOLLARS_PER_HOUR / 3600;
    double uncachedDollars = GPT3_UNCACHED_FLOPS / serverFlopsPerSecond * SEED_SERVER_DOLLARS_PER_HOUR / 3600;
    assertRelative(cachedDollars, cached.get("dollars").doubleValue(), "cached");
    assertRelative(uncachedDollars, uncached.get("dollars").doubleValue(), "uncached");
    assertPrinted("0.0029", cachedDollars);
    assertPrinted("2.48", uncachedDollars);
    // The flops model ignores bandwidth: its cached decode reads 1023 x 349.2e9 B of weights (plus
    // 2,617,857 x 4,718,592 B of KV) in 369,514,824,966,144 / 1.248e15 = 0.2961 s, 76.5x what
    // 8 x 2039e9 B/s allow (docs: "mbu_decode = 76.5").
    double decodeSeconds = 369_514_824_966_144.0 / serverFlopsPerSecond;
    double decodeBytes = 1023 * GPT3.weightBytes() + 2_617_857.0 * GPT3.kvBytesPerPosition();
    assertRelative(decodeBytes / (decodeSeconds * 8 * 2039e9), cached.get("mbu_decode").doubleValue(), "mbu_decode");
    assertPrinted("76.5", cached.get("mbu_decode").doubleValue());
  }

  /**
   * Roofline on the seed's server with the calibrated factors, batch 1, the largest batch that fits
   * (15) and 64 (does not fit), with and without a KV cache. Memory: 8 x 80e9 x 0.9 = 576e9 B less
   * 349,208,518,656 B of weights leaves room for 15 requests of 3071 x 4,718,592 = 14,490,796,032 B.
   */
  @ParameterizedTest(name = "kv cache {0}, batch {1}")
  @CsvSource({
      // kv cache, batch, $ per query as docs/cost-model.md prints it
      "true,  1,  0.2244",
      "true,  15, 0.0199",
      "true,  64, 0.0087",
      "false, 1,  2.66",
      "false, 15, 2.54",
      "false, 64, 2.53"})
  void gpt3PerQueryOnTheRoofline(boolean kvCache, int batch, String printedDollars) throws IOException {
    JsonNode j = gpt3OnTheSeedsServer("--time-model", "roofline", "--batch", String.valueOf(batch), "--strategy",
        kvCache ? "greedy" : "greedy/no-cache");
    HandRoofline.Gpu seedA100 = new HandRoofline.Gpu(8, A100_FLOPS_PER_SECOND, 2039e9, 80e9, 600e9,
        SEED_SERVER_DOLLARS_PER_HOUR / 8);
    HandRoofline.Timing hand = HandRoofline.request(GPT3, seedA100, CALIBRATED, 2048, 1024, batch, kvCache);
    // The hand model's FLOPs are the kernel-verified totals, so it prices the same work.
    assertRelative(kvCache ? GPT3_CACHED_FLOPS : GPT3_UNCACHED_FLOPS, hand.flopsPerRequest(), 1e-12, "hand FLOPs");
    assertEquals(15, hand.maxBatch());
    assertTiming(hand, j);
    assertEquals(batch <= 15, j.get("fits_in_memory").booleanValue());
    assertPrinted(printedDollars, hand.dollars());
    if (kvCache && batch == 1) {
      // A lone query is bandwidth-bound and costs more than the API's $0.1843 per query.
      assertTrue(hand.dollars() > API_DOLLARS_PER_QUERY, "batch 1: " + hand.dollars());
      assertPrinted("0.065", hand.tpotSeconds());
    }
    if (kvCache && batch == 15) {
      // The largest batch that fits serves a query 9x under the API price.
      assertPrinted("9.3", API_DOLLARS_PER_QUERY / hand.dollars());
    }
    if (!kvCache) {
      // Without a cache every query costs over 13x the API price.
      assertTrue(hand.dollars() > 13 * API_DOLLARS_PER_QUERY, "no cache: " + hand.dollars());
    }
  }

  /**
   * $ per 1M input and output tokens, roofline, P = 1000, M = 200, batch = min(64, largest that
   * fits), catalog prices: input tokens pay for prefill GPU time, output tokens for decode GPU time
   * per M = 200 output tokens (fleet-cost's convention, docs/METRICS.md). GPU figures from
   * REFERENCE.md; prices the midpoints of its 2026 ranges, or for l4 and l40s the catalog's
   * estimates (not in REFERENCE.md).
   */
  @ParameterizedTest(name = "{0} on {1}:{2}")
  @CsvSource({
      // model, gpu, tp, peak FLOP/s, B/s, memory B, link B/s, $/GPU-h, printed: batch, $/1M in, $/1M out
      "llama-2-70b, a100-80gb, 4, 312e12,    2039e9, 80e9,  600e9,  1.99,   64, 0.445, 2.74",
      "llama-2-70b, h100-sxm,  4, 989.4e12,  3350e9, 80e9,  900e9,  3.24,   64, 0.279, 2.39",
      "llama-2-70b, h200,      2, 989.4e12,  4800e9, 141e9, 900e9,  3.395,  64, 0.226, 1.57",
      "llama-2-70b, mi300x,    1, 1307.4e12, 5300e9, 192e9, 896e9,  1.78,   64, 0.077, 0.51",
      "llama-2-70b, b200,      1, 2250e12,   8000e9, 180e9, 1800e9, 4.89,   61, 0.122, 0.98",
      "llama-3-8b,  l4,        1, 121e12,    300e9,  24e9,  64e9,   0.8048, 35, 0.039, 0.64",
      "llama-3-8b,  l40s,      1, 362e12,    864e9,  48e9,  64e9,   1.861,  64, 0.030, 0.41",
      "llama-3-8b,  h100-sxm,  1, 989.4e12,  3350e9, 80e9,  900e9,  3.24,   64, 0.019, 0.36"})
  void dollarsPerMillionInputAndOutputTokens(String model, String gpu, int tp, double peakFlopsPerSecond,
      double memoryBytesPerSecond, double memoryBytes, double linkBytesPerSecond, double dollarsPerGpuHour,
      int printedBatch, String printedInput, String printedOutput) throws IOException {
    HandRoofline.Model m = model.equals("llama-2-70b") ? LLAMA2_70B : LLAMA3_8B;
    HandRoofline.Gpu g = new HandRoofline.Gpu(tp, peakFlopsPerSecond, memoryBytesPerSecond, memoryBytes,
        linkBytesPerSecond, dollarsPerGpuHour);
    int batch = (int) Math.min(64, HandRoofline.maxBatch(m, g, 1000, 200));
    assertEquals(printedBatch, batch);
    JsonNode j = EstimateCommandTest.json("estimate", "--model", model, "--prompt", "1000", "--output", "200",
        "--gpu", gpu, "--tp", String.valueOf(tp), "--time-model", "roofline", "--batch", String.valueOf(batch),
        "--json");
    HandRoofline.Timing hand = HandRoofline.request(m, g, CALIBRATED, 1000, 200, batch, true);
    assertTiming(hand, j);
    double dollarsPerGpuSecond = dollarsPerGpuHour / 3600;
    double inputDollarsPerMillion = hand.prefillGpuSeconds() * dollarsPerGpuSecond / 1000 * 1e6;
    double outputDollarsPerMillion = hand.decodeGpuSeconds() * dollarsPerGpuSecond / 200 * 1e6;
    assertRelative(inputDollarsPerMillion,
        j.get("prefill_gpu_seconds").doubleValue() * j.get("dollars_per_gpu_hour").doubleValue() / 3600 / 1000 * 1e6,
        "$/1M input");
    assertRelative(outputDollarsPerMillion,
        j.get("decode_gpu_seconds").doubleValue() * j.get("dollars_per_gpu_hour").doubleValue() / 3600 / 200 * 1e6,
        "$/1M output");
    assertPrinted(printedInput, inputDollarsPerMillion);
    assertPrinted(printedOutput, outputDollarsPerMillion);
    // Why APIs price output higher: here a decoded token costs 6-19x a prefilled one.
    double ratio = outputDollarsPerMillion / inputDollarsPerMillion;
    assertTrue(ratio > 5.5 && ratio < 19.5, "output / input " + ratio);
  }

  /** The CLI's per-request keys against the hand roofline (1e-9: closed form vs loop rounding). */
  private static void assertTiming(HandRoofline.Timing hand, JsonNode j) {
    assertRelative(hand.ttftSeconds(), j.get("ttft_s").doubleValue(), "ttft_s");
    assertRelative(hand.tpotSeconds(), j.get("tpot_s").doubleValue(), "tpot_s");
    assertRelative(hand.prefillGpuSeconds(), j.get("prefill_gpu_seconds").doubleValue(), "prefill_gpu_seconds");
    assertRelative(hand.decodeGpuSeconds(), j.get("decode_gpu_seconds").doubleValue(), "decode_gpu_seconds");
    assertRelative(hand.dollars(), j.get("dollars").doubleValue(), "dollars");
    assertEquals(hand.maxBatch(), j.get("max_batch").longValue(), "max_batch");
  }

  /** {@code value} rounds to the figure the docs print, to as many decimals as they show. */
  private static void assertPrinted(String printed, double value) {
    int decimals = printed.length() - printed.indexOf('.') - 1;
    assertEquals(printed, String.format(Locale.ROOT, "%." + decimals + "f", value), "the docs print " + printed);
  }

  private static void assertRelative(double expected, double actual, String what) {
    assertRelative(expected, actual, 1e-9, what);
  }

  private static void assertRelative(double expected, double actual, double relative, String what) {
    assertEquals(expected, actual, Math.abs(expected) * relative, () -> what + ": expected " + expected + ", got " + actual);
  }
}
