package io.tokenfleet.cost;

import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.RequestBytes;
import java.io.Serializable;

/**
 * A feasible deployment with its step timer and every per-deployment constant the per-request
 * cost model needs, computed once: costing millions of request shapes then does no parameter
 * counting. Immutable, serializable (shipped to Spark executors).
 *
 * @param deployment the replica; its weights fit
 * @param timer the deployment's step timer under the chosen time model
 * @param flops the model's FLOPs coefficients
 * @param weightBytes bytes of all weights
 * @param kvBytesPerToken KV bytes of one position of one sequence
 * @param kvCapacityBytes usable memory left for KV after the weights, >= 0
 * @param peakFlopsPerSecond peak FLOP/s of the whole replica (tp GPUs) at the weights' dtype
 * @param memoryBytesPerSecond peak memory bandwidth of the whole replica, bytes/s
 */
public record PreparedDeployment(Deployment deployment, RooflineStepTimer timer, FlopsCoefficients flops,
    double weightBytes, double kvBytesPerToken, double kvCapacityBytes, double peakFlopsPerSecond,
    double memoryBytesPerSecond) implements Serializable {

  /**
   * Prepares {@code deployment} under {@code timeModel}.
   *
   * @throws IllegalArgumentException when the weights do not fit (the message says by how much)
   */
  public static PreparedDeployment of(Deployment deployment, TimeModel timeModel) {
    return of(deployment, timeModel.stepTimer(deployment));
  }

  /** Prepares {@code deployment} with a ready timer. */
  public static PreparedDeployment of(Deployment deployment, RooflineStepTimer timer) {
    deployment.requireFeasible();
    int tp = deployment.tensorParallel();
    return new PreparedDeployment(deployment, timer, FlopsCoefficients.of(deployment.model()), deployment.weightBytes(),
        deployment.kvBytesPerToken(), deployment.kvCapacityBytes(),
        tp * deployment.gpu().flopsPerSecond(deployment.weightDtype()), tp * deployment.gpu().memoryBytesPerSecond());
  }

  /** As {@link Deployment#maxRequests}, from the precomputed capacity. */
  public long maxRequests(long promptTokens, long outputTokens, DecodingStrategy strategy) {
    double peakBytes = RequestBytes.kvPeakTokens(deployment.model(), promptTokens, outputTokens, strategy,
        deployment.kvSharing()) * kvBytesPerToken;
    return (long) Math.floor(kvCapacityBytes / peakBytes);
  }
}
