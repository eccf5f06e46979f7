package io.tokenfleet.kernel;

/** Which linear layers carry bias vectors (parameters, never FLOPs under our conventions). */
public enum LinearBiases {
  NONE,
  /** Every linear layer: Q, K, V, O and the feed-forward matrices (GPT-2, BLOOM). */
  ALL,
  /** Only the Q, K and V projections (Qwen2). */
  QKV_ONLY
}
