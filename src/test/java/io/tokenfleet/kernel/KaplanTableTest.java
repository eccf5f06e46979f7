package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kaplan et al. 2020, Table 1, row by row, against hand arithmetic from the paper's formulas:
 * N = 2 d_model n_layer (2 d_attn + d_ff), C_forward = 2N + 2 n_layer n_ctx d_attn.
 */
class KaplanTableTest {

  private static void assertRow(KaplanTable.Row row, String name, double params, double flops) {
    assertEquals(name, row.name());
    assertEquals(params, row.params(), 0.0, name + " params");
    assertEquals(flops, row.flops(), 0.0, name + " flops");
  }

  @Test
  void gpt3_175bAtContext2048() {
    KaplanTable.Table t = KaplanTable.of(ReferenceModels.gpt3(), 2048);
    List<KaplanTable.Row> rows = t.rows();
    // d = d_attn = 12288, n_layer 96, d_ff 49152, n_vocab 50257, n_ctx 2048.
    // Embed: (50257 + 2048) x 12288 = 642,723,840 params; 4 d = 49,152 FLOPs.
    assertRow(rows.get(0), "Embed", 642_723_840.0, 49_152.0);
    // QKV: 96 x 12288 x 3 x 12288 = 43,486,543,872 params; x 2 = 86,973,087,744 FLOPs.
    assertRow(rows.get(1), "Attention: QKV", 43_486_543_872.0, 86_973_087_744.0);
    // Mask: 2 x 96 x 2048 x 12288 = 4,831,838,208 FLOPs.
    assertRow(rows.get(2), "Attention: Mask", 0.0, 4_831_838_208.0);
    // Project: 96 x 12288^2 = 14,495,514,624 params; x 2 = 28,991,029,248.
    assertRow(rows.get(3), "Attention: Project", 14_495_514_624.0, 28_991_029_248.0);
    // Feedforward: 96 x 2 x 12288 x 49152 = 115,964,116,992; x 2 = 231,928,233,984.
    assertRow(rows.get(4), "Feedforward", 115_964_116_992.0, 231_928_233_984.0);
    // De-embed: 2 x 12288 x 50257 = 1,235,116,032 FLOPs.
    assertRow(rows.get(5), "De-embed", 0.0, 1_235_116_032.0);
    // N = 2 x 12288 x 96 x (24576 + 49152) = 173,946,175,488 (the paper's "175B" minus embeddings).
    assertEquals(173_946_175_488.0, t.nonEmbeddingParams(), 0.0);
    // C_forward = 2 x 173,946,175,488 + 4,831,838,208 = 352,724,189,184.
    assertEquals(352_724_189_184.0, t.forwardFlopsPerToken(), 0.0);
  }

  @Test
  void gpt3AtContext1024OnlyMovesTheContextTerms() {
    KaplanTable.Table t = KaplanTable.of(ReferenceModels.gpt3(), 1024);
    // Embed (50257 + 1024) x 12288 = 630,140,928; Mask 2 x 96 x 1024 x 12288 = 2,415,919,104;
    // C_forward = 347,892,350,976 + 2,415,919,104 = 350,308,270,080.
    assertRow(t.rows().get(0), "Embed", 630_140_928.0, 49_152.0);
    assertRow(t.rows().get(2), "Attention: Mask", 0.0, 2_415_919_104.0);
    assertEquals(350_308_270_080.0, t.forwardFlopsPerToken(), 0.0);
  }

  @Test
  void gpt2AtContext1024And2048() {
    // d = 768, n_layer 12, d_ff 3072. QKV 12 x 768 x 2304 = 21,233,664; Project 12 x 768^2 = 7,077,888;
    // FF 12 x 2 x 768 x 3072 = 56,623,104; N = 2 x 768 x 12 x 4608 = 84,934,656; De-embed 2 x 768 x 50257 = 77,194,752.
    KaplanTable.Table at1024 = KaplanTable.of(ReferenceModels.gpt2(), 1024);
    assertRow(at1024.rows().get(0), "Embed", 39_383_808.0, 3_072.0); // (50257 + 1024) x 768
    assertRow(at1024.rows().get(1), "Attention: QKV", 21_233_664.0, 42_467_328.0);
    assertRow(at1024.rows().get(2), "Attention: Mask", 0.0, 18_874_368.0); // 2 x 12 x 1024 x 768
    assertRow(at1024.rows().get(3), "Attention: Project", 7_077_888.0, 14_155_776.0);
    assertRow(at1024.rows().get(4), "Feedforward", 56_623_104.0, 113_246_208.0);
    assertRow(at1024.rows().get(5), "De-embed", 0.0, 77_194_752.0);
    assertEquals(84_934_656.0, at1024.nonEmbeddingParams(), 0.0);
    // C_forward = 169,869,312 + 18,874,368 = 188,743,680.
    assertEquals(188_743_680.0, at1024.forwardFlopsPerToken(), 0.0);

    KaplanTable.Table at2048 = KaplanTable.of(ReferenceModels.gpt2(), 2048);
    // Embed (50257 + 2048) x 768 = 40,170,240; Mask 2 x 12 x 2048 x 768 = 37,748,736; C = 207,618,048.
    assertRow(at2048.rows().get(0), "Embed", 40_170_240.0, 3_072.0);
    assertRow(at2048.rows().get(2), "Attention: Mask", 0.0, 37_748_736.0);
    assertEquals(207_618_048.0, at2048.forwardFlopsPerToken(), 0.0);
  }

  @Test
  void requestFlopsOfAFullContextPrefillIsTheCausalAverageOfTheMaskRow() {
    // Kaplan's Mask row charges every token n_ctx keys; the causal prefill of positions 1..n_ctx
    // charges 4 t d_attn per layer at position t, a mean of 2 (n_ctx + 1) d_attn per layer.
    // GPT-3, n_ctx 2048, by parts:
    //   linear 2048 x 347,892,350,976 = 712,483,534,798,848
    //   attention 4 x 96 x 12288 x (2048 x 2049 / 2) = 4,718,592 x 2,098,176 = 9,900,436,488,192
    //   one logit evaluation 1,235,116,032
    //   total 722,385,206,403,072
    RequestFlops f = RequestFlops.of(ReferenceModels.gpt3(), 2048, 1, DecodingStrategy.GREEDY);
    assertEquals(722_385_206_403_072.0, f.prefillFlops(), 0.0);
    assertEquals(0.0, f.decodeFlops(), 0.0);
  }
}
