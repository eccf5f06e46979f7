package io.tokenfleet.fleet;

import java.io.Serializable;

/**
 * Costs one request shape under one variant (model x strategy x deployment). Implementations are
 * immutable records of numbers, shipped to Spark executors.
 */
@FunctionalInterface
public interface VariantCoster extends Serializable {

  /** The cost of a request with {@code promptTokens} >= 1 and {@code outputTokens} >= 1. */
  RequestCost cost(int promptTokens, int outputTokens);

  /**
   * Variants whose costers have equal identities cost every shape identically (beam:k and
   * parallel:k, say), so fleet-cost costs such a group once. The default, the coster itself, groups
   * only equal costers.
   */
  default Object costIdentity() {
    return this;
  }
}
