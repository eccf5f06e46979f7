package io.tokenfleet.fleet;

/** Why fleet-cost rejected an input row for a model. Written to rejects/ and counted. */
public enum RejectReason {
  MISSING_TOKENS("prompt_tokens or output_tokens is null"),
  NON_POSITIVE_TOKENS("prompt_tokens and output_tokens must be >= 1"),
  TOKENS_TOO_LARGE("prompt_tokens or output_tokens above 2^31 - 1"),
  BEYOND_CONTEXT("prompt_tokens + output_tokens - 1 positions exceed the model's context"),
  UNKNOWN_MODEL("the row's model is not in the scenario");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** snake_case code, as written in rejects/. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
