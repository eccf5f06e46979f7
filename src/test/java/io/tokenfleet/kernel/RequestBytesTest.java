package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** KV and weight bytes against published figures and hand arithmetic. */
class RequestBytesTest {

  private static final DecodingStrategy GREEDY = DecodingStrategy.GREEDY;
  private static final DecodingStrategy BEAM4 = DecodingStrategy.parse("beam:4");

  /** kipply's 52B example: 64 layers, d_model 8192, multi-head (64 heads x 128). */
  private static ModelSpec kipply52b() {
    return new ModelSpec("kipply-52b", 64, 8192, 64, 64, 128, 4 * 8192, FfnKind.GELU, 50257, 2048, 0,
        PositionEmbedding.LEARNED, true, LinearBiases.ALL, NormKind.LAYER_NORM, 2, true, false, null);
  }

  @Test
  void kvBytesPerTokenInBf16MatchThePublishedFigures() {
    // 2 (K, V) x n_layer x n_kv_heads x head_dim x 2 bytes:
    assertEquals(524_288.0, RequestBytes.kvBytesPerToken(ReferenceModels.llama2_7b(), Dtype.BF16), 0.0); // 2x32x32x128x2
    assertEquals(131_072.0, RequestBytes.kvBytesPerToken(ReferenceModels.llama3_8b(), Dtype.BF16), 0.0); // 2x32x8x128x2
    assertEquals(327_680.0, RequestBytes.kvBytesPerToken(ReferenceModels.llama2_70b(), Dtype.BF16), 0.0); // 2x80x8x128x2
    // kipply: 2 x 2 x n_layer x d_model = 4 x 64 x 8192 = 2,097,152.
    assertEquals(2_097_152.0, RequestBytes.kvBytesPerToken(kipply52b(), Dtype.BF16), 0.0);
    // fp8 halves, int4 quarters.
    assertEquals(65_536.0, RequestBytes.kvBytesPerToken(ReferenceModels.llama3_8b(), Dtype.FP8), 0.0);
    assertEquals(32_768.0, RequestBytes.kvBytesPerToken(ReferenceModels.llama3_8b(), Dtype.INT4), 0.0);
  }

  @Test
  void weightBytesAreParametersTimesDtypeBytes() {
    // llama-2-7b 6,738,415,616 params: bf16 x 2 = 13,476,831,232; fp8 x 1; int4 x 0.5 = 3,369,207,808.
    assertEquals(13_476_831_232.0, RequestBytes.weightBytes(ReferenceModels.llama2_7b(), Dtype.BF16), 0.0);
    assertEquals(13_476_831_232.0, RequestBytes.weightBytes(ReferenceModels.llama2_7b(), Dtype.FP16), 0.0);
    assertEquals(6_738_415_616.0, RequestBytes.weightBytes(ReferenceModels.llama2_7b(), Dtype.FP8), 0.0);
    assertEquals(6_738_415_616.0, RequestBytes.weightBytes(ReferenceModels.llama2_7b(), Dtype.INT8), 0.0);
    assertEquals(3_369_207_808.0, RequestBytes.weightBytes(ReferenceModels.llama2_7b(), Dtype.INT4), 0.0);
    RequestBytes b = RequestBytes.of(ReferenceModels.llama2_7b(), 10, 10, GREEDY, KvSharing.SHARED_PROMPT,
        Dtype.INT4, Dtype.BF16);
    assertEquals(3_369_207_808.0, b.weightBytesPerPass(), 0.0);
  }

  @Test
  void peakKvOfAFullAttentionModelByHand() {
    ModelSpec m = ReferenceModels.llama3_8b(); // 131,072 bytes per position in bf16
    // Greedy P = 1000, M = 200: positions 1..1199 (the 200th token is never fed) -> 157,155,328 bytes.
    assertPeak(m, 1000, 200, GREEDY, KvSharing.SHARED_PROMPT, 1199, 157_155_328.0);
    // Beam 4 sharing the prompt: 1000 once + 4 x 199 own = 1796 -> 235,405,312 bytes.
    assertPeak(m, 1000, 200, BEAM4, KvSharing.SHARED_PROMPT, 1796, 235_405_312.0);
    // Beam 4, each copying the prompt: 4 x 1199 = 4796 -> 628,621,312 bytes.
    assertPeak(m, 1000, 200, BEAM4, KvSharing.COPIED, 4796, 628_621_312.0);
    // M = 1: the prompt only, no beams were formed: 1000 -> 131,072,000 bytes.
    assertPeak(m, 1000, 1, BEAM4, KvSharing.COPIED, 1000, 131_072_000.0);
    // No cache: the longest re-run is transient, 4 sequences x 1199 whatever the sharing.
    assertPeak(m, 1000, 200, DecodingStrategy.parse("beam:4/no-cache"), KvSharing.SHARED_PROMPT, 4796, 628_621_312.0);
    // parallel:n shares like beam:n.
    assertPeak(m, 1000, 200, DecodingStrategy.parse("parallel:4"), KvSharing.SHARED_PROMPT, 1796, 235_405_312.0);
  }

