package io.tokenfleet.report;

/**
 * Makes input strings inert in Markdown: HTML-escapes &amp;, &lt;, &gt; and quotes (Markdown
 * renderers pass raw HTML through), backslash-escapes emphasis, code, link-bracket and strike-through
 * punctuation and table pipes (parentheses need no escape once brackets are escaped), and
 * folds line breaks into spaces so a value stays inside its table cell.
 */
public final class MarkdownText {
  private MarkdownText() {}

  /** {@code text} safe to place in a Markdown paragraph, list item or table cell. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
        case '\n', '\r', '\t' -> out.append(' ');
        default -> out.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
