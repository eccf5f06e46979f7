package io.tokenfleet.fleet;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.cost.RequestTiming;
import io.tokenfleet.cost.RooflineStepTimer;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.RequestBytes;
import io.tokenfleet.kernel.RequestFlops;

/**
 * The production coster: FLOPs from the kernel, time and GPU-seconds from the cost model.
 *
 * <p>Batching: requests of one shape are served {@code batch} at a time, capped by how many such
 * requests' KV fits the replica (at least 1, so a request that alone overflows the KV budget is
 * costed as served alone; its {@code kv_peak_bytes} shows it).
 *
 * @param flops the model's FLOPs coefficients
 * @param strategy decoding strategy
 * @param deployment the replica
 * @param timer the deployment's step timer under the scenario's time model
 * @param batch requested batch B >= 1
 * @param kvBytesPerToken KV bytes per position of one sequence
 */
public record CostModelCoster(FlopsCoefficients flops, DecodingStrategy strategy, Deployment deployment,
    RooflineStepTimer timer, int batch, double kvBytesPerToken) implements VariantCoster {

  /** Builds the coster, precomputing per-model constants once. */
  public static CostModelCoster of(DecodingStrategy strategy, Deployment deployment, RooflineStepTimer timer, int batch) {
    return new CostModelCoster(FlopsCoefficients.of(deployment.model()), strategy, deployment, timer, batch,
        RequestBytes.kvBytesPerToken(deployment.model(), deployment.kvDtype()));
  }

  @Override
  public RequestCost cost(int promptTokens, int outputTokens) {
    RequestFlops f = RequestFlops.of(flops, promptTokens, outputTokens, strategy);
    long fits = deployment.maxRequests(promptTokens, outputTokens, strategy);
    int effectiveBatch = (int) Math.max(1, Math.min(batch, fits));
    RequestTiming t = RequestCostModel.estimate(promptTokens, outputTokens, strategy, deployment, timer, effectiveBatch);
    double kvPeakBytes = RequestBytes.kvPeakTokens(deployment.model(), promptTokens, outputTokens, strategy,
        deployment.kvSharing()) * kvBytesPerToken;
    return new RequestCost(f.prefillFlops(), f.decodeFlops(), t.prefillGpuSeconds(), t.decodeGpuSeconds(),
        t.ttftSeconds(), t.e2eSeconds(), kvPeakBytes);
  }
}
