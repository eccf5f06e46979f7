package io.tokenfleet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenfleet.kernel.FfnKind;
import io.tokenfleet.kernel.LinearBiases;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.MoeSpec;
import io.tokenfleet.kernel.NormKind;
import io.tokenfleet.kernel.PositionEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a Hugging Face {@code config.json} into a {@link ModelSpec}, following each family's
 * conventions in the transformers library (the defaults of its {@code *Config} class and the
 * layers its {@code modeling_*.py} builds):
 * <ul>
 *   <li>gpt2: n_layer, n_embd, n_head, n_inner (null = 4 n_embd), n_positions, vocab_size; learned
 *       positions, biases on every linear, 2 LayerNorms per block + final, tied embeddings.
 *   <li>llama: num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads (default
 *       heads), head_dim (default hidden/heads), intermediate_size, vocab_size,
 *       max_position_embeddings, tie_word_embeddings (default false); SwiGLU, RoPE, RMSNorm;
 *       attention_bias and mlp_bias (default false; both true = biases on every linear).
 *   <li>mistral: as llama, plus sliding_window (null = full attention).
 *   <li>mixtral: as mistral, plus num_local_experts and num_experts_per_tok (expert size =
 *       intermediate_size; the router has no bias).
 *   <li>qwen2: as llama with biases on q, k, v; sliding_window applies only if use_sliding_window.
 *   <li>falcon: hidden_size, num_hidden_layers, num_attention_heads, vocab_size; KV heads are
 *       num_kv_heads under new_decoder_architecture, else 1 if multi_query, else heads; ffn
 *       ffn_hidden_size (default 4 hidden); bias (default false) on every linear; alibi (else
 *       RoPE); LayerNorms per block: 2 under new_decoder_architecture (ln_attn, ln_mlp, unless
 *       num_ln_in_parallel_attn = 1), else 1 with parallel_attn and 2 without; max_position_embeddings
 *       default 2048; tied embeddings.
 *   <li>bloom: n_layer, hidden_size (or n_embed), n_head (or num_attention_heads), vocab_size
 *       (default 250880), seq_length (default 2048) as context; ALiBi, biases on every linear,
 *       LayerNorm after the embedding, 2 per block + final, ffn 4 hidden, tied.
 * </ul>
 * Context: max_position_embeddings, raised to original_max_position_embeddings x factor when
 * rope_scaling says so (the way Qwen2.5's model card extends 32768 to 131072 with YaRN).
 */
public final class HfConfigImporter {
  /** The model_type values this importer understands. */
  public static final List<String> SUPPORTED = List.of("gpt2", "llama", "mistral", "mixtral", "qwen2", "falcon", "bloom");

  private static final ObjectMapper JSON = new ObjectMapper();

  private HfConfigImporter() {}

  /**
   * Imports {@code file}; the model is named after its folder when the file is called
   * {@code config.json} (as in a Hugging Face checkout), else after the file without {@code .json}.
   *
   * @throws IllegalArgumentException when the file cannot be read or parsed, or is not supported
   */
  public static ModelSpec importFile(Path file) {
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read model config " + file + ": " + e.getMessage(), e);
    }
    return importJson(nameFor(file), json);
  }

  /** The name {@link #importFile} gives the model in {@code file}. */
  public static String nameFor(Path file) {
    Path fileName = file.getFileName();
    String base = fileName == null ? file.toString() : fileName.toString();
    if (base.equals("config.json")) {
      Path parent = file.toAbsolutePath().normalize().getParent();
      if (parent != null && parent.getFileName() != null) {
        return parent.getFileName().toString();
      }
    }
    return base.endsWith(".json") ? base.substring(0, base.length() - ".json".length()) : base;
  }

  /**
   * Imports the config.json text {@code json} as a model called {@code name}.
   *
   * @throws IllegalArgumentException {@code config.json: unsupported model_type 'x' (supported: ...)},
   *     {@code config.json: missing field 'num_attention_heads' for model_type llama}, or a
   *     ModelSpec precondition
   */
  public static ModelSpec importJson(String name, String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config.json: not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config.json: expected a JSON object");
    }
    JsonNode typeNode = root.get("model_type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new IllegalArgumentException("config.json: missing field 'model_type' (supported: "
          + String.join(", ", SUPPORTED) + ")");
    }
    String type = typeNode.asText();
    Fields f = new Fields(root, type);
    try {
      return switch (type) {
        case "gpt2" -> gpt2(name, f);
        case "llama" -> llamaLike(name, f, false, false);
        case "mistral" -> llamaLike(name, f, true, false);
        case "mixtral" -> llamaLike(name, f, true, true);
        case "qwen2" -> qwen2(name, f);
        case "falcon" -> falcon(name, f);
        case "bloom" -> bloom(name, f);
        default -> throw new IllegalArgumentException("config.json: unsupported model_type '" + type
            + "' (supported: " + String.join(", ", SUPPORTED) + ")");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("config.json")) {
        throw e;
      }
      throw new IllegalArgumentException("config.json (model_type " + type + "): " + e.getMessage(), e);
    }
  }

  private static ModelSpec gpt2(String name, Fields f) {
    int d = f.requireInt("n_embd");
    int heads = f.requireInt("n_head");
    int positions = f.requireInt("n_positions");
    return new ModelSpec(name, f.requireInt("n_layer"), d, heads, heads, headDim(d, heads, "n_embd", "n_head"),
        f.optInt("n_inner", 4 * d), FfnKind.GELU, f.requireInt("vocab_size"), positions, 0,
        PositionEmbedding.LEARNED, f.optBoolean("tie_word_embeddings", true), LinearBiases.ALL,
        NormKind.LAYER_NORM, 2, true, false, null);
  }

  private static ModelSpec llamaLike(String name, Fields f, boolean slidingWindow, boolean moe) {
    int d = f.requireInt("hidden_size");
    int heads = f.requireInt("num_attention_heads");
    int kvHeads = f.optInt("num_key_value_heads", heads);
    int headDim = f.has("head_dim") ? f.requireInt("head_dim") : headDim(d, heads, "hidden_size", "num_attention_heads");
    int dFf = f.requireInt("intermediate_size");
    boolean attentionBias = f.optBoolean("attention_bias", false);
    boolean mlpBias = f.optBoolean("mlp_bias", false);
    LinearBiases biases;
    if (attentionBias == mlpBias) {
      biases = attentionBias ? LinearBiases.ALL : LinearBiases.NONE;
    } else {
      throw new IllegalArgumentException("config.json: attention_bias=" + attentionBias + " with mlp_bias=" + mlpBias
          + " is not supported for model_type " + f.type + " (biases must be on every linear layer or none)");
    }
    int window = slidingWindow ? f.optInt("sliding_window", 0) : 0;
    MoeSpec moeSpec = moe
        ? new MoeSpec(f.requireInt("num_local_experts"), f.requireInt("num_experts_per_tok"), 0, dFf, 0)
        : null;
    return new ModelSpec(name, f.requireInt("num_hidden_layers"), d, heads, kvHeads, headDim, dFf, FfnKind.GATED,
        f.requireInt("vocab_size"), context(f), window, PositionEmbedding.ROTARY,
        f.optBoolean("tie_word_embeddings", false), biases, NormKind.RMS_NORM, 2, true, false, moeSpec);
  }

  private static ModelSpec qwen2(String name, Fields f) {
    int d = f.requireInt("hidden_size");
    int heads = f.requireInt("num_attention_heads");
    // Qwen2Config: sliding_window is kept even when unused; it only applies with use_sliding_window.
    int window = f.optBoolean("use_sliding_window", false) ? f.optInt("sliding_window", 0) : 0;
    return new ModelSpec(name, f.requireInt("num_hidden_layers"), d, heads, f.optInt("num_key_value_heads", heads),
        f.has("head_dim") ? f.requireInt("head_dim") : headDim(d, heads, "hidden_size", "num_attention_heads"),
        f.requireInt("intermediate_size"), FfnKind.GATED, f.requireInt("vocab_size"), context(f), window,
        PositionEmbedding.ROTARY, f.optBoolean("tie_word_embeddings", false), LinearBiases.QKV_ONLY,
        NormKind.RMS_NORM, 2, true, false, null);
  }

  private static ModelSpec falcon(String name, Fields f) {
    int d = f.requireInt("hidden_size");
    int heads = f.requireInt("num_attention_heads");
    boolean newArchitecture = f.optBoolean("new_decoder_architecture", false);
    boolean parallel = f.optBoolean("parallel_attn", true);
    int kvHeads;
    if (newArchitecture) {
      kvHeads = f.requireInt("num_kv_heads");
    } else {
      kvHeads = f.optBoolean("multi_query", true) ? 1 : heads;
    }
    // modeling_falcon.py: ln_attn + ln_mlp under the new architecture with 2 parallel norms;
    // otherwise input_layernorm, plus post_attention_layernorm when attention and MLP are sequential.
    int norms = newArchitecture && f.optInt("num_ln_in_parallel_attn", 2) == 2 ? 2 : parallel ? 1 : 2;
    return new ModelSpec(name, f.requireInt("num_hidden_layers"), d, heads, kvHeads,
        headDim(d, heads, "hidden_size", "num_attention_heads"), f.optInt("ffn_hidden_size", 4 * d), FfnKind.GELU,
        f.requireInt("vocab_size"), f.optInt("max_position_embeddings", 2048), 0,
        f.optBoolean("alibi", false) ? PositionEmbedding.ALIBI : PositionEmbedding.ROTARY,
        f.optBoolean("tie_word_embeddings", true),
        f.optBoolean("bias", false) ? LinearBiases.ALL : LinearBiases.NONE,
        NormKind.LAYER_NORM, norms, true, false, null);
  }

  private static ModelSpec bloom(String name, Fields f) {
    int d = f.has("hidden_size") ? f.requireInt("hidden_size") : f.requireInt("n_embed");
    int heads = f.has("n_head") ? f.requireInt("n_head") : f.requireInt("num_attention_heads");
    int layers = f.has("n_layer") ? f.requireInt("n_layer") : f.requireInt("num_hidden_layers");
    return new ModelSpec(name, layers, d, heads, heads, headDim(d, heads, "hidden_size", "n_head"), 4 * d,
        FfnKind.GELU, f.optInt("vocab_size", 250880), f.optInt("seq_length", 2048), 0, PositionEmbedding.ALIBI,
        f.optBoolean("tie_word_embeddings", true), LinearBiases.ALL, NormKind.LAYER_NORM, 2, true, true, null);
  }

  /** max_position_embeddings, or original x factor from rope_scaling when larger. */
  private static int context(Fields f) {
    int context = f.requireInt("max_position_embeddings");
    JsonNode scaling = f.root.get("rope_scaling");
    if (scaling != null && scaling.isObject()) {
      JsonNode factor = scaling.get("factor");
      JsonNode original = scaling.get("original_max_position_embeddings");
      if (factor != null && factor.isNumber() && original != null && original.canConvertToInt()) {
        long scaled = Math.round(factor.asDouble() * original.asInt());
        if (scaled > context && scaled <= Integer.MAX_VALUE) {
          context = (int) scaled;
        }
      }
    }
    return context;
  }

  private static int headDim(int d, int heads, String dField, String headsField) {
    if (heads <= 0 || d % heads != 0) {
      throw new IllegalArgumentException("config.json: " + dField + " " + d + " is not a multiple of "
          + headsField + " " + heads);
    }
    return d / heads;
  }

  /** Field access with messages naming the field and the model_type. */
  private static final class Fields {
    final JsonNode root;
    final String type;

    Fields(JsonNode root, String type) {
      this.root = root;
      this.type = type;
    }

    boolean has(String field) {
      JsonNode n = root.get(field);
      return n != null && !n.isNull();
    }

    int requireInt(String field) {
      if (!has(field)) {
        throw new IllegalArgumentException("config.json: missing field '" + field + "' for model_type " + type);
      }
      return toInt(field, root.get(field));
    }

    int optInt(String field, int whenAbsentOrNull) {
      return has(field) ? toInt(field, root.get(field)) : whenAbsentOrNull;
    }

    boolean optBoolean(String field, boolean whenAbsentOrNull) {
      if (!has(field)) {
        return whenAbsentOrNull;
      }
      JsonNode n = root.get(field);
      if (!n.isBoolean()) {
        throw new IllegalArgumentException("config.json: field '" + field + "' must be true or false, got " + n);
      }
      return n.booleanValue();
    }

    private int toInt(String field, JsonNode n) {
      if (n.isIntegralNumber() && n.canConvertToInt()) {
        return n.intValue();
      }
      throw new IllegalArgumentException("config.json: field '" + field + "' must be an integer, got " + n);
    }
  }
}
