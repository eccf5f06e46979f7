package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code tokenfleet.scenario}: what fleet-cost and plan evaluate, validated at start-up. Names are
 * checked against the catalogs later ({@link ScenarioResolver}); here every key is typed and
 * every list non-empty, with the key's path in each message.
 *
 * @param name scenario name for reports
 * @param traces default trace paths or globs
 * @param models model preset names
 * @param strategies decoding strategies
 * @param deployments GPU:TP[:BATCH] choices
 * @param timeModel flops | roofline
 * @param batch default requests of one shape batched together, >= 1
 * @param weightDtype weight storage type
 * @param kvDtype KV cache storage type
 * @param kvSharing beams share or copy the prompt's KV
 * @param allowBeyondContext cost requests longer than the model's context instead of rejecting them
 * @param out default output directory
 */
public record ScenarioConfig(
    String name,
    List<String> traces,
    List<String> models,
    List<DecodingStrategy> strategies,
    List<DeploymentChoice> deployments,
    String timeModel,
    int batch,
    Dtype weightDtype,
    Dtype kvDtype,
    KvSharing kvSharing,
    boolean allowBeyondContext,
    String out) {

  public static final String PATH = "tokenfleet.scenario";
  private static final Set<String> KEYS = Set.of("name", "traces", "models", "strategies", "deployments", "time-model",
      "batch", "weight-dtype", "kv-dtype", "kv-sharing", "allow-beyond-context", "out", "slo");

  /**
   * A deployment choice as written: {@code h100-sxm:2} or {@code h100-sxm:2:64}.
   *
   * @param gpu GPU id
   * @param tensorParallel GPUs per replica, >= 1
   * @param batch requests of one shape batched together; 0 = the scenario's batch
   */
  public record DeploymentChoice(String gpu, int tensorParallel, int batch) {
    /** Parses GPU:TP or GPU:TP:BATCH; {@code what} names the source in messages. */
    public static DeploymentChoice parse(String text, String what) {
      String[] parts = text.trim().split(":");
      if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
        throw new IllegalArgumentException(what + ": expected GPU:TP or GPU:TP:BATCH (e.g. h100-sxm:2), got '" + text + "'");
      }
      int tp = positiveInt(parts[1], what, "TP", text);
      int batch = parts.length == 3 ? positiveInt(parts[2], what, "BATCH", text) : 0;
      return new DeploymentChoice(parts[0].trim(), tp, batch);
    }

    private static int positiveInt(String s, String what, String field, String text) {
      try {
        int v = Integer.parseInt(s.trim());
        if (v >= 1) {
          return v;
        }
      } catch (NumberFormatException e) {
        // message below
      }
      throw new IllegalArgumentException(what + ": " + field + " must be an integer >= 1 in '" + text + "'");
    }

    @Override
    public String toString() {
      return gpu + ":" + tensorParallel + (batch > 0 ? ":" + batch : "");
    }
  }

  /** Reads and validates {@code tokenfleet.scenario} of {@code root}. */
  public static ScenarioConfig from(Config root) {
    ConfigValues s = ConfigValues.at(root, PATH);
    s.rejectUnknownKeys(KEYS);
    List<DecodingStrategy> strategies = new ArrayList<>();
    for (String text : stringList(s, "strategies")) {
      try {
        strategies.add(DecodingStrategy.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(s.pathOf("strategies") + ": " + e.getMessage());
      }
    }
    List<DeploymentChoice> deployments = new ArrayList<>();
    for (String text : stringList(s, "deployments")) {
      deployments.add(DeploymentChoice.parse(text, s.pathOf("deployments")));
    }
    return new ScenarioConfig(
        s.getString("name"),
        stringList(s, "traces"),
        stringList(s, "models"),
        List.copyOf(strategies),
        List.copyOf(deployments),
        s.getChoice("time-model", List.of("flops", "roofline")),
        s.getInt("batch", 1),
        dtype(s, "weight-dtype"),
        dtype(s, "kv-dtype"),
        s.getChoice("kv-sharing", List.of("shared-prompt", "copied")).equals("copied")
            ? KvSharing.COPIED : KvSharing.SHARED_PROMPT,
        s.getBoolean("allow-beyond-context"),
        s.getString("out"));
  }

  /** A copy with command-line overrides applied (null or empty = keep). */
  public ScenarioConfig withOverrides(List<String> newModels, List<DecodingStrategy> newStrategies,
      List<DeploymentChoice> newDeployments, String newTimeModel, Integer newBatch) {
    return new ScenarioConfig(name, traces,
        newModels == null || newModels.isEmpty() ? models : List.copyOf(newModels),
        newStrategies == null || newStrategies.isEmpty() ? strategies : List.copyOf(newStrategies),
        newDeployments == null || newDeployments.isEmpty() ? deployments : List.copyOf(newDeployments),
        newTimeModel == null ? timeModel : newTimeModel,
        newBatch == null ? batch : newBatch,
        weightDtype, kvDtype, kvSharing, allowBeyondContext, out);
  }

  private static Dtype dtype(ConfigValues s, String key) {
    try {
      return Dtype.parse(s.getString(key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(s.pathOf(key) + ": " + e.getMessage());
    }
  }

  /** A non-empty list of non-empty strings at {@code key}. */
  static List<String> stringList(ConfigValues s, String key) {
    ConfigValue v = s.object().get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      throw new IllegalArgumentException(s.pathOf(key) + ": missing key");
    }
    if (v.valueType() != ConfigValueType.LIST) {
      throw new IllegalArgumentException(s.pathOf(key) + ": expected a list [ ... ], got '" + v.unwrapped() + "'");
    }
    List<String> result = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      if (item.valueType() != ConfigValueType.STRING || ((String) item.unwrapped()).isBlank()) {
        throw new IllegalArgumentException(s.pathOf(key) + ": expected a list of non-empty strings, got '" + item.unwrapped() + "'");
      }
      result.add(((String) item.unwrapped()).trim());
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(s.pathOf(key) + ": must not be empty");
    }
    return List.copyOf(result);
  }
}
