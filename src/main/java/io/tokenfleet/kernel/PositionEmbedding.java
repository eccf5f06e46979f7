package io.tokenfleet.kernel;

/** Position encoding; only learned embeddings carry parameters (max_context x d_model). */
public enum PositionEmbedding {
  LEARNED,
  ROTARY,
  ALIBI
}
