package io.tokenfleet.kernel;

import java.util.Locale;

/** Storage type of weights or KV cache entries, with its size in bytes per element. */
public enum Dtype {
  FP32(4.0),
  BF16(2.0),
  FP16(2.0),
  FP8(1.0),
  INT8(1.0),
  INT4(0.5);

  private final double bytesPerElement;

  Dtype(double bytesPerElement) {
    this.bytesPerElement = bytesPerElement;
  }

  public double bytesPerElement() {
    return bytesPerElement;
  }

  /** Parses a case-insensitive name such as {@code bf16} or {@code int4}. */
  public static Dtype parse(String text) {
    if (text != null) {
      for (Dtype d : values()) {
        if (d.name().equalsIgnoreCase(text.trim())) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("unknown dtype '" + text + "' (expected one of fp32, bf16, fp16, fp8, int8, int4)");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
