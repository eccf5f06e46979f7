package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.tokenfleet.cost.FlopsTimeModel;
import io.tokenfleet.cost.RooflineTimeModel;
import io.tokenfleet.cost.TimeModels;
import java.util.Set;

/**
 * {@code tokenfleet.time-model} of reference.conf as validated records: the flops and roofline
 * models, the default's name and the memory reserve of a deployment. Fails fast on the first bad
 * key with its path (missing, unknown, wrong type, out of range).
 *
 * @param models the two time models and the default
 * @param memoryReserveFraction share of a replica's memory kept for activations and the runtime, [0, 1)
 */
public record TimeModelConfig(TimeModels models, double memoryReserveFraction) {

  public static final String PATH = "tokenfleet.time-model";

  private static final Set<String> TOP = Set.of("default", "memory-reserve-fraction", "flops", "roofline");
  private static final Set<String> FLOPS = Set.of("mfu");
  private static final Set<String> ROOFLINE = Set.of("mfu-prefill", "mfu-decode", "mbu", "link-efficiency",
      "all-reduce-hop-latency-seconds", "step-overhead-seconds", "activation-bytes");

  public TimeModelConfig {
    if (models == null) {
      throw new IllegalArgumentException("models must not be null");
    }
    if (!(memoryReserveFraction >= 0 && memoryReserveFraction < 1)) {
      throw new IllegalArgumentException(PATH + ".memory-reserve-fraction: must be in [0, 1), got " + memoryReserveFraction);
    }
  }

  /** Parses {@code tokenfleet.time-model} of {@code root}. */
  public static TimeModelConfig from(Config root) {
    if (!root.hasPath(PATH)) {
      throw new IllegalArgumentException(PATH + ": missing");
    }
    Config c = root.getConfig(PATH);
    ConfigValues.onlyKeys(c, PATH, TOP);
    Config flops = object(c, PATH, "flops");
    ConfigValues.onlyKeys(flops, PATH + ".flops", FLOPS);
    Config roof = object(c, PATH, "roofline");
    ConfigValues.onlyKeys(roof, PATH + ".roofline", ROOFLINE);
    String at = PATH + ".roofline";
    try {
      FlopsTimeModel flopsModel = new FlopsTimeModel(ConfigValues.number(flops, PATH + ".flops", "mfu"));
      RooflineTimeModel rooflineModel = new RooflineTimeModel(
          ConfigValues.number(roof, at, "mfu-prefill"),
          ConfigValues.number(roof, at, "mfu-decode"),
          ConfigValues.number(roof, at, "mbu"),
          ConfigValues.number(roof, at, "link-efficiency"),
          ConfigValues.number(roof, at, "all-reduce-hop-latency-seconds"),
          ConfigValues.number(roof, at, "step-overhead-seconds"),
          ConfigValues.number(roof, at, "activation-bytes"));
      String defaultName;
      try {
        defaultName = c.getString("default");
      } catch (ConfigException e) {
        throw new IllegalArgumentException(PATH + ".default: missing or not a string");
      }
      return new TimeModelConfig(new TimeModels(defaultName, flopsModel, rooflineModel),
          ConfigValues.number(c, PATH, "memory-reserve-fraction"));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw m.startsWith(PATH) ? e : new IllegalArgumentException(PATH + ": " + m);
    }
  }

  private static Config object(Config c, String at, String key) {
    try {
      return c.getConfig(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(at + "." + key + ": missing or not an object");
    }
  }

}
