package io.tokenfleet.cli;

import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.cost.TimeModel;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.FlopsCoefficients;
import io.tokenfleet.kernel.KaplanTable;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.ParameterCounts;
import io.tokenfleet.kernel.RequestBytes;
import io.tokenfleet.kernel.RequestFlops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures {@code tokenfleet estimate} prints, as an ordered map key -> value (String, Boolean,
 * Long or Double; Kaplan rows as a list of maps). The JSON and the table are both rendered from
 * this map, so a later flag (--gpu, --tp, --batch) only appends keys. Keys carry units.
 */
final class EstimateReport {
  private EstimateReport() {}

  /** One request's inputs, validated by the command. */
  record Request(long promptTokens, long outputTokens, DecodingStrategy strategy, KvSharing kvSharing,
      Dtype weightDtype, Dtype kvDtype) {}

  /** Positions a request feeds: P + M - 1 (the M-th output token is never fed back). */
  static long contextPositions(long promptTokens, long outputTokens) {
    return promptTokens + outputTokens - 1;
  }

  /** Parameters, FLOPs (RequestFlops) and bytes (RequestBytes) of one request. */
  static LinkedHashMap<String, Object> estimate(ModelSpec model, Request r) {
    ParameterCounts params = ParameterCounts.of(model);
    RequestFlops flops = RequestFlops.of(FlopsCoefficients.of(model), r.promptTokens(), r.outputTokens(), r.strategy());
    RequestBytes bytes = RequestBytes.of(model, r.promptTokens(), r.outputTokens(), r.strategy(), r.kvSharing(),
        r.weightDtype(), r.kvDtype());
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.name());
    out.put("params_total", params.total());
    out.put("params_non_embedding", params.nonEmbedding());
    out.put("params_active", params.activePerToken());
    out.put("strategy", r.strategy().family());
    out.put("kv_cache", r.strategy().kvCache());
    out.put("kv_sharing", kvSharingName(r.kvSharing()));
    out.put("weight_dtype", r.weightDtype().toString());
    out.put("kv_dtype", r.kvDtype().toString());
    out.put("prompt_tokens", r.promptTokens());
    out.put("output_tokens", r.outputTokens());
    out.put("context_positions", contextPositions(r.promptTokens(), r.outputTokens()));
    out.put("max_context_tokens", (long) model.maxContextTokens());
    out.put("flops_prefill", flops.prefillFlops());
    out.put("flops_decode", flops.decodeFlops());
    out.put("flops_total", flops.totalFlops());
    out.put("flops_per_output_token", flops.totalFlops() / r.outputTokens());
    out.put("weight_bytes", bytes.weightBytesPerPass());
    out.put("kv_bytes_per_token", bytes.kvBytesPerToken());
    out.put("kv_peak_tokens", bytes.kvPeakTokens());
    out.put("kv_peak_bytes", bytes.kvPeakBytes());
    return out;
  }

  /**
   * The request priced on one replica of {@code deployment}, served in a batch of {@code batch}
   * identical requests: the deployment's own keys (gpu, tp, batch, time_model,
   * dollars_per_gpu_hour), then {@link io.tokenfleet.cost.RequestTiming#toJsonFields()} (ttft_s,
   * tpot_s, e2e_s, gpu_seconds, dollars, prefill/decode GPU seconds, mfu_prefill, mbu_decode,
   * fits_in_memory, max_batch). A batch whose KV does not fit is still priced, with
   * fits_in_memory = false.
   */
  static LinkedHashMap<String, Object> deployment(Request r, Deployment deployment, TimeModel timeModel, int batch) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("gpu", deployment.gpu().id());
    out.put("tp", (long) deployment.tensorParallel());
    out.put("batch", (long) batch);
    out.put("time_model", timeModel.name());
    out.put("dollars_per_gpu_hour", deployment.gpu().dollarsPerGpuHour());
    out.putAll(RequestCostModel.estimate(deployment.model(), r.promptTokens(), r.outputTokens(), r.strategy(), deployment,
        timeModel, batch).toJsonFields());
    return out;
  }

  /** Kaplan et al. 2020 Table 1 for {@code model} at context {@code nCtx}. */
  static LinkedHashMap<String, Object> kaplan(ModelSpec model, long nCtx) {
    KaplanTable.Table table = KaplanTable.of(model, nCtx);
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.name());
    out.put("n_ctx", nCtx);
    out.put("N", table.nonEmbeddingParams());
    out.put("c_forward", table.forwardFlopsPerToken());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (KaplanTable.Row row : table.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", row.name());
      m.put("params", row.params());
      m.put("flops", row.flops());
      rows.add(m);
    }
    out.put("rows", rows);
    return out;
  }

  /** Parses {@code shared-prompt} or {@code copied}. */
  static KvSharing parseKvSharing(String text) {
    return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
      case "shared-prompt", "shared" -> KvSharing.SHARED_PROMPT;
      case "copied" -> KvSharing.COPIED;
      default -> throw new IllegalArgumentException(
          "unknown kv-sharing '" + text + "' (expected shared-prompt or copied)");
    };
  }

  static String kvSharingName(KvSharing sharing) {
    return sharing == KvSharing.SHARED_PROMPT ? "shared-prompt" : "copied";
  }
}
