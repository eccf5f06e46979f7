package io.tokenfleet.kernel;

import java.util.Locale;

/**
 * How a request is decoded: greedy (width 1; sampling costs the same), beam search of width k, or
 * n parallel samples of one prompt — each with or without a KV cache.
 *
 * <p>Text form: {@code greedy}, {@code beam:4}, {@code parallel:8}, each optionally followed by
 * {@code /no-cache} (or {@code /cache}, the default). {@code sample} is an alias of greedy.
 *
 * @param kind GREEDY, BEAM or PARALLEL
 * @param width sequences decoded together: 1 for greedy, k for beam, n for parallel
 * @param kvCache true when keys and values of earlier positions are cached
 */
public record DecodingStrategy(Kind kind, int width, boolean kvCache) implements java.io.Serializable {

  /** Decoding families. Beam and parallel sampling cost the same FLOPs; they differ in KV sharing. */
  public enum Kind {
    GREEDY,
    BEAM,
    PARALLEL
  }

  public static final DecodingStrategy GREEDY = new DecodingStrategy(Kind.GREEDY, 1, true);

  public DecodingStrategy {
    Checks.notNull("kind", kind);
    Checks.positive("width", width);
    if (kind == Kind.GREEDY && width != 1) {
      throw new IllegalArgumentException("greedy decoding has width 1, got " + width);
    }
  }

  /** Parses {@code greedy}, {@code beam:k}, {@code parallel:n}, optionally with {@code /no-cache}. */
  public static DecodingStrategy parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("strategy must not be empty (expected greedy, beam:K or parallel:N)");
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    boolean cache = true;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      String suffix = s.substring(slash + 1);
      s = s.substring(0, slash);
      if (suffix.equals("no-cache") || suffix.equals("nocache")) {
        cache = false;
      } else if (!suffix.equals("cache")) {
        throw new IllegalArgumentException("unknown strategy suffix '/" + suffix + "' in '" + text
            + "' (expected /no-cache or /cache)");
      }
    }
    if (s.equals("greedy") || s.equals("sample")) {
      return new DecodingStrategy(Kind.GREEDY, 1, cache);
    }
    int colon = s.indexOf(':');
    String head = colon < 0 ? s : s.substring(0, colon);
    Kind kind = switch (head) {
      case "beam" -> Kind.BEAM;
      case "parallel" -> Kind.PARALLEL;
      default -> throw new IllegalArgumentException(
          "unknown strategy '" + text + "' (expected greedy, beam:K or parallel:N, optionally /no-cache)");
    };
    if (colon < 0) {
      throw new IllegalArgumentException("strategy '" + text + "' needs a width, e.g. " + head + ":4");
    }
    int width;
    try {
      width = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strategy '" + text + "' has a width that is not an integer");
    }
    if (width < 1) {
      throw new IllegalArgumentException("strategy '" + text + "' must have width >= 1, got " + width);
    }
    return new DecodingStrategy(kind, width, cache);
  }

  /** Canonical text form without the cache suffix: greedy, beam:4, parallel:8. */
  public String family() {
    return switch (kind) {
      case GREEDY -> "greedy";
      case BEAM -> "beam:" + width;
      case PARALLEL -> "parallel:" + width;
    };
  }

  /** Canonical text form, parseable by {@link #parse}: e.g. {@code beam:4/no-cache}. */
  @Override
  public String toString() {
    return kvCache ? family() : family() + "/no-cache";
  }
}
