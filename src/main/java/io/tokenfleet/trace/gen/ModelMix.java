package io.tokenfleet.trace.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Models drawn with given weights ("m1:3,m2:1" = 75% m1); weights default to 1. Empty = no
 * model column value (null).
 */
public final class ModelMix {
  private final List<String> names;
  private final double[] cumulative;

  private ModelMix(List<String> names, double[] weights) {
    this.names = List.copyOf(names);
    this.cumulative = new double[weights.length];
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double run = 0;
    for (int i = 0; i < weights.length; i++) {
      run += weights[i];
      cumulative[i] = run / total;
    }
  }

  public static final ModelMix NONE = new ModelMix(List.of(), new double[0]);

  /** Parses "m1,m2" or "m1:3,m2:1" (weights > 0); null or blank = {@link #NONE}. */
  public static ModelMix parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    List<String> names = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      int colon = p.lastIndexOf(':');
      String name = colon < 0 ? p : p.substring(0, colon).strip();
      double w = 1.0;
      if (colon >= 0) {
        try {
          w = Double.parseDouble(p.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--models weight must be a number, got '" + p + "'");
        }
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("--models entries must be NAME or NAME:WEIGHT, got '" + p + "'");
      }
      if (!(w > 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException("--models weight must be > 0, got '" + p + "'");
      }
      if (names.contains(name)) {
        throw new IllegalArgumentException("--models names '" + name + "' twice");
      }
      names.add(name);
      weights.add(w);
    }
    return new ModelMix(names, weights.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The next model name, or null when there are no models (draws nothing then). */
  public String next(SplittableRandom random) {
    if (names.isEmpty()) {
      return null;
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return names.get(i);
      }
    }
    return names.get(names.size() - 1);
  }

  public List<String> names() {
    return names;
  }
}
