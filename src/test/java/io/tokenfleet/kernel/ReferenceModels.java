package io.tokenfleet.kernel;

/**
 * Published architectures, typed in by hand from /work/shared/reference/REFERENCE.md's table
 * (each model's config.json or paper), independently of any preset the application ships.
 */
final class ReferenceModels {
  private ReferenceModels() {}

  /** GPT-2 124M: biases on all linears, 2 LayerNorms per layer + final, learned positions 1024, tied. */
  static ModelSpec gpt2() {
    return new ModelSpec("gpt2", 12, 768, 12, 12, 64, 3072, FfnKind.GELU, 50257, 1024, 0,
        PositionEmbedding.LEARNED, true, LinearBiases.ALL, NormKind.LAYER_NORM, 2, true, false, null);
  }

  /** GPT-3 175B: as GPT-2, 96 layers, d 12288, 96 heads x 128, d_ff 49152, n_ctx 2048. */
  static ModelSpec gpt3() {
    return new ModelSpec("gpt3-175b", 96, 12288, 96, 96, 128, 49152, FfnKind.GELU, 50257, 2048, 0,
        PositionEmbedding.LEARNED, true, LinearBiases.ALL, NormKind.LAYER_NORM, 2, true, false, null);
  }

  private static ModelSpec llama(String name, int layers, int d, int heads, int kvHeads, int dFf, int vocab,
      int context, int window, MoeSpec moe) {
    return new ModelSpec(name, layers, d, heads, kvHeads, 128, dFf, FfnKind.GATED, vocab, context, window,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, moe);
  }

  static ModelSpec llama2_7b() {
    return llama("llama-2-7b", 32, 4096, 32, 32, 11008, 32000, 4096, 0, null);
  }

  static ModelSpec llama2_13b() {
    return llama("llama-2-13b", 40, 5120, 40, 40, 13824, 32000, 4096, 0, null);
  }

  static ModelSpec llama2_70b() {
    return llama("llama-2-70b", 80, 8192, 64, 8, 28672, 32000, 4096, 0, null);
  }

  static ModelSpec llama3_8b() {
    return llama("llama-3-8b", 32, 4096, 32, 8, 14336, 128256, 8192, 0, null);
  }

  static ModelSpec mistral7b() {
    return llama("mistral-7b-v0.1", 32, 4096, 32, 8, 14336, 32000, 32768, 4096, null);
  }

  /** 8 experts of d_ff 14336, top-2, router 4096 x 8 without bias, every layer MoE. */
  static ModelSpec mixtral8x7b() {
    return llama("mixtral-8x7b", 32, 4096, 32, 8, 14336, 32000, 32768, 0, new MoeSpec(8, 2, 0, 14336, 0));
  }
}
