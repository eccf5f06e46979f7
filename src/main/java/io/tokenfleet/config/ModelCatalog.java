package io.tokenfleet.config;

import com.typesafe.config.Config;
import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.MoeSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The model presets of {@code tokenfleet.models}: an immutable, sorted map name -> {@link ModelPreset},
 * validated when built so a missing or mistyped key fails at start-up with its full path
 * ({@code tokenfleet.models.llama-2-7b.heads: expected an integer, got 'x'}).
 *
 * <p>A key set to {@code null} in an override file removes that preset.
 */
public final class ModelCatalog {
  /** Where the presets live in the configuration. */
  public static final String PATH = "tokenfleet.models";

  static final List<String> MODEL_KEYS = List.of("layers", "d-model", "heads", "kv-heads", "head-dim", "d-ff", "ffn",
      "vocab-size", "max-context-tokens", "sliding-window-tokens", "position-embedding", "tied-embeddings",
      "linear-biases", "norm", "norms-per-layer", "final-norm", "embedding-norm", "moe", "source", "source-date");
  static final List<String> MOE_KEYS = List.of("experts", "top-k", "shared-experts", "expert-d-ff",
      "dense-leading-layers");

  private final Map<String, ModelPreset> presets;

  private ModelCatalog(Map<String, ModelPreset> presets) {
    this.presets = Collections.unmodifiableMap(new TreeMap<>(presets));
  }

  /** The catalog of reference.conf alone. */
  public static ModelCatalog fromReference() {
    return fromConfig(ConfigLoader.load());
  }

  /**
   * Builds and validates the catalog from a resolved configuration.
   *
   * @throws IllegalArgumentException naming the first bad key's full path
   */
  public static ModelCatalog fromConfig(Config config) {
    ConfigValues models = ConfigValues.at(config, PATH);
    Map<String, ModelPreset> presets = new TreeMap<>();
    for (String name : models.keys()) {
      if (models.has(name)) {
        presets.put(name, readPreset(name, models.child(name)));
      }
    }
    if (presets.isEmpty()) {
      throw new IllegalArgumentException(PATH + ": no models defined");
    }
    return new ModelCatalog(presets);
  }

  /** Reads one model block; {@code values.path()} names it in messages. */
  static ModelPreset readPreset(String name, ConfigValues v) {
    v.rejectUnknownKeys(MODEL_KEYS);
    MoeSpec moe = null;
    if (v.has("moe")) {
      ConfigValues m = v.child("moe");
      m.rejectUnknownKeys(MOE_KEYS);
      moe = build(m.path(), () -> new MoeSpec(m.getInt("experts", 1), m.getInt("top-k", 1),
          m.getInt("shared-experts", 0), m.getInt("expert-d-ff", 1), m.getInt("dense-leading-layers", 0)));
    }
    MoeSpec moeSpec = moe;
    ModelSpec spec = build(v.path(), () -> new ModelSpec(
        name,
        v.getInt("layers", 1),
        v.getInt("d-model", 1),
        v.getInt("heads", 1),
        v.getInt("kv-heads", 1),
        v.getInt("head-dim", 1),
        v.getInt("d-ff", 1),
        FfnKind.valueOf(enumName(v.getChoice("ffn", List.of("gelu", "gated")))),
        v.getInt("vocab-size", 1),
        v.getInt("max-context-tokens", 1),
        v.getInt("sliding-window-tokens", 0),
        PositionEmbedding.valueOf(enumName(v.getChoice("position-embedding", List.of("learned", "rotary", "alibi")))),
        v.getBoolean("tied-embeddings"),
        LinearBiases.valueOf(enumName(v.getChoice("linear-biases", List.of("none", "all", "qkv-only")))),
        NormKind.valueOf(enumName(v.getChoice("norm", List.of("layer-norm", "rms-norm")))),
        v.getInt("norms-per-layer", 0),
        v.getBoolean("final-norm"),
        v.getBoolean("embedding-norm"),
        moeSpec));
    return new ModelPreset(spec, v.getString("source"), v.getString("source-date"));
  }

  private static String enumName(String kebab) {
    return kebab.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
  }

  /** Runs a record constructor, prefixing its precondition message with the block's path. */
  private static <T> T build(String path, java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(path)) {
        throw e; // already names a key of this block
      }
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The model called {@code name}.
   *
   * @throws IllegalArgumentException {@code unknown model 'x' (known: a, b, ...)}
   */
  public ModelSpec get(String name) {
    return preset(name).spec();
  }

  /** The preset called {@code name}, with its source; same error as {@link #get}. */
  public ModelPreset preset(String name) {
    ModelPreset preset = presets.get(name);
    if (preset == null) {
      throw new IllegalArgumentException("unknown model '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return preset;
  }

  /** True when the catalog holds {@code name}. */
  public boolean contains(String name) {
    return presets.containsKey(name);
  }

  /** Model names, sorted. */
  public Set<String> names() {
    return presets.keySet();
  }

  /** Every preset by name, sorted, unmodifiable. */
  public Map<String, ModelPreset> presets() {
    return presets;
  }
}
