package io.tokenfleet.kernel;

/** Whether the k sequences of beam search / parallel sampling share the prompt's KV blocks. */
public enum KvSharing {
  /** The prompt's KV is stored once and referenced by every beam (paged attention, vLLM). */
  SHARED_PROMPT,
  /** Every beam holds its own copy of the whole sequence's KV (naive implementations). */
  COPIED
}
