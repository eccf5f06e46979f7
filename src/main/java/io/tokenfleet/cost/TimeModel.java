package io.tokenfleet.cost;

import java.util.Locale;

/**
 * How FLOPs and bytes become seconds: {@code flops} (FLOPs over a fraction of peak) or
 * {@code roofline} (the longer of compute and memory time, plus all-reduces and a fixed overhead).
 * See docs/cost-model.md for the formulas.
 */
public sealed interface TimeModel permits FlopsTimeModel, RooflineTimeModel {

  /** The name used on the command line and in configuration: {@code flops} or {@code roofline}. */
  String name();

  /** The step timer of one replica of {@code deployment}. */
  RooflineStepTimer stepTimer(Deployment deployment);

  /** The names {@link #name()} can take. */
  static String[] names() {
    return new String[] {FlopsTimeModel.NAME, RooflineTimeModel.NAME};
  }

  /** Checks that {@code name} is one of {@link #names()} and returns it in canonical (lower) case. */
  static String canonicalName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!n.equals(FlopsTimeModel.NAME) && !n.equals(RooflineTimeModel.NAME)) {
      throw new IllegalArgumentException("unknown time model '" + name + "' (expected flops or roofline)");
    }
    return n;
  }
}
