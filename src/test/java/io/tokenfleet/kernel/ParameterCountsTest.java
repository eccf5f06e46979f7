package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Parameter counts of architectures typed in by hand ({@link ReferenceModels}) against the totals
 * the model authors publish (REFERENCE.md: weights only, no rotary or causal-mask buffers).
 */
class ParameterCountsTest {

  @Test
  void gpt2MatchesThePublished124439808AndItsPartsByHand() {
    ParameterCounts c = ParameterCounts.of(ReferenceModels.gpt2());
    // Token embedding 50257 x 768 = 38,597,376; learned positions 1024 x 768 = 786,432; tied: no de-embedding.
    assertEquals(38_597_376L + 786_432L, c.embedding());
    // Kaplan's N = 2 d n_layer (2 d_attn + d_ff) = 2 x 768 x 12 x (1536 + 3072) = 18,432 x 4,608 = 84,934,656
    // (per layer: Q, K, V, O 4 x 768^2 = 2,359,296 plus FFN 2 x 768 x 3072 = 4,718,592; x 12 layers).
    assertEquals(84_934_656L, c.nonEmbedding());
    // Biases per layer: q, k, v, o 4 x 768, FFN up 3072 and down 768 = 6,912; x 12 = 82,944.
    assertEquals(82_944L, c.biases());
    // LayerNorm weight + bias 2 x 768, 2 per layer + final = 25 norms: 38,400.
    assertEquals(38_400L, c.norms());
    // 38,597,376 + 786,432 + 84,934,656 + 82,944 + 38,400 = 124,439,808 (published).
    assertEquals(124_439_808L, c.total());
    assertEquals(c.total(), c.activePerToken(), "a dense model uses every weight for each token");
    assertEquals(c.nonEmbedding(), c.matrixParamsPerToken(), "dense: the active matrices are all of N");
  }

  @Test
  void llama2_7bMatchesThePublished6738415616() {
    ParameterCounts c = ParameterCounts.of(ReferenceModels.llama2_7b());
    // Per layer: attention 4 x 4096^2 = 67,108,864; SwiGLU 3 x 4096 x 11008 = 135,266,304; sum 202,375,168.
    // x 32 layers = 6,476,005,376; untied embeddings 2 x 32000 x 4096 = 262,144,000;
    // RMSNorm (2 x 32 + 1) x 4096 = 266,240. Total 6,738,415,616.
    assertEquals(6_476_005_376L, c.nonEmbedding());
    assertEquals(262_144_000L, c.embedding());
    assertEquals(266_240L, c.norms());
    assertEquals(0L, c.biases());
    assertEquals(6_738_415_616L, c.total());
  }

  @Test
  void llama2_13bMatchesThePublished13015864320() {
    // Per layer 4 x 5120^2 = 104,857,600 + 3 x 5120 x 13824 = 212,336,640; x 40 = 12,687,769,600;
    // embeddings 2 x 32000 x 5120 = 327,680,000; norms 81 x 5120 = 414,720. Total 13,015,864,320.
    assertEquals(13_015_864_320L, ParameterCounts.of(ReferenceModels.llama2_13b()).total());
  }

  @Test
  void llama3_8bMatchesThePublished8030261248() {
    // GQA: Q and O 2 x 4096^2 = 33,554,432, K and V 2 x 4096 x 1024 = 8,388,608 -> 41,943,040;
    // FFN 3 x 4096 x 14336 = 176,160,768; x 32 = 6,979,321,856; embeddings 2 x 128256 x 4096 =
    // 1,050,673,152; norms 266,240. Total 8,030,261,248.
    ParameterCounts c = ParameterCounts.of(ReferenceModels.llama3_8b());
    assertEquals(6_979_321_856L, c.nonEmbedding());
    assertEquals(8_030_261_248L, c.total());
  }

  @Test
  void mistral7bMatchesThePublished7241732096() {
    // As llama-3-8b with vocab 32000: 6,979,321,856 + 262,144,000 + 266,240 = 7,241,732,096.
    // The sliding window changes FLOPs and KV, never the weights.
    assertEquals(7_241_732_096L, ParameterCounts.of(ReferenceModels.mistral7b()).total());
  }

  @Test
  void mixtral8x7bMatchesThePublished46702792704TotalAndAbout12point9BillionActive() {
    ParameterCounts c = ParameterCounts.of(ReferenceModels.mixtral8x7b());
    // Per layer: attention 41,943,040 + 8 experts x 176,160,768 + router 4096 x 8 = 32,768
    //   = 1,451,261,952; x 32 = 46,440,382,464 (N); + embeddings 262,144,000 + norms 266,240
    //   = 46,702,792,704 (published).
    assertEquals(46_440_382_464L, c.nonEmbedding());
    assertEquals(46_702_792_704L, c.total());
    // Active: each token skips 6 of 8 experts in each of 32 layers: 32 x 6 x 176,160,768 =
    // 33,822,867,456 skipped; 46,702,792,704 - 33,822,867,456 = 12,879,925,248 (~12.9B, Mistral's figure).
    assertEquals(12_879_925_248L, c.activePerToken());
    // Matrices one token passes through: 32 x (41,943,040 + 2 x 176,160,768 + 32,768) = 12,617,515,008.
    assertEquals(12_617_515_008L, c.matrixParamsPerToken());
    // So linear FLOPs per token are twice that.
    assertEquals(2.0 * 12_617_515_008L, FlopsCoefficients.of(ReferenceModels.mixtral8x7b()).linearFlopsPerToken(),
        0.0);
  }

  @Test
  void gpt3ParametersComeToThePapers174600Million() {
    ParameterCounts c = ParameterCounts.of(ReferenceModels.gpt3());
    // N = 2 x 12288 x 96 x (2 x 12288 + 49152) = 2,359,296 x 73,728 = 173,946,175,488;
    // embeddings (50257 + 2048) x 12288 = 642,723,840; biases 96 x (4 x 12288 + 49152 + 12288) =
    // 10,616,832; norms 193 x 2 x 12288 = 4,743,168. Total 174,604,259,328 ~ "174,600 M" (Table D.1).
    assertEquals(173_946_175_488L, c.nonEmbedding());
    assertEquals(174_604_259_328L, c.total());
  }
}
