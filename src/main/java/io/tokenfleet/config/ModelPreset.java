package io.tokenfleet.config;

import io.tokenfleet.kernel.ModelSpec;

/**
 * A model of the catalog with where its architecture comes from.
 *
 * @param spec the architecture
 * @param source URL of the config.json or the paper the numbers come from
 * @param sourceDate date of that source (ISO yyyy-mm-dd, or yyyy-mm for papers)
 */
public record ModelPreset(ModelSpec spec, String source, String sourceDate) {
  public ModelPreset {
    if (spec == null) {
      throw new IllegalArgumentException("spec must not be null");
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must not be blank, got '" + source + "'");
    }
    if (sourceDate == null || sourceDate.isBlank()) {
      throw new IllegalArgumentException("sourceDate must not be blank, got '" + sourceDate + "'");
    }
  }
}
