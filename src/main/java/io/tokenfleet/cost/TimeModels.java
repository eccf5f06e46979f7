package io.tokenfleet.cost;

/**
 * The configured time models, selectable by name.
 *
 * @param defaultName the model used when none is asked for: {@code flops} or {@code roofline}
 * @param flops the flops model's settings
 * @param roofline the roofline model's settings (calibrated defaults in reference.conf)
 */
public record TimeModels(String defaultName, FlopsTimeModel flops, RooflineTimeModel roofline) implements java.io.Serializable {

  public TimeModels {
    defaultName = TimeModel.canonicalName(defaultName);
    if (flops == null || roofline == null) {
      throw new IllegalArgumentException("flops and roofline time models must not be null");
    }
  }

  /** The model called {@code name} (case-insensitive); the default when {@code name} is null. */
  public TimeModel byName(String name) {
    String n = name == null ? defaultName : TimeModel.canonicalName(name);
    return n.equals(FlopsTimeModel.NAME) ? flops : roofline;
  }

  /** The default model. */
  public TimeModel defaultModel() {
    return byName(null);
  }
}
