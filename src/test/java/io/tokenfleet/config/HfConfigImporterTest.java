package io.tokenfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.ParameterCounts;
import io.tokenfleet.kernel.PositionEmbedding;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixtures in src/test/resources/hf-configs/ are config.json files written by hand from each
 * model's published config (qwen2.5-72b with the rope_scaling block its model card says to add for
 * 131072 tokens).
 */
class HfConfigImporterTest {
  private static final ModelCatalog CATALOG = ModelCatalog.fromReference();

  /**
   * Published totals from REFERENCE.md for gpt2, llama-2-7b, mistral and mixtral. bloom-560m is not
   * in REFERENCE.md: 559,214,592 is the count its model card publishes (huggingface.co/bigscience/
   * bloom-560m, "Technical Specifications"), and the arithmetic below reproduces it. qwen2.5-72b
   * and falcon-40b by hand (see ModelCatalogTest).
   * bloom-560m: 250880 x 1024 = 256,901,120 + embedding LayerNorm 2,048; per layer QKV
   * 1024 x 3072 + 3072, dense 1024^2 + 1024, FFN 1024 x 4096 + 4096 + 4096 x 1024 + 1024,
   * 2 LayerNorms 4,096 -> 12,596,224 x 24 = 302,309,376; + final 2,048 -> 559,214,592.
   */
  @ParameterizedTest
  @CsvSource({
      "gpt2, 124439808, gpt2",
      "llama-2-7b, 6738415616, llama-2-7b",
      "mistral-7b-v0.1, 7241732096, mistral-7b",
      "mixtral-8x7b, 46702792704, mixtral-8x7b",
      "qwen2.5-72b, 72706203648, qwen2.5-72b",
      "falcon-40b, 41303293952, falcon-40b",
      "bloom-560m, 559214592, bloom-560m"})
  void importMatchesPublishedCountAndPreset(String fixture, long expectedTotal, String preset) throws Exception {
    ModelSpec imported = HfConfigImporter.importFile(fixture(fixture));
    assertEquals(fixture, imported.name(), "named after the folder holding config.json");
    assertEquals(expectedTotal, ParameterCounts.of(imported).total());
    assertEquals(CATALOG.get(preset), imported.withName(preset));
  }

  @Test
  void familyConventions() throws Exception {
    ModelSpec gpt2 = HfConfigImporter.importFile(fixture("gpt2"));
    assertEquals(3072, gpt2.dFf(), "n_inner absent = 4 x n_embd");
    assertEquals(PositionEmbedding.LEARNED, gpt2.positionEmbedding());
    assertEquals(4096, HfConfigImporter.importFile(fixture("mistral-7b-v0.1")).slidingWindowTokens());
    assertEquals(0, HfConfigImporter.importFile(fixture("mixtral-8x7b")).slidingWindowTokens(), "null window");
    ModelSpec qwen = HfConfigImporter.importFile(fixture("qwen2.5-72b"));
    assertEquals(0, qwen.slidingWindowTokens(), "sliding_window 131072 ignored: use_sliding_window is false");
    assertEquals(131072, qwen.maxContextTokens(), "YaRN: 32768 x 4");
    ModelSpec bloom = HfConfigImporter.importFile(fixture("bloom-560m"));
    assertTrue(bloom.embeddingNorm());
    assertEquals(PositionEmbedding.ALIBI, bloom.positionEmbedding());
  }

  @Test
  void falconBeforeTheNewDecoderArchitecture() {
    // Falcon-7B: multi-query (1 KV head), parallel attention with one LayerNorm per block.
    ModelSpec falcon7b = HfConfigImporter.importJson("falcon-7b", """
        {"model_type": "falcon", "hidden_size": 4544, "num_attention_heads": 71, "num_hidden_layers": 32,
         "multi_query": true, "parallel_attn": true, "new_decoder_architecture": false, "bias": false,
         "alibi": false, "vocab_size": 65024}
        """);
    assertEquals(1, falcon7b.kvHeads());
    assertEquals(1, falcon7b.normsPerLayer());
    assertEquals(NormKind.LAYER_NORM, falcon7b.normKind());
    assertEquals(LinearBiases.NONE, falcon7b.linearBiases());
    // 65024 x 4544 = 295,469,056 (tied); per layer q+o 2 x 4544^2 = 41,295,872, k+v 2 x 4544 x 64
    // = 581,632, FFN 2 x 4544 x 18176 = 165,183,488, one LayerNorm 9,088 -> 207,070,080 x 32
    // = 6,626,242,560; + final 9,088 -> 6,921,720,704.
    assertEquals(6_921_720_704L, ParameterCounts.of(falcon7b).total());
  }

