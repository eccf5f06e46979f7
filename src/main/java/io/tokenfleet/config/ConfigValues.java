package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one HOCON object whose errors name the key's full path, e.g.
 * {@code tokenfleet.models.llama-2-7b.heads: expected an integer, got 'x'}.
 *
 * <p>Typesafe Config's own messages name the file and line but quote paths with dots in keys
 * ({@code "llama-3.1-405b"}) and say "has type STRING rather than NUMBER"; these name the path
 * as the user wrote it and the value they gave. Keys are looked up as single path elements, so a
 * key with a dot in it (a model name such as {@code qwen2.5-72b}) is fine.
 *
 * @param path full path of this object for messages, e.g. {@code tokenfleet.models.gpt2}
 * @param object the object read from
 */
public record ConfigValues(String path, ConfigObject object) {

  /** The object at {@code path} (dotted, as in HOCON) of {@code config}. */
  public static ConfigValues at(Config config, String path) {
    if (!config.hasPathOrNull(path)) {
      throw new IllegalArgumentException(path + ": missing section");
    }
    ConfigValue value = config.getValue(path);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw new IllegalArgumentException(path + ": expected an object { ... }, got " + describe(value));
    }
    return new ConfigValues(path, (ConfigObject) value);
  }

  /** Immediate keys of this object, in sorted order. */
  public Set<String> keys() {
    return new TreeSet<>(object.keySet());
  }

  /** True when {@code key} is present and not null. */
  public boolean has(String key) {
    ConfigValue v = object.get(key);
    return v != null && v.valueType() != ConfigValueType.NULL;
  }

  /** The child object at {@code key}. */
  public ConfigValues child(String key) {
    ConfigValue v = require(key);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw wrongType(key, "an object { ... }", v);
    }
    return new ConfigValues(pathOf(key), (ConfigObject) v);
  }

  /** Full path of {@code key} for messages. */
  public String pathOf(String key) {
    return path + "." + key;
  }

  /** An integer; whole numbers written as strings ("32") are accepted as HOCON allows. */
  public int getInt(String key) {
    ConfigValue v = require(key);
    Object raw = v.unwrapped();
    if (v.valueType() == ConfigValueType.NUMBER) {
      Number n = (Number) raw;
      double d = n.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    } else if (v.valueType() == ConfigValueType.STRING) {
      try {
        return Integer.parseInt(((String) raw).trim());
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw wrongType(key, "an integer", v);
  }

  /** An integer >= {@code min}. */
  public int getInt(String key, int min) {
    int value = getInt(key);
    if (value < min) {
      throw new IllegalArgumentException(pathOf(key) + ": must be >= " + min + ", got " + value);
    }
    return value;
  }

  /** A boolean: true/false (HOCON also accepts yes/no and on/off). */
  public boolean getBoolean(String key) {
    ConfigValue v = require(key);
    if (v.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      switch (((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on":
          return true;
        case "false", "no", "off":
          return false;
        default:
          break;
      }
    }
    throw wrongType(key, "true or false", v);
  }

  /** A non-empty string. */
  public String getString(String key) {
    ConfigValue v = require(key);
    if (v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER
        || v.valueType() == ConfigValueType.BOOLEAN) {
      String s = String.valueOf(v.unwrapped()).trim();
      if (!s.isEmpty()) {
        return s;
      }
    }
    throw wrongType(key, "a non-empty string", v);
  }

  /**
   * One of {@code choices} (kebab-case, case-insensitive), returned as the matching choice.
   * Message: {@code path: expected one of gelu, gated, got 'swiglu'}.
   */
  public String getChoice(String key, List<String> choices) {
    ConfigValue v = require(key);
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT);
      for (String choice : choices) {
        if (choice.equals(s)) {
          return choice;
        }
      }
    }
    throw wrongType(key, "one of " + String.join(", ", choices), v);
  }

  /** Fails when the object has keys outside {@code allowed} (a typo such as {@code kv-head}). */
  public void rejectUnknownKeys(Collection<String> allowed) {
    for (String key : keys()) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(pathOf(key) + ": unknown key (known: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  private ConfigValue require(String key) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      throw new IllegalArgumentException(pathOf(key) + ": missing key");
    }
    return v;
  }

  private IllegalArgumentException wrongType(String key, String expected, ConfigValue v) {
    return new IllegalArgumentException(pathOf(key) + ": expected " + expected + ", got " + describe(v));
  }

  private static String describe(ConfigValue v) {
    return switch (v.valueType()) {
      case STRING, NUMBER, BOOLEAN -> "'" + v.unwrapped() + "'";
      case OBJECT -> "an object";
      case LIST -> "a list";
      case NULL -> "null";
    };
  }

  /**
   * A number at {@code key} of a plain {@code Config} whose path is {@code at}, for the catalogs that
   * read numbers with units (GPU specs, time-model factors). Messages: {@code at.key: missing},
   * {@code at.key: must be a number, got "lots"}.
   */
  static double number(Config c, String at, String key) {
    try {
      return c.getDouble(key);
    } catch (ConfigException.Missing e) {
      throw new IllegalArgumentException(at + "." + key + ": missing");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(at + "." + key + ": must be a number, got " + c.getValue(key).render());
    }
  }

  /** Fails on a key of {@code c} (path {@code at}) outside {@code allowed}: {@code at.key: unknown key (expected [...])}. */
  static void onlyKeys(Config c, String at, Set<String> allowed) {
    for (String key : new TreeSet<>(c.root().keySet())) {
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(at + "." + key + ": unknown key (expected " + new TreeSet<>(allowed) + ")");
      }
    }
  }

  /** Rewraps a Typesafe Config exception as a one-line IllegalArgumentException. */
  static IllegalArgumentException oneLine(String context, ConfigException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new IllegalArgumentException(context + message.replace('\n', ' '), e);
  }
}
