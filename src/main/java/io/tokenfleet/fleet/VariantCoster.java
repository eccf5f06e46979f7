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

  /**
   * Costs every shape {@code shapes} counted and records it, weighted by its count, in
   * {@code into}: what fleet-cost calls once per partition and variant. The default costs shape by
   * shape; an implementation may share work across shapes (they come in ascending (prompt, output)
   * order) as long as it records what {@link #cost} would, to rounding in the last places.
   */
  default void costAll(ShapeCounter shapes, VariantAccumulator into) {
    shapes.forEach((prompt, output, count) -> into.add(prompt, output, cost(prompt, output), count));
  }
}
