package io.tokenfleet.kernel;

/** Feed-forward block shape: how many d_model x d_ff matrices each token passes through. */
public enum FfnKind {
  /** Two matrices, d -> d_ff -> d (GPT-2/3, Falcon, BLOOM: GELU). */
  GELU(2),
  /** Three matrices: gate, up, down (Llama, Mistral, Qwen: SwiGLU). */
  GATED(3);

  private final int matrices;

  FfnKind(int matrices) {
    this.matrices = matrices;
  }

  /** Number of d_model x d_ff weight matrices in one feed-forward block. */
  public int matrices() {
    return matrices;
  }
}
