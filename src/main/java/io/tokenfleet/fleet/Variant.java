package io.tokenfleet.fleet;

import java.io.Serializable;

/**
 * One column of the scenario grid for a model: a strategy on a deployment, with its coster.
 *
 * @param strategyFamily greedy, beam:4, parallel:8 (without cache suffix)
 * @param kvCache whether the KV cache is on
 * @param gpu GPU id
 * @param tp GPUs per replica
 * @param dollarsPerGpuHour price used for dollars
 * @param coster what a request costs under this variant
 */
public record Variant(String strategyFamily, boolean kvCache, String gpu, int tp, double dollarsPerGpuHour,
    VariantCoster coster) implements Serializable {}
