package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import io.tokenfleet.cost.GpuSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hardware catalog ({@code tokenfleet.gpus} in reference.conf) as validated {@link GpuSpec}
 * records. Datasheet units in the file (TFLOP/s, GB, GB/s) become SI units here (x 1e12, x 1e9).
 * Fails fast on the first bad entry with its key path: a missing or unknown key, a value of the
 * wrong type, a negative price or a non-positive peak.
 *
 * @param gpus GPU id -> spec, in id order
 */
public record GpuCatalogConfig(Map<String, GpuSpec> gpus) {

  public static final String PATH = "tokenfleet.gpus";

  static final Set<String> KEYS = Set.of("bf16-tflops", "fp8-tflops", "memory-gb", "memory-gbps", "link-gbps",
      "tdp-watts", "dollars-per-gpu-hour", "price-source", "price-date");

  public GpuCatalogConfig {
    gpus = Collections.unmodifiableMap(new LinkedHashMap<>(gpus));
  }

  /** Parses {@code tokenfleet.gpus} of {@code root}. */
  public static GpuCatalogConfig from(Config root) {
    if (!root.hasPath(PATH)) {
      throw new IllegalArgumentException(PATH + ": missing (the hardware catalog)");
    }
    Config gpus = root.getConfig(PATH);
    Map<String, GpuSpec> out = new LinkedHashMap<>();
    for (String id : new TreeSet<>(gpus.root().keySet())) {
      String at = PATH + "." + id;
      if (gpus.root().get(id).valueType() != ConfigValueType.OBJECT) {
        throw new IllegalArgumentException(at + ": must be an object of GPU keys");
      }
      out.put(id, parse(id, at, gpus.getConfig(quote(id))));
    }
    return new GpuCatalogConfig(out);
  }

  /** The GPU called {@code id}, or an error listing the known ids. */
  public GpuSpec get(String id) {
    GpuSpec spec = gpus.get(id);
    if (spec == null) {
      throw new IllegalArgumentException("unknown gpu '" + id + "' (known: " + String.join(", ", gpus.keySet()) + ")");
    }
    return spec;
  }

  private static GpuSpec parse(String id, String at, Config c) {
    ConfigValues.onlyKeys(c, at, KEYS);
    double bf16 = ConfigValues.number(c, at, "bf16-tflops");
    double fp8 = ConfigValues.number(c, at, "fp8-tflops");
    double memory = ConfigValues.number(c, at, "memory-gb");
    double bandwidth = ConfigValues.number(c, at, "memory-gbps");
    double link = ConfigValues.number(c, at, "link-gbps");
    double tdp = ConfigValues.number(c, at, "tdp-watts");
    double price = ConfigValues.number(c, at, "dollars-per-gpu-hour");
    positive(at, "bf16-tflops", bf16);
    nonNegative(at, "fp8-tflops", fp8);
    positive(at, "memory-gb", memory);
    positive(at, "memory-gbps", bandwidth);
    positive(at, "link-gbps", link);
    nonNegative(at, "tdp-watts", tdp);
    nonNegative(at, "dollars-per-gpu-hour", price);
    return new GpuSpec(id, bf16 * 1e12, fp8 * 1e12, memory * 1e9, bandwidth * 1e9, link * 1e9, tdp, price,
        text(c, at, "price-source"), text(c, at, "price-date"));
  }

  private static String text(Config c, String at, String key) {
    try {
      return c.getString(key);
    } catch (ConfigException.Missing e) {
      throw new IllegalArgumentException(at + "." + key + ": missing");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(at + "." + key + ": must be a string");
    }
  }

  private static void positive(String at, String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(at + "." + key + ": must be > 0, got " + v);
    }
  }

  private static void nonNegative(String at, String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(at + "." + key + ": must be >= 0, got " + v);
    }
  }

  private static String quote(String key) {
    return "\"" + key + "\"";
  }
}
