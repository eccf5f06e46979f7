package io.tokenfleet.report;

/** The inline stylesheet of report.html: system fonts only (no downloads), print-friendly. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS = """
      body { margin: 0; background: #f6f7f9; color: #1d232a;
             font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
      h1 { font-size: 26px; margin: 0 0 12px; }
      h2 { font-size: 19px; margin: 0 0 4px; }
      section { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
      .note { color: #555; margin: 0 0 10px; }
      dl.context { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
      dl.context dt { font-weight: 600; color: #444; }
      dl.context dd { margin: 0; overflow-wrap: anywhere; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
      section.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px;
                     background: transparent; border: 0; padding: 0; }
      .kpi { background: #fff; border: 1px solid #dde1e6; border-radius: 8px; padding: 12px 14px; }
      .kpi-name { color: #555; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
      .kpi-value { font-size: 24px; font-weight: 650; margin: 2px 0; }
      .kpi-detail { color: #555; font-size: 12px; overflow-wrap: anywhere; }
      svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
      .panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 8px 16px; }
      .panels svg.chart { width: 100%; }
      svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                 font-size: 12px; fill: #1d232a; }
      svg text.title { font-size: 14px; font-weight: 600; }
      svg text.tick { font-size: 11px; fill: #555; }
      svg text.value { font-size: 11px; fill: #333; }
      svg text.axis-title { font-size: 12px; fill: #444; }
      svg line.grid { stroke: #e6e8eb; stroke-width: 1; }
      svg line.axis { stroke: #666; stroke-width: 1; }
      svg polyline.line { stroke-width: 2; }
      .table-wrap { overflow-x: auto; }
      table { border-collapse: collapse; font-size: 12px; white-space: nowrap; }
      th, td { border-bottom: 1px solid #e6e8eb; padding: 4px 8px; text-align: left; vertical-align: bottom; }
      th { background: #f0f2f5; position: sticky; top: 0; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .unit { font-weight: 400; color: #666; }
      tbody tr:nth-child(even) { background: #fafbfc; }
      @media print { body { background: #fff; } section { break-inside: avoid; } }
      """;
}