  @Test
  void peakKvOfASlidingWindowModelByHand() {
    ModelSpec m = ReferenceModels.mistral7b(); // W = 4096, 131,072 bytes per position
    // Greedy P = 10000, M = 100: only the last 4096 positions are kept -> 536,870,912 bytes.
    assertPeak(m, 10_000, 100, GREEDY, KvSharing.SHARED_PROMPT, 4096, 536_870_912.0);
    // Beam 4 shared: each beam's window holds its 99 own + 3997 prompt positions; the prompt
    // ones are shared: 3997 + 4 x 99 = 4393 -> 575,799,296.
    assertPeak(m, 10_000, 100, BEAM4, KvSharing.SHARED_PROMPT, 4393, 575_799_296.0);
    // Copied: 4 x 4096 = 16,384 -> 2,147,483,648.
    assertPeak(m, 10_000, 100, BEAM4, KvSharing.COPIED, 16_384, 2_147_483_648.0);
    // Beam 2, P = 3000, M = 2000 shared: 1999 own each, the window keeps 4096 - 1999 = 2097 prompt
    // positions: 2097 + 2 x 1999 = 6095 -> 798,883,840. Copied: 2 x min(4999, 4096) = 8192.
    DecodingStrategy beam2 = DecodingStrategy.parse("beam:2");
    assertPeak(m, 3000, 2000, beam2, KvSharing.SHARED_PROMPT, 6095, 798_883_840.0);
    assertPeak(m, 3000, 2000, beam2, KvSharing.COPIED, 8192, 1_073_741_824.0);
    // More generated tokens than the window: the prompt has left it, 2 x 4096 own positions.
    assertPeak(m, 100, 5000, beam2, KvSharing.SHARED_PROMPT, 8192, 1_073_741_824.0);
  }

  @Test
  void kvReadByDecodeByHand() {
    // llama-3-8b P = 1000, M = 3 greedy: step 1 reads positions 1..1000, step 2 1..1001: 2001 positions
    // x 131,072 = 262,275,072 bytes; beam:4 reads 4 x 2001 = 8004 -> 1,049,100,288.
    ModelSpec m = ReferenceModels.llama3_8b();
    assertEquals(262_275_072.0, bytes(m, 1000, 3, GREEDY, KvSharing.SHARED_PROMPT).kvReadBytesDecode(), 0.0);
    assertEquals(1_049_100_288.0, bytes(m, 1000, 3, BEAM4, KvSharing.COPIED).kvReadBytesDecode(), 0.0);
    assertEquals(0.0, bytes(m, 1000, 3, DecodingStrategy.parse("beam:4/no-cache"), KvSharing.COPIED)
        .kvReadBytesDecode(), 0.0, "without a cache nothing is read back");
    assertEquals(0.0, bytes(m, 1000, 1, GREEDY, KvSharing.COPIED).kvReadBytesDecode(), 0.0, "M = 1: no decode");
    // mistral (W 4096) P = 5000, M = 3: each fed token attends to 4096 keys, itself and 4095 cached:
    // 2 x 4095 = 8190 positions -> 1,073,479,680 bytes.
    assertEquals(1_073_479_680.0, bytes(ReferenceModels.mistral7b(), 5000, 3, GREEDY, KvSharing.SHARED_PROMPT)
        .kvReadBytesDecode(), 0.0);
  }

  private static RequestBytes bytes(ModelSpec m, long p, long outputs, DecodingStrategy s, KvSharing sharing) {
    return RequestBytes.of(m, p, outputs, s, sharing, Dtype.BF16, Dtype.BF16);
  }

  private static void assertPeak(ModelSpec m, long p, long outputs, DecodingStrategy s, KvSharing sharing,
      double positions, double peakBytes) {
    String where = m.name() + " P=" + p + " M=" + outputs + " " + s + " " + sharing;
    assertEquals(positions, RequestBytes.kvPeakTokens(m, p, outputs, s, sharing), 0.0, where);
    assertEquals(peakBytes, bytes(m, p, outputs, s, sharing).kvPeakBytes(), 0.0, where);
  }
}
