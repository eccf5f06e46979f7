package io.tokenfleet.kernel;

import java.util.Random;

/** Random small architectures and requests for the brute-force comparisons (seeded, so deterministic). */
final class RandomModels {
  private RandomModels() {}

  /**
   * A random small decoder: 1-6 layers, MHA / GQA / MQA, gelu or gated, full attention or a small
   * sliding window, a third of them mixture-of-experts with dense leading layers and shared experts.
   * Embedding, bias and norm choices vary too: they must not change any FLOPs figure.
   */
  static ModelSpec model(Random r, int index) {
    int layers = 1 + r.nextInt(6);
    int attention = r.nextInt(3);
    int kvHeads = attention == 1 ? 1 : 1 + r.nextInt(4); // 1 = MQA
    int group = attention == 0 ? 1 : 1 + r.nextInt(4); // 0 = MHA, else query heads per kv head
    int heads = kvHeads * group;
    int headDim = 1 + r.nextInt(16);
    int dModel = 1 + r.nextInt(64);
    int dFf = 1 + r.nextInt(128);
    FfnKind ffn = r.nextBoolean() ? FfnKind.GELU : FfnKind.GATED;
    int vocab = 1 + r.nextInt(1000);
    int maxContext = 1 + r.nextInt(64);
    int window = r.nextBoolean() ? 0 : 1 + r.nextInt(12);
    MoeSpec moe = null;
    if (r.nextInt(3) == 0) {
      int experts = 1 + r.nextInt(8);
      moe = new MoeSpec(experts, 1 + r.nextInt(experts), r.nextInt(3), 1 + r.nextInt(64), r.nextInt(layers + 1));
    }
    PositionEmbedding[] positions = PositionEmbedding.values();
    LinearBiases[] biases = LinearBiases.values();
    NormKind[] norms = NormKind.values();
    return new ModelSpec("random-" + index, layers, dModel, heads, kvHeads, headDim, dFf, ffn, vocab, maxContext,
        window, positions[r.nextInt(positions.length)], r.nextBoolean(), biases[r.nextInt(biases.length)],
        norms[r.nextInt(norms.length)], r.nextInt(3), r.nextBoolean(), r.nextBoolean(), moe);
  }

  /** A random strategy in text form, parsed: greedy, sample, beam:2-5, parallel:1-8, each with or without cache. */
  static DecodingStrategy strategy(Random r) {
    String family = switch (r.nextInt(4)) {
      case 0 -> "greedy";
      case 1 -> "sample";
      case 2 -> "beam:" + (2 + r.nextInt(4));
      default -> "parallel:" + (1 + r.nextInt(8));
    };
    return DecodingStrategy.parse(r.nextBoolean() ? family : family + "/no-cache");
  }
}
