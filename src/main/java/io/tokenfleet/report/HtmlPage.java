package io.tokenfleet.report;

import static io.tokenfleet.report.svg.Xml.escape;

/**
 * The page skeleton both HTML reports share: one self-contained document (inline style, a
 * Content-Security-Policy that forbids scripts and remote loads), the run's context, KPI tiles and
 * sections. Every string from input is escaped here or by the caller ({@code escaped...} arguments).
 */
final class HtmlPage {
  private HtmlPage() {}

  /** Doctype, head and the opening of the page, titled {@code context}'s title, then its context block up to the run's own terms. */
  static void begin(StringBuilder html, ReportContext context) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(context.title())).append("</title>\n")
        .append("<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n<main>\n");
    html.append("<header>\n<h1>").append(escape(context.title())).append("</h1>\n<dl class=\"context\">\n");
    definition(html, "Run date", escape(context.runDate().toString()));
    definition(html, "Scenario", escape(context.scenario()));
    definition(html, "Time model", escape(context.timeModel()));
    StringBuilder paths = new StringBuilder();
    for (String path : context.tracePaths()) {
      paths.append(paths.length() == 0 ? "" : "<br>").append("<code>").append(escape(path)).append("</code>");
    }
    definition(html, "Traces", paths.length() == 0 ? "(none given)" : paths.toString());
  }

  /** Closes the context block opened by {@link #begin}. */
  static void endContext(StringBuilder html) {
    html.append("</dl>\n</header>\n");
  }

  static void end(StringBuilder html) {
    html.append("</main>\n</body>\n</html>\n");
  }

  static void definition(StringBuilder html, String term, String escapedValue) {
    html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escapedValue).append("</dd>\n");
  }

  static void kpi(StringBuilder html, String name, String value, String detail) {
    html.append("<div class=\"kpi\"><div class=\"kpi-name\">").append(escape(name)).append("</div><div class=\"kpi-value\">")
        .append(escape(value)).append("</div><div class=\"kpi-detail\">").append(escape(detail)).append("</div></div>\n");
  }

  static void section(StringBuilder html, String id, String heading, String explanation) {
    html.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n<p class=\"note\">")
        .append(escape(explanation)).append("</p>\n");
  }
}
