package io.tokenfleet.kernel;

/** Normalisation layer kind and its parameters per norm. */
public enum NormKind {
  /** LayerNorm: weight and bias, 2 d_model parameters. */
  LAYER_NORM(2),
  /** RMSNorm: weight only, d_model parameters. */
  RMS_NORM(1);

  private final int vectorsPerNorm;

  NormKind(int vectorsPerNorm) {
    this.vectorsPerNorm = vectorsPerNorm;
  }

  /** Parameter vectors of length d_model in one norm. */
  public int vectorsPerNorm() {
    return vectorsPerNorm;
  }
}
