package io.tokenfleet.report.svg;

/**
 * Escaping for HTML and SVG text and attribute values. Every string that comes from input (model
 * names, strategies, trace paths) goes through {@link #escape(String)} before it is written.
 */
public final class Xml {
  private Xml() {}

  /**
   * {@code text} with &amp; &lt; &gt; " ' replaced by entities, and characters that XML 1.0 forbids
   * (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE, U+FFFF) replaced by U+FFFD. The
   * result is safe as element text and inside single- or double-quoted attributes in both HTML and XML.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
              || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
