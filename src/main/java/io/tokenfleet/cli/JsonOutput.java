package io.tokenfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report map as one JSON object. Numbers: an integer-valued double below 2^53 in
 * magnitude is written as an exact integer (every such integer is exactly representable);
 * anything else as a plain JSON double, e.g. {@code 1.0253E18}. Non-finite numbers are refused.
 */
final class JsonOutput {
  /** 2^53: above it not every integer is a double, so the value is written as a double. */
  static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /** The JSON text of {@code report} (pretty-printed, keys in map order). */
  static String write(Map<String, ?> report) {
    try {
      return JSON.writeValueAsString(normalize(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A Long for an integer-valued double below 2^53, else the double itself. */
  static Number number(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("cannot write a non-finite number to JSON, got " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
      return (long) value;
    }
    return value;
  }

  private static Object normalize(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalize(v)));
      return out;
    }
    return value;
  }
}
