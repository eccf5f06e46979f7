package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.plan.PlanSettings;
import io.tokenfleet.plan.Router;
import io.tokenfleet.plan.SchedulerConfig;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tokenfleet.plan}: the simulated replica's scheduler and the fleet search settings,
 * validated at start-up with the key's path in every message.
 *
 * @param blockSizeTokens tokens per KV block, >= 1
 * @param kvCapacityBlocks KV blocks per replica; 0 = derive from each deployment's free memory
 * @param maxNumBatchedTokens tokens one iteration may feed, >= 1
 * @param maxNumSeqs running sequences at most, >= 1
 * @param chunkedPrefill vLLM V1 chunked prefill (true) or V0 prompt-first iterations (false)
 * @param watermarkFraction KV blocks kept free at admission, in [0, 1)
 * @param settings windows, target utilisation, search bound, autoscaling
 * @param out default output directory of {@code plan}
 */
public record PlanConfig(
    int blockSizeTokens,
    long kvCapacityBlocks,
    int maxNumBatchedTokens,
    int maxNumSeqs,
    boolean chunkedPrefill,
    double watermarkFraction,
    PlanSettings settings,
    String out) {

  public static final String PATH = "tokenfleet.plan";
  private static final Set<String> KEYS = Set.of("scheduler", "window-seconds", "target-utilisation", "routing",
      "max-replicas", "cold-start-seconds", "min-replicas", "max-windows", "out");
  private static final Set<String> SCHEDULER_KEYS = Set.of("block-size-tokens", "kv-capacity-blocks",
      "max-num-batched-tokens", "max-num-seqs", "chunked-prefill", "watermark-fraction");

  /** Reads and validates {@code tokenfleet.plan} of {@code root}. */
  public static PlanConfig from(Config root) {
    ConfigValues p = ConfigValues.at(root, PATH);
    p.rejectUnknownKeys(KEYS);
    ConfigValues s = p.child("scheduler");
    s.rejectUnknownKeys(SCHEDULER_KEYS);
    Router.Policy routing = Router.Policy.byConfigName(p.getChoice("routing", Router.Policy.configNames()));
    double kvBlocks = number(s, "kv-capacity-blocks");
    if (!(kvBlocks >= 0) || kvBlocks != Math.rint(kvBlocks) || kvBlocks > Long.MAX_VALUE) {
      throw new IllegalArgumentException(s.pathOf("kv-capacity-blocks") + ": must be a whole number >= 0 (0 = derive), got "
          + s.object().get("kv-capacity-blocks").unwrapped());
    }
    double watermark = number(s, "watermark-fraction");
    if (!(watermark >= 0 && watermark < 1)) {
      throw new IllegalArgumentException(s.pathOf("watermark-fraction") + ": must be in [0, 1), got " + watermark);
    }
    // read before the try: these messages already carry the key's path
    int maxReplicas = p.getInt("max-replicas", 1);
    int minReplicas = p.getInt("min-replicas", 0);
    int maxWindows = p.getInt("max-windows", 1);
    double windowSeconds = number(p, "window-seconds");
    double targetUtilisation = number(p, "target-utilisation");
    double coldStartSeconds = number(p, "cold-start-seconds");
    PlanSettings settings;
    try {
      settings = new PlanSettings(windowSeconds, targetUtilisation, maxReplicas, coldStartSeconds, minReplicas, routing,
          maxWindows);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PATH + ": " + settingsMessage(e.getMessage()));
    }
    return new PlanConfig(s.getInt("block-size-tokens", 1), (long) kvBlocks, s.getInt("max-num-batched-tokens", 1),
        s.getInt("max-num-seqs", 1), s.getBoolean("chunked-prefill"), watermark, settings, p.getString("out"));
  }

  /** PlanSettings names fields in camelCase; messages name the keys. */
  private static String settingsMessage(String message) {
    return message.replace("windowSeconds", "window-seconds").replace("targetUtilisation", "target-utilisation")
        .replace("coldStartSeconds", "cold-start-seconds");
  }

  /** A copy with another routing policy (the {@code --routing} flag). */
  public PlanConfig withRouting(Router.Policy routing) {
    PlanSettings s = settings;
    return new PlanConfig(blockSizeTokens, kvCapacityBlocks, maxNumBatchedTokens, maxNumSeqs, chunkedPrefill,
        watermarkFraction, new PlanSettings(s.windowSeconds(), s.targetUtilisation(), s.maxReplicas(), s.coldStartSeconds(),
            s.minReplicas(), routing, s.maxWindows()), out);
  }

  /**
   * The scheduler of one replica of {@code deployment}, with the model's sliding window (the
   * simulator caps attention keys and frees KV blocks outside it). With kv-capacity-blocks = 0 the capacity
   * is floor(deployment.kvCapacityBytes() / (blockSizeTokens x kvBytesPerToken)): the memory left
   * after the weights and the reserve, in blocks of this many positions of one sequence.
   *
   * @throws IllegalArgumentException when that leaves no block
   */
  public SchedulerConfig scheduler(Deployment deployment) {
    long blocks = kvCapacityBlocks;
    if (blocks == 0) {
      double bytesPerBlock = blockSizeTokens * deployment.kvBytesPerToken();
      blocks = (long) Math.floor(deployment.kvCapacityBytes() / bytesPerBlock);
      if (blocks < 1) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s.scheduler.kv-capacity-blocks = 0 derives no KV block for %s on %s: %.3g GB left after the weights, "
                + "%.0f bytes per %d-token block", PATH, deployment.model().name(), deployment.label(),
            deployment.kvCapacityBytes() / 1e9, bytesPerBlock, blockSizeTokens));
      }
    }
    return new SchedulerConfig(blockSizeTokens, blocks, maxNumBatchedTokens, maxNumSeqs, chunkedPrefill, watermarkFraction,
        settings.windowSeconds(), deployment.model().slidingWindowTokens());
  }

  /** A number (integer or decimal) at {@code key}. */
  static double number(ConfigValues s, String key) {
    ConfigValue v = s.object().get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      throw new IllegalArgumentException(s.pathOf(key) + ": missing key");
    }
    if (v.valueType() == ConfigValueType.NUMBER) {
      return ((Number) v.unwrapped()).doubleValue();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Double.parseDouble(((String) v.unwrapped()).trim());
      } catch (NumberFormatException e) {
        // message below
      }
    }
    throw new IllegalArgumentException(s.pathOf(key) + ": expected a number, got '" + v.unwrapped() + "'");
  }
}
