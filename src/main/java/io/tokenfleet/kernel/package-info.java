/**
 * The shared FLOPs kernel: transformer architectures, parameter counts, per-request FLOPs and
 * bytes under a decoding strategy. JDK only — no I/O, no Spark, no configuration library — so
 * the same arithmetic runs in the CLI, on Spark executors and in the simulator. A test
 * ({@code LayeringTest}) enforces this.
 *
 * <p>Conventions (the spec this package implements; see {@link io.tokenfleet.kernel.RequestFlops}):
 * 1 multiply-add = 2 FLOPs; only matrix multiplications are counted (biases, norms, softmax and
 * activations are excluded), following Kaplan et al. 2020, "Scaling Laws for Neural Language
 * Models", Table 1.
 */
package io.tokenfleet.kernel;
