package io.tokenfleet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads the configuration: {@code reference.conf} from the classpath (every key with its default),
 * then override files on top, later files winning. Substitutions such as
 * {@code ${tokenfleet.models.llama-2-7b}} are resolved once, after merging, so an override file
 * can build a new model on a preset. Environment variables and system properties are not read:
 * the same files give the same configuration.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** reference.conf alone. */
  public static Config load() {
    return load(List.of());
  }

  /** reference.conf plus one optional override file (a conf/*.conf or a scenario file). */
  public static Config load(Optional<Path> overrides) {
    return load(overrides.map(List::of).orElse(List.of()));
  }

  /**
   * reference.conf plus {@code overrideFiles}, each overriding the ones before it.
   *
   * @throws IllegalArgumentException with a one-line message when a file is missing, does not
   *     parse, or a substitution cannot be resolved
   */
  public static Config load(List<Path> overrideFiles) {
    Config merged = reference();
    for (Path file : overrideFiles) {
      merged = parseFile(file).withFallback(merged);
    }
    try {
      return merged.resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException e) {
      throw ConfigValues.oneLine("configuration: ", e);
    }
  }

  private static Config reference() {
    try {
      // Unresolved, so that overrides of a base object reach every preset built on it.
      return ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf",
          ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw ConfigValues.oneLine("reference.conf: ", e);
    }
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file not found: " + file);
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw ConfigValues.oneLine("", e);
    }
  }
}
