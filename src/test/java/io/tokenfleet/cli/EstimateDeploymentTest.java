package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.IterationShape;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code estimate --gpu --tp --batch --time-model}: the deployment keys, checked against hand
 * arithmetic (flops model) and an independent step-by-step sum (roofline).
 */
class EstimateDeploymentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The keys of estimate --json without --gpu (docs/models.md). */
  private static final List<String> REQUEST_KEYS = List.of("model", "params_total", "params_non_embedding",
      "params_active", "strategy", "kv_cache", "kv_sharing", "weight_dtype", "kv_dtype", "prompt_tokens",
      "output_tokens", "context_positions", "max_context_tokens", "flops_prefill", "flops_decode", "flops_total",
      "flops_per_output_token", "weight_bytes", "kv_bytes_per_token", "kv_peak_tokens", "kv_peak_bytes");

  /** The keys --gpu appends, in order (docs/METRICS.md). */
  private static final List<String> DEPLOYMENT_KEYS = List.of("gpu", "tp", "batch", "time_model",
      "dollars_per_gpu_hour", "ttft_s", "tpot_s", "e2e_s", "gpu_seconds", "dollars", "prefill_gpu_seconds",
      "decode_gpu_seconds", "mfu_prefill", "mbu_decode", "fits_in_memory", "max_batch");

  /**
   * A GPU with round figures, and the flops model (mfu 0.5) as the default, so the arithmetic below
   * is short.
   */
  private static final String ROUND_GPU = """
      tokenfleet.gpus.round-gpu {
        bf16-tflops = 100, fp8-tflops = 200, memory-gb = 80, memory-gbps = 2000, link-gbps = 600,
        tdp-watts = 700, dollars-per-gpu-hour = 3.6, price-source = "test", price-date = "test"
      }
      tokenfleet.time-model.default = flops
      tokenfleet.time-model.flops.mfu = 0.5
      """;

  @TempDir
  Path dir;

  static JsonNode json(String... args) throws IOException {
    EstimateCommandTest.Result r = EstimateCommandTest.run(args);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    return JSON.readTree(r.out());
  }

  private Path roundGpuConf() throws IOException {
    Path conf = dir.resolve("round-gpu.conf");
    Files.writeString(conf, ROUND_GPU);
    return conf;
  }

  /**
   * GPT-2, P = 10, M = 5, greedy, on 2 round GPUs (100e12 FLOP/s, 2000e9 B/s, 80e9 B, $3.6/h),
   * batch 4, flops model mfu 0.5 (the configured default: no --time-model).
   *
   * <p>Kernel FLOPs (EstimateCommandTest.gpt2GreedyP10M5ByHand): prefill 1,777,915,392, decode
   * 990,099,456. The replica computes 2 x 100e12 x 0.5 = 1e14 FLOP/s, and a batch of 4 does 4x
   * the FLOPs:
   * ttft = 4 x 1,777,915,392 / 1e14 = 7.111661568e-5 s;
   * decode = 4 x 990,099,456 / 1e14 = 3.960397824e-5 s over 4 steps, tpot = 9.90099456e-6 s;
   * e2e = 1.1072059392e-4 s;
   * gpu_seconds = tp x (ttft + decode) / B = 2 x 1.1072059392e-4 / 4 = 5.536029696e-5;
   * dollars = 5.536029696e-5 x 3.6 / 3600 = 5.536029696e-8;
   * mfu_prefill = 4 x 1,777,915,392 / (7.111661568e-5 x 2 x 100e12) = 0.5 exactly.
   * mbu_decode: each of the 4 steps reads the bf16 weights, 2 x 124,439,808 = 248,879,616 bytes,
   * and the 4 sequences read 10, 11, 12, 13 cached positions = 46 each, 184 in all, x 36,864 B
   * = 6,782,976 bytes; (4 x 248,879,616 + 6,782,976) / (3.960397824e-5 x 2 x 2000e9)
   * = 1,002,301,440 / 158,415,912.96 = 6.3270249893.
   * Memory: 2 x 80e9 x 0.9 = 144e9 usable - 248,879,616 weights = 143,751,120,384 bytes of KV;
   * a request peaks at 14 positions x 36,864 = 516,096 bytes -> floor(...) = 278,535 requests fit.
   */
  @Test
  void flopsModelByHand() throws IOException {
    JsonNode j = json("estimate", "--conf", roundGpuConf().toString(), "--model", "gpt2", "--prompt", "10",
        "--output", "5", "--gpu", "round-gpu", "--tp", "2", "--batch", "4", "--json");
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    List<String> expectedKeys = new ArrayList<>(REQUEST_KEYS);
    expectedKeys.addAll(DEPLOYMENT_KEYS);
    assertEquals(expectedKeys, keys);

    assertEquals("round-gpu", j.get("gpu").asText());
    assertEquals(2, j.get("tp").longValue());
    assertEquals(4, j.get("batch").longValue());
    assertEquals("flops", j.get("time_model").asText());
    assertEquals(3.6, j.get("dollars_per_gpu_hour").doubleValue(), 0);
    // Literals from the worked figures above: recomputing them here would test the test.
    assertRelative(7.111661568e-5, j.get("ttft_s").doubleValue());
    assertRelative(9.90099456e-6, j.get("tpot_s").doubleValue());
    assertRelative(1.1072059392e-4, j.get("e2e_s").doubleValue());
    assertRelative(5.536029696e-5, j.get("gpu_seconds").doubleValue());
    assertRelative(3.555830784e-5, j.get("prefill_gpu_seconds").doubleValue()); // 2 x 7.111661568e-5 / 4
    assertRelative(1.980198912e-5, j.get("decode_gpu_seconds").doubleValue()); // 2 x 3.960397824e-5 / 4
    assertRelative(5.536029696e-8, j.get("dollars").doubleValue());
    assertRelative(0.5, j.get("mfu_prefill").doubleValue());
    // 1,002,301,440 B / (3.960397824e-5 s x 4e12 B/s) = 6.3270249893
    assertRelative(6.3270249893, j.get("mbu_decode").doubleValue(), 1e-10);
    assertTrue(j.get("fits_in_memory").booleanValue());
    // 143,751,120,384 / 516,096 = 278,535.6
    assertEquals(278_535, j.get("max_batch").longValue());
  }

  /** --time-model and --batch default to tokenfleet.time-model.default and 1; --tp to 1. */
  @Test
  void defaultsComeFromTheConfiguration() throws IOException {
    JsonNode flops = json("estimate", "--conf", roundGpuConf().toString(), "--model", "gpt2", "--prompt", "10",
        "--output", "5", "--gpu", "round-gpu", "--json");
    assertEquals("flops", flops.get("time_model").asText());
    assertEquals(1, flops.get("tp").longValue());
    assertEquals(1, flops.get("batch").longValue());
    // 1 GPU x 100e12 x 0.5 = 5e13 FLOP/s; batch 1: ttft = 1,777,915,392 / 5e13.
    assertRelative(1_777_915_392.0 / 5e13, flops.get("ttft_s").doubleValue());
    // reference.conf's default is roofline.
    JsonNode roofline = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--gpu", "h100-sxm",
        "--json");
    assertEquals("roofline", roofline.get("time_model").asText());
  }

  /**
   * The example: llama-2-70b, P = 1000, M = 200 on h100-sxm:2, batch 32, roofline with the
   * configured factors. Expected: a loop over the iterations calling the step timer directly, and
   * the definitions of docs/cost-model.md.
   */
  @Test
  void rooflineEqualsAStepByStepSum() throws IOException {
    JsonNode j = json("estimate", "--model", "llama-2-70b", "--prompt", "1000", "--output", "200", "--gpu",
        "h100-sxm", "--tp", "2", "--batch", "32", "--time-model", "roofline", "--json");
    var config = ConfigLoader.load();
    ModelSpec model = ModelCatalog.fromConfig(config).get("llama-2-70b");
    GpuSpec h100 = GpuCatalogConfig.from(config).get("h100-sxm");
    TimeModelConfig timeModels = TimeModelConfig.from(config);
    Deployment d = new Deployment(model, h100, 2, Dtype.BF16, Dtype.BF16, Integer.MAX_VALUE, KvSharing.SHARED_PROMPT,
        timeModels.memoryReserveFraction());
    RooflineStepTimer timer = timeModels.models().roofline().stepTimer(d);
    int b = 32;
    long p = 1000;
    // Prefill: 32 prompts of 1000 tokens; token t attends to t keys: 1000 x 1001 / 2 each; 32 logits.
    double ttft = timer.iterationSeconds(new IterationShape(b * p, b * (p * (p + 1) / 2.0), 0, 0, b));
    double decode = 0;
    double kvPositionsRead = 0;
    for (long step = 1; step <= 199; step++) {
      // 32 sequences each feed position p + step and read the p + step - 1 cached positions before it.
      double cached = b * (p + step - 1.0);
      decode += timer.iterationSeconds(new IterationShape(0, 0, b, cached, b));
      kvPositionsRead += cached;
    }
    assertRelative(ttft, j.get("ttft_s").doubleValue());
    assertRelative(decode / 199, j.get("tpot_s").doubleValue());
    assertRelative(ttft + decode, j.get("e2e_s").doubleValue());
    double gpuSeconds = 2 * (ttft + decode) / b;
    assertRelative(gpuSeconds, j.get("gpu_seconds").doubleValue());
    assertRelative(2 * ttft / b, j.get("prefill_gpu_seconds").doubleValue());
    assertRelative(2 * decode / b, j.get("decode_gpu_seconds").doubleValue());
    // $3.24 per GPU-hour: the midpoint of REFERENCE.md's 2026 H100 range, $2.49-3.99.
    assertRelative(gpuSeconds * 3.24 / 3600, j.get("dollars").doubleValue());
    // mfu_prefill = B x prefill FLOPs / (ttft x tp x peak), with the prefill FLOPs of a 1000-token
    // prompt in closed form (Kaplan et al. 2020 conventions, docs/kernel.md): 2N per token with
    // 2N = 2 x 80 x (2 x 8192^2 + 2 x 8192 x 1024 + 3 x 8192 x 28672) = 136,902,082,560; attention
    // 4 x 80 x 8192 = 2,621,440 per key over 1000 x 1001 / 2 keys; one logit 2 x 8192 x 32000.
    double prefillFlops = 136_902_082_560.0 * 1000 + 2_621_440.0 * 500_500 + 524_288_000.0;
    assertEquals(138_214_637_568_000.0, prefillFlops, 0);
    assertEquals(prefillFlops, j.get("flops_prefill").doubleValue(), 0);
    // H100 SXM dense BF16 peak 989.4e12 FLOP/s (REFERENCE.md).
    assertRelative(b * prefillFlops / (ttft * 2 * 989.4e12), j.get("mfu_prefill").doubleValue());
    // Per sequence 999 + ... + 1197 = 199 x 999 + 199 x 200 / 2 = 218,701 cached positions read.
    assertEquals(32 * 218_701.0, kvPositionsRead, 0);
    // bf16 weights 2 x 68,976,648,192 = 137,953,296,384 bytes; KV 2 x 80 layers x 8 x 128 x 2 B = 327,680 per position.
    double decodeBytes = 199 * 137_953_296_384.0 + kvPositionsRead * 327_680.0;
    // H100 SXM 3,350 GB/s (REFERENCE.md).
    assertRelative(decodeBytes / (decode * 2 * 3350e9), j.get("mbu_decode").doubleValue());
    // Memory: 2 x 80e9 x 0.9 = 144e9 - 137,953,296,384 = 6,046,703,616 bytes for KV; a request peaks
    // at 1199 positions x 327,680 = 392,888,320 bytes -> 15 fit, so a batch of 32 does not.
    assertFalse(j.get("fits_in_memory").booleanValue());
    assertEquals(15, j.get("max_batch").longValue());
  }

  @Test
  void withoutGpuTheOutputIsUnchanged() throws IOException {
    JsonNode j = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--json");
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(REQUEST_KEYS, keys);
  }

  @Test
  void theTableShowsTheDeploymentFigures() throws IOException {
    EstimateCommandTest.Result r = EstimateCommandTest.run("estimate", "--conf", roundGpuConf().toString(), "--model",
        "gpt2", "--prompt", "10", "--output", "5", "--gpu", "round-gpu", "--tp", "2", "--batch", "4");
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    // 0.5 exactly (see flopsModelByHand), in both the engineering and the exact column.
    assertTrue(lines.stream().anyMatch(l -> l.matches("mfu_prefill +0\\.5 +0\\.5")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("fits_in_memory +true")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("max_batch +278\\.5e3 +278,535")), r.out());
  }

  @Test
  void badDeploymentsFailWithOneLine() {
    EstimateCommandTest.Result unknown = EstimateCommandTest.run("estimate", "--model", "gpt2", "--prompt", "5",
        "--output", "5", "--gpu", "h900");
    assertEquals(2, unknown.exitCode());
    assertEquals("tokenfleet: unknown gpu 'h900' (known: a100-40gb, a100-80gb, b200, h100-sxm, h200, l4, l40s, mi300x)"
        + System.lineSeparator(), unknown.err());
    assertBad("tokenfleet: --tp must be >= 1, got 0", "--gpu", "h100-sxm", "--tp", "0");
    assertBad("tokenfleet: --batch must be >= 1, got 0", "--gpu", "h100-sxm", "--batch", "0");
    assertBad("tokenfleet: --tp, --batch and --time-model need --gpu ID (the GPU to price the request on)",
        "--batch", "8");
    assertBad("tokenfleet: unknown time model 'exact' (expected flops or roofline)", "--gpu", "h100-sxm",
        "--time-model", "exact");
  }

  /**
   * Llama-3.1-405B has 405,853,388,800 parameters: 811.7e9 bytes in bf16, which round to 812 GB;
   * a100-80gb:2 holds 160 GB, 144 GB after the 10% reserve.
   */
  @Test
  void aModelThatDoesNotFitFailsWithOneLine() {
    EstimateCommandTest.Result r = EstimateCommandTest.run("estimate", "--model", "llama-3.1-405b", "--prompt", "100",
        "--output", "10", "--gpu", "a100-80gb", "--tp", "2", "--json");
    assertEquals(2, r.exitCode());
    assertEquals("tokenfleet: llama-3.1-405b in bf16 needs 812 GB of weights; a100-80gb:2 holds 160 GB "
        + "(144 GB after the 10% reserve)" + System.lineSeparator(), r.err());
    assertEquals("", r.out());
    // fp8 weights halve it to 406 GB, which fits 8 x 80 GB x 0.9 = 576 GB.
    EstimateCommandTest.Result fp8 = EstimateCommandTest.run("estimate", "--model", "llama-3.1-405b", "--prompt",
        "100", "--output", "10", "--gpu", "a100-80gb", "--tp", "8", "--weight-dtype", "fp8", "--json");
    assertEquals(0, fp8.exitCode(), fp8.err());
  }

  private static void assertBad(String expectedErr, String... deploymentArgs) {
    List<String> args = new ArrayList<>(List.of("estimate", "--model", "gpt2", "--prompt", "5", "--output", "5"));
    args.addAll(List.of(deploymentArgs));
    EstimateCommandTest.Result r = EstimateCommandTest.run(args.toArray(new String[0]));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(expectedErr + System.lineSeparator(), r.err());
    assertEquals("", r.out());
  }

  private static void assertRelative(double expected, double actual) {
    assertRelative(expected, actual, 1e-9);
  }

  private static void assertRelative(double expected, double actual, double relative) {
    assertEquals(expected, actual, Math.abs(expected) * relative, () -> "expected " + expected + ", got " + actual);
  }
}
