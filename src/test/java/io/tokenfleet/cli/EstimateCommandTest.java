package io.tokenfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected figures by hand. GPT-2 (REFERENCE.md): N = 12 layers x 12 x 768^2 = 84,934,656 matrix
 * weights, so linear FLOPs per token 2N = 169,869,312; attention per query-key pair
 * 4 x 12 x 768 = 36,864; logits 2 x 768 x 50257 = 77,194,752.
 */
class EstimateCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TokenfleetCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static JsonNode json(String... args) throws IOException {
    Result r = run(args);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    return JSON.readTree(r.out());
  }

  @Test
  void gpt2GreedyP10M5ByHand() throws IOException {
    JsonNode j = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--json");
    for (String key : List.of("model", "params_total", "params_non_embedding", "params_active", "strategy", "kv_cache",
        "prompt_tokens", "output_tokens", "flops_prefill", "flops_decode", "flops_total", "weight_bytes",
        "kv_bytes_per_token", "kv_peak_bytes")) {
      assertTrue(j.has(key), key);
    }
    assertEquals("gpt2", j.get("model").asText());
    assertEquals(124_439_808L, j.get("params_total").longValue());
    assertEquals(84_934_656L, j.get("params_non_embedding").longValue());
    assertEquals(124_439_808L, j.get("params_active").longValue());
    assertEquals("greedy", j.get("strategy").asText());
    assertTrue(j.get("kv_cache").booleanValue());
    assertEquals(10, j.get("prompt_tokens").longValue());
    assertEquals(5, j.get("output_tokens").longValue());
    // Prefill: 10 x 169,869,312 = 1,698,693,120; keys 1+...+10 = 55 -> 55 x 36,864 = 2,027,520;
    // one logit 77,194,752 -> 1,777,915,392.
    assertExactInteger(1_777_915_392L, j.get("flops_prefill"));
    // Decode: 4 tokens fed (the 5th is never fed) -> 679,477,248; keys 11+12+13+14 = 50
    // -> 1,843,200; 4 logits -> 308,779,008; total 990,099,456.
    assertExactInteger(990_099_456L, j.get("flops_decode"));
    assertExactInteger(2_768_014_848L, j.get("flops_total"));
    // bf16: 2 bytes x 124,439,808 weights.
    assertExactInteger(248_879_616L, j.get("weight_bytes"));
    // 2 (K, V) x 12 layers x 768 x 2 bytes = 36,864; 14 positions held at the end -> 516,096.
    assertExactInteger(36_864L, j.get("kv_bytes_per_token"));
    assertExactInteger(516_096L, j.get("kv_peak_bytes"));
  }

  @Test
  void gpt2WithoutCacheByHand() throws IOException {
    JsonNode j = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--strategy",
        "greedy/no-cache", "--json");
    assertFalse(j.get("kv_cache").booleanValue());
    assertExactInteger(1_777_915_392L, j.get("flops_prefill"));
    // Steps re-run positions 1..11, 1..12, 1..13, 1..14: 50 tokens fed -> 8,493,465,600; keys
    // 66 + 78 + 91 + 105 = 340 -> 12,533,760; 4 logits 308,779,008 -> 8,814,778,368.
    assertExactInteger(8_814_778_368L, j.get("flops_decode"));
  }

  @Test
  void beamSearchMultipliesDecodeAndSharesThePromptKv() throws IOException {
    JsonNode j = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--strategy", "beam:4",
        "--json");
    assertEquals("beam:4", j.get("strategy").asText());
    // 4 beams: 16 tokens fed 2,717,908,992; keys 4 x 50 = 200 -> 7,372,800; 16 logits 1,235,116,032.
    assertExactInteger(3_960_397_824L, j.get("flops_decode"));
    // Shared prompt: 10 prompt positions once + 4 beams x 4 generated = 26 positions x 36,864.
    assertExactInteger(958_464L, j.get("kv_peak_bytes"));
    JsonNode copied = json("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5", "--strategy", "beam:4",
        "--kv-sharing", "copied", "--kv-dtype", "fp8", "--json");
    // Copied: 4 x 14 = 56 positions x 18,432 bytes (fp8: 1 byte per element).
    assertExactInteger(1_032_192L, copied.get("kv_peak_bytes"));
    assertEquals("copied", copied.get("kv_sharing").asText());
  }

  /**
   * GPT-3 175B, prompt 2048, output 1024, greedy (docs/models.md). N = 96 x 12 x 12288^2
   * = 173,946,175,488; linear 2N = 347,892,350,976; attention 4 x 96 x 12288 = 4,718,592 per
   * key; logits 2 x 12288 x 50257 = 1,235,116,032.
   * Prefill: 2048 x 2N = 712,483,534,798,848; keys 1..2048 = 2048 x 2049 / 2 = 2,098,176
   * -> 9,900,436,488,192; one logit -> 722,385,206,403,072.
   * Cached decode: 1023 x 2N = 355,893,875,048,448; keys 2049..3071 = 4,717,056 - 2,098,176
   * = 2,618,880 -> 12,357,426,216,960; 1023 logits 1,263,523,700,736 -> 369,514,824,966,144.
   * Uncached decode: tokens fed 2049 + ... + 3071 = 2,618,880 -> 911,088,320,124,026,880; keys
   * sum_{m=2049..3071} m(m+1)/2 = T(3071) - T(2048) with T(n) = n(n+1)(n+2)/6:
   * 4,831,837,696 - 1,433,753,600 = 3,398,084,096 -> 16,034,172,430,712,832; + 1023 logits
   * -> 927,123,756,078,440,448.
   */
  @Test
  void gpt3WithAndWithoutCache() throws IOException {
    JsonNode cached = json("estimate", "--model", "gpt3-175b", "--prompt", "2048", "--output", "1024",
        "--allow-beyond-context", "--json");
    JsonNode uncached = json("estimate", "--model", "gpt3-175b", "--prompt", "2048", "--output", "1024",
        "--strategy", "greedy/no-cache", "--allow-beyond-context", "--json");
    assertExactInteger(722_385_206_403_072L, cached.get("flops_prefill"));
    assertExactInteger(369_514_824_966_144L, cached.get("flops_decode"));
    assertExactInteger(1_091_900_031_369_216L, cached.get("flops_total"));
    // Above 2^53 the JSON holds a double.
    assertTrue(uncached.get("flops_decode").isDouble(), uncached.get("flops_decode").toString());
    assertEquals(927_123_756_078_440_448.0, uncached.get("flops_decode").doubleValue(), 927_123_756_078_440_448.0 * 1e-12);
    double uncachedTotal = 722_385_206_403_072.0 + 927_123_756_078_440_448.0;
    assertEquals(uncachedTotal, uncached.get("flops_total").doubleValue(), uncachedTotal * 1e-12);
    // The ratio docs/models.md quotes: 927,846,141,284,843,520 / 1,091,900,031,369,216 = 849.75.
    assertEquals(849.75, uncached.get("flops_total").doubleValue() / cached.get("flops_total").doubleValue(), 0.005);
  }

  @Test
  void kaplanJsonForGpt2() throws IOException {
    JsonNode j = json("estimate", "--model", "gpt2", "--kaplan", "--n-ctx", "1024", "--json");
    assertExactInteger(84_934_656L, j.get("N"));
    // C_forward = 2N + 2 n_layer n_ctx d_attn = 169,869,312 + 2 x 12 x 1024 x 768 = 188,743,680.
    assertExactInteger(188_743_680L, j.get("c_forward"));
    List<String> names = new ArrayList<>();
    j.get("rows").forEach(r -> names.add(r.get("name").asText()));
    assertEquals(List.of("Embed", "Attention: QKV", "Attention: Mask", "Attention: Project", "Feedforward", "De-embed"),
        names);
    JsonNode embed = j.get("rows").get(0);
    assertExactInteger((50_257L + 1024L) * 768L, embed.get("params")); // (n_vocab + n_ctx) d_model
    assertExactInteger(4L * 768L, embed.get("flops"));
    JsonNode feedforward = j.get("rows").get(4);
    assertExactInteger(12L * 2 * 768 * 3072, feedforward.get("params")); // n_layer 2 d_model d_ff
    assertExactInteger(2L * 12 * 2 * 768 * 3072, feedforward.get("flops"));
  }

  @Test
  void kaplanTableDefaultsToTheModelsContext() {
    Result r = run("estimate", "--model", "gpt2", "--kaplan");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Attention: Mask"), r.out());
    // 2 x 12 x 1024 x 768 = 18,874,368 for the Mask row at n_ctx 1024.
    assertTrue(r.out().contains("18,874,368"), r.out());
  }

  @Test
  void tableShowsEngineeringAndExactFigures() {
    Result r = run("estimate", "--model", "gpt2", "--prompt", "10", "--output", "5");
    assertEquals(0, r.exitCode(), r.err());
    String flopsTotal = r.out().lines().filter(l -> l.startsWith("flops_total ")).findFirst().orElseThrow();
    assertTrue(flopsTotal.matches("flops_total +2\\.768e9 +2,768,014,848"), flopsTotal);
  }

  @Test
  void modelConfigImportsAHuggingFaceConfig() throws Exception {
    Path config = Path.of(getClass().getResource("/hf-configs/llama-2-7b/config.json").toURI());
    JsonNode j = json("estimate", "--model-config", config.toString(), "--prompt", "100", "--output", "10", "--json");
    assertEquals("llama-2-7b", j.get("model").asText());
    assertEquals(6_738_415_616L, j.get("params_total").longValue());
    assertExactInteger(524_288L, j.get("kv_bytes_per_token"));
  }

  @Test
  void confFileAddsAModel() throws IOException {
    Path conf = dir.resolve("extra.conf");
    Files.writeString(conf, "tokenfleet.models.gpt2-long = ${tokenfleet.models.gpt2} { max-context-tokens = 4096 }");
    JsonNode j = json("estimate", "--conf", conf.toString(), "--model", "gpt2-long", "--prompt", "3000", "--output",
        "1", "--json");
    // Learned positions: 124,439,808 + (4096 - 1024) x 768 = 126,799,104.
    assertEquals(126_799_104L, j.get("params_total").longValue());
  }

  @Test
  void badArgumentsFailWithOneLine() throws IOException {
    assertBad("tokenfleet: --prompt must be >= 1, got 0", "--model", "gpt2", "--prompt", "0", "--output", "5");
    assertBad("tokenfleet: --output must be >= 1, got 0", "--model", "gpt2", "--prompt", "5", "--output", "0");
    assertBad("tokenfleet: --prompt P is required (prompt tokens, >= 1)", "--model", "gpt2", "--output", "5");
    assertBad("tokenfleet: unknown strategy 'topk:3' (expected greedy, beam:K or parallel:N, optionally /no-cache)",
        "--model", "gpt2", "--prompt", "5", "--output", "5", "--strategy", "topk:3");
    assertBad("tokenfleet: unknown kv-sharing 'both' (expected shared-prompt or copied)",
        "--model", "gpt2", "--prompt", "5", "--output", "5", "--kv-sharing", "both");
    assertBad("tokenfleet: unknown dtype 'fp12' (expected one of fp32, bf16, fp16, fp8, int8, int4)",
        "--model", "gpt2", "--prompt", "5", "--output", "5", "--weight-dtype", "fp12");
    Result unknown = run("estimate", "--model", "gpt5", "--prompt", "5", "--output", "5");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().startsWith("tokenfleet: unknown model 'gpt5' (known: bloom-560m, "), unknown.err());
    assertEquals(1, unknown.err().lines().count());
    // 1000 + 26 - 1 = 1025 positions > 1024; 1000 + 25 - 1 = 1024 fits.
    assertBad("tokenfleet: prompt 1000 + output 26 tokens need 1025 positions, beyond gpt2's context of 1024 tokens "
        + "(pass --allow-beyond-context to estimate anyway)", "--model", "gpt2", "--prompt", "1000", "--output", "26");
    assertEquals(0, run("estimate", "--model", "gpt2", "--prompt", "1000", "--output", "25").exitCode());
    assertEquals(0, run("estimate", "--model", "gpt2", "--prompt", "1000", "--output", "26",
        "--allow-beyond-context").exitCode());
    Path broken = dir.resolve("broken.conf");
    Files.writeString(broken, "tokenfleet.models.gpt2.heads = x");
    assertBad("tokenfleet: tokenfleet.models.gpt2.heads: expected an integer, got 'x'",
        "--conf", broken.toString(), "--model", "gpt2", "--prompt", "5", "--output", "5");
  }

  @Test
  void picocliParseErrorsExitTwoWithoutAStackTrace() {
    Result both = run("estimate", "--model", "gpt2", "--model-config", "x.json", "--prompt", "5", "--output", "5");
    assertEquals(2, both.exitCode());
    assertTrue(both.err().startsWith("tokenfleet: "), both.err());
    assertFalse(both.err().contains("\tat "), both.err());
    Result notANumber = run("estimate", "--model", "gpt2", "--prompt", "ten", "--output", "5");
    assertEquals(2, notANumber.exitCode());
    assertFalse(notANumber.err().contains("\tat "), notANumber.err());
    Result missingFile = run("estimate", "--model-config", dir.resolve("none.json").toString(), "--prompt", "5",
        "--output", "5");
    assertEquals(2, missingFile.exitCode());
    assertEquals(1, missingFile.err().lines().count(), missingFile.err());
  }

  private static void assertBad(String expectedErr, String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "estimate";
    System.arraycopy(args, 0, full, 1, args.length);
    Result r = run(full);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(expectedErr + System.lineSeparator(), r.err());
    assertEquals("", r.out());
  }

  /** The JSON holds an integer (not a double) with exactly this value. */
  private static void assertExactInteger(long expected, JsonNode node) {
    assertTrue(node.isIntegralNumber(), node + " should be written as an integer");
    assertEquals(expected, node.longValue());
  }
}
