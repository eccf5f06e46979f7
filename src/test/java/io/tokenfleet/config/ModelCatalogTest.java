package io.tokenfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.ParameterCounts;
import io.tokenfleet.kernel.PositionEmbedding;
import io.tokenfleet.kernel.RequestBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCatalogTest {
  private static final ModelCatalog CATALOG = ModelCatalog.fromReference();

  @TempDir
  Path dir;

  @Test
  void everyRequiredPresetLoadsWithASource() {
    for (String name : List.of("gpt2", "gpt3-175b", "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b",
        "llama-3-70b", "llama-3.1-405b", "mistral-7b", "mixtral-8x7b", "qwen2.5-72b", "falcon-40b")) {
      ModelPreset preset = CATALOG.preset(name);
      assertEquals(name, preset.spec().name());
      assertTrue(preset.source().startsWith("http") || preset.source().contains("et al."), preset.source());
      assertTrue(preset.sourceDate().matches("\\d{4}-\\d{2}-\\d{2}"), preset.sourceDate());
    }
  }

  /**
   * Totals from REFERENCE.md (published) where one exists; the others by hand, e.g. llama-2-70b:
   * embeddings 2 x 32000 x 8192 = 524,288,000; per layer q+o 2 x 8192^2 = 134,217,728, k+v
   * 2 x 8192 x 1024 = 16,777,216, FFN 3 x 8192 x 28672 = 704,643,072, norms 2 x 8192 = 16,384
   * -> 855,654,400 x 80 = 68,452,352,000; + final norm 8,192 -> 68,976,648,192.
   * gpt3-175b: 50257 x 12288 + 2048 x 12288 = 642,723,840; per layer 12 x 12288^2 = 1,811,939,328
   * matrices + biases 4 x 12288 + 49152 + 12288 = 110,592 + norms 4 x 12288 = 49,152
   * -> 1,812,099,072 x 96 = 173,961,510,912; + final norm 24,576 -> 174,604,259,328 (paper: 174,600 M).
   * llama-3-70b: as llama-2-70b with vocab 128256: 68,976,648,192 + 2 x 96256 x 8192 = 70,553,706,496.
   * llama-3.1-405b: 2 x 128256 x 16384 = 4,202,692,608; per layer 2 x 16384^2 + 2 x 16384 x 1024
   * + 3 x 16384 x 53248 + 2 x 16384 = 536,870,912 + 33,554,432 + 2,617,245,696 + 32,768
   * = 3,187,703,808 x 126 = 401,650,679,808; + 16,384 -> 405,853,388,800.
   * qwen2.5-72b: 2 x 152064 x 8192 = 2,491,416,576; per layer 134,217,728 + 16,777,216
   * + 3 x 8192 x 29568 = 726,663,168 + qkv biases 8192 + 2 x 1024 = 10,240 + norms 16,384
   * = 877,684,736 x 80 = 70,214,778,880; + 8,192 -> 72,706,203,648.
   * falcon-40b: 65024 x 8192 = 532,676,608 (tied); per layer q+o 2 x 8192^2 = 134,217,728,
   * k+v 2 x 8192 x 512 = 8,388,608, FFN 2 x 8192 x 32768 = 536,870,912, 2 LayerNorms 4 x 8192
   * = 32,768 -> 679,510,016 x 60 = 40,770,600,960; + final 16,384 -> 41,303,293,952.
   */
  @ParameterizedTest
  @CsvSource({
      "gpt2, 124439808",
      "gpt3-175b, 174604259328",
      "llama-2-7b, 6738415616",
      "llama-2-13b, 13015864320",
      "llama-2-70b, 68976648192",
      "llama-3-8b, 8030261248",
      "llama-3-70b, 70553706496",
      "llama-3.1-405b, 405853388800",
      "mistral-7b, 7241732096",
      "mixtral-8x7b, 46702792704",
      "qwen2.5-72b, 72706203648",
      "falcon-40b, 41303293952",
      "bloom-560m, 559214592"})
  void presetParameterTotals(String name, long expectedTotal) {
    assertEquals(expectedTotal, ParameterCounts.of(CATALOG.get(name)).total());
  }

  /** REFERENCE.md: KV bytes per token in bf16 = 2 x n_layer x n_kv_heads x head_dim x 2. */
  @ParameterizedTest
  @CsvSource({"llama-2-7b, 524288", "llama-3-8b, 131072", "llama-2-70b, 327680"})
  void presetKvBytesPerToken(String name, double expectedBytes) {
    assertEquals(expectedBytes, RequestBytes.kvBytesPerToken(CATALOG.get(name), Dtype.BF16));
  }

  @Test
  void llama31_405bMatchesTheTaskSpecification() {
    ModelSpec m = CATALOG.get("llama-3.1-405b");
    assertEquals(new ModelSpec("llama-3.1-405b", 126, 16384, 128, 8, 128, 53248, FfnKind.GATED, 128256, 131072, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null), m);
  }

  @Test
  void slidingWindowAndMoeComeThrough() {
    assertEquals(4096, CATALOG.get("mistral-7b").slidingWindowTokens());
    assertEquals(32768, CATALOG.get("mistral-7b").maxContextTokens());
    ModelSpec mixtral = CATALOG.get("mixtral-8x7b");
    assertEquals(8, mixtral.moe().experts());
    assertEquals(2, mixtral.moe().topK());
    assertEquals(14336, mixtral.moe().expertDFf());
    assertNull(CATALOG.get("llama-2-7b").moe());
    assertEquals(LinearBiases.QKV_ONLY, CATALOG.get("qwen2.5-72b").linearBiases());
  }

  @Test
  void unknownModelListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CATALOG.get("gpt5"));
    assertTrue(e.getMessage().startsWith("unknown model 'gpt5' (known: bloom-560m, falcon-40b, gpt2, gpt3-175b, "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("qwen2.5-72b)"), e.getMessage());
  }

  @Test
  void mistypedIntegerNamesTheFullPath() throws IOException {
    assertEquals("tokenfleet.models.llama-2-7b.heads: expected an integer, got 'x'",
        failure("tokenfleet.models.llama-2-7b.heads = x"));
    assertEquals("tokenfleet.models.gpt2.layers: expected an integer, got '12.5'",
        failure("tokenfleet.models.gpt2.layers = 12.5"));
  }

  @Test
  void keysOfDottedNamesAreNamedAsWritten() throws IOException {
    assertEquals("tokenfleet.models.llama-3.1-405b.d-model: expected an integer, got 'big'",
        failure("tokenfleet.models.\"llama-3.1-405b\".d-model = big"));
  }

  @Test
  void missingKeyNamesTheFullPath() throws IOException {
    assertEquals("tokenfleet.models.tiny.heads: missing key", failure("""
        tokenfleet.models.tiny = ${tokenfleet.models.gpt2} { heads = null }
        """));
  }

  @Test
  void unknownKeyIsATypo() throws IOException {
    String message = failure("tokenfleet.models.gpt2.kv-head = 4");
    assertTrue(message.startsWith("tokenfleet.models.gpt2.kv-head: unknown key (known: d-ff, d-model, "), message);
  }

  @Test
  void badChoicesAndBooleansNameTheExpectedValues() throws IOException {
    assertEquals("tokenfleet.models.gpt2.ffn: expected one of gelu, gated, got 'swiglu'",
        failure("tokenfleet.models.gpt2.ffn = swiglu"));
    assertEquals("tokenfleet.models.gpt2.tied-embeddings: expected true or false, got 'maybe'",
        failure("tokenfleet.models.gpt2.tied-embeddings = maybe"));
    assertEquals("tokenfleet.models.gpt2.linear-biases: expected one of none, all, qkv-only, got 'some'",
        failure("tokenfleet.models.gpt2.linear-biases = some"));
  }

  @Test
  void rangeAndConsistencyErrorsNameTheBlock() throws IOException {
    assertEquals("tokenfleet.models.gpt2.heads: must be >= 1, got 0", failure("tokenfleet.models.gpt2.heads = 0"));
    assertEquals("tokenfleet.models.gpt2: kvHeads must divide heads, got heads=12 kvHeads=5",
        failure("tokenfleet.models.gpt2.kv-heads = 5"));
    assertEquals("tokenfleet.models.mixtral-8x7b.moe.top-k: expected an integer, got 'two'",
        failure("tokenfleet.models.mixtral-8x7b.moe.top-k = two"));
    assertEquals("tokenfleet.models.mixtral-8x7b.moe: topK must be <= experts, got topK=9 experts=8",
        failure("tokenfleet.models.mixtral-8x7b.moe.top-k = 9"));
  }

  @Test
  void overrideFileChangesAddsAndRemovesModels() throws IOException {
    Path file = write("""
        tokenfleet.models {
          gpt2.max-context-tokens = 2048
          llama-2-7b-32k = ${tokenfleet.models.llama-2-7b} { max-context-tokens = 32768 }
          falcon-40b = null
        }
        """);
    ModelCatalog catalog = ModelCatalog.fromConfig(ConfigLoader.load(Optional.of(file)));
    // Learned positions grow by (2048 - 1024) x 768 = 786,432 parameters.
    assertEquals(124_439_808L + 786_432L, ParameterCounts.of(catalog.get("gpt2")).total());
    ModelSpec longLlama = catalog.get("llama-2-7b-32k");
    assertEquals(32768, longLlama.maxContextTokens());
    assertEquals(6_738_415_616L, ParameterCounts.of(longLlama).total()); // rotary: no position parameters
    assertFalse(catalog.contains("falcon-40b"));
  }

  @Test
  void laterOverrideFilesWin() throws IOException {
    Path first = write("tokenfleet.models.gpt2.max-context-tokens = 2048");
    Path second = dir.resolve("second.conf");
    Files.writeString(second, "tokenfleet.models.gpt2.max-context-tokens = 4096");
    assertEquals(4096, ModelCatalog.fromConfig(ConfigLoader.load(List.of(first, second))).get("gpt2").maxContextTokens());
  }

  @Test
  void exampleConfModelsFileLoads() {
    ModelCatalog catalog = ModelCatalog.fromConfig(ConfigLoader.load(Optional.of(Path.of("conf/models.conf"))));
    assertTrue(catalog.names().size() > CATALOG.names().size(), "conf/models.conf adds at least one model");
    for (String name : CATALOG.names()) {
      assertTrue(catalog.contains(name), name);
    }
    // Llama-3.2-1B, published 1,235,814,400: tied 128256 x 2048 = 262,668,288; per layer q+o
    // 2 x 2048^2 = 8,388,608, k+v 2 x 2048 x 512 = 2,097,152, FFN 3 x 2048 x 8192 = 50,331,648,
    // norms 2 x 2048 = 4,096 -> 60,821,504 x 16 = 973,144,064; + final norm 2,048.
    assertEquals(1_235_814_400L, ParameterCounts.of(catalog.get("llama-3.2-1b")).total());
    assertEquals(32768, catalog.get("llama-3-8b-32k").maxContextTokens());
    assertEquals(8_030_261_248L, ParameterCounts.of(catalog.get("llama-3-8b-32k")).total());
  }

  @Test
  void unreadableFilesFailInOneLine() throws IOException {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Optional.of(dir.resolve("nope.conf"))));
    assertEquals("config file not found: " + dir.resolve("nope.conf"), missing.getMessage());
    Path broken = write("tokenfleet.models { gpt2 { ");
    IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
        () -> ConfigLoader.load(Optional.of(broken)));
    assertFalse(parse.getMessage().contains("\n"), parse.getMessage());
    assertTrue(parse.getMessage().contains(broken.getFileName().toString()), parse.getMessage());
  }

  private String failure(String override) throws IOException {
    Path file = write(override);
    return assertThrows(IllegalArgumentException.class,
        () -> ModelCatalog.fromConfig(ConfigLoader.load(Optional.of(file)))).getMessage();
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("override.conf");
    Files.writeString(file, text);
    return file;
  }
}