  @Test
  void llamaDefaultsKvHeadsAndHeadDim() {
    ModelSpec m = HfConfigImporter.importJson("tiny", """
        {"model_type": "llama", "hidden_size": 256, "num_attention_heads": 8, "num_hidden_layers": 2,
         "intermediate_size": 512, "vocab_size": 1000, "max_position_embeddings": 128}
        """);
    assertEquals(8, m.kvHeads());
    assertEquals(32, m.headDim());
    assertEquals(false, m.tiedEmbeddings());
  }

  @Test
  void unsupportedModelTypeListsTheSupportedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HfConfigImporter.importJson("x", "{\"model_type\": \"t5\"}"));
    assertEquals("config.json: unsupported model_type 't5' (supported: gpt2, llama, mistral, mixtral, qwen2, "
        + "falcon, bloom)", e.getMessage());
  }

  @Test
  void missingFieldNamesFieldAndType() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HfConfigImporter.importJson("x", """
            {"model_type": "llama", "hidden_size": 4096, "num_hidden_layers": 32, "intermediate_size": 11008,
             "vocab_size": 32000, "max_position_embeddings": 4096}
            """));
    assertEquals("config.json: missing field 'num_attention_heads' for model_type llama", e.getMessage());
    IllegalArgumentException mixtral = assertThrows(IllegalArgumentException.class,
        () -> HfConfigImporter.importJson("x", """
            {"model_type": "mixtral", "hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
             "intermediate_size": 14336, "vocab_size": 32000, "max_position_embeddings": 32768,
             "num_experts_per_tok": 2}
            """));
    assertEquals("config.json: missing field 'num_local_experts' for model_type mixtral", mixtral.getMessage());
  }

  @Test
  void badJsonAndBadValuesAreOneLineErrors() {
    assertEquals("config.json: missing field 'model_type' (supported: gpt2, llama, mistral, mixtral, qwen2, "
        + "falcon, bloom)", assertThrows(IllegalArgumentException.class,
            () -> HfConfigImporter.importJson("x", "{}")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HfConfigImporter.importJson("x", "{oops"))
        .getMessage().startsWith("config.json: not valid JSON: "));
    assertEquals("config.json: field 'n_head' must be an integer, got \"twelve\"",
        assertThrows(IllegalArgumentException.class, () -> HfConfigImporter.importJson("x", """
            {"model_type": "gpt2", "n_layer": 12, "n_embd": 768, "n_head": "twelve", "n_positions": 1024,
             "vocab_size": 50257}
            """)).getMessage());
    assertEquals("config.json (model_type llama): kvHeads must divide heads, got heads=8 kvHeads=3",
        assertThrows(IllegalArgumentException.class, () -> HfConfigImporter.importJson("x", """
            {"model_type": "llama", "hidden_size": 256, "num_attention_heads": 8, "num_key_value_heads": 3,
             "num_hidden_layers": 2, "intermediate_size": 512, "vocab_size": 1000, "max_position_embeddings": 128}
            """)).getMessage());
  }

  @Test
  void missingFileIsAnIllegalArgument() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> HfConfigImporter.importFile(Path.of("no/such/config.json"))).getMessage()
        .startsWith("cannot read model config no/such/config.json"));
  }

  @Test
  void namesComeFromTheFolderOrTheFile() {
    assertEquals("my-model", HfConfigImporter.nameFor(Path.of("models/my-model/config.json")));
    assertEquals("phi", HfConfigImporter.nameFor(Path.of("phi.json")));
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(HfConfigImporterTest.class.getResource("/hf-configs/" + name + "/config.json").toURI());
  }
}
