import { escapeHtml } from "./escape"
import { figureToJson, type Figure } from "./figure"
import { plotlyScriptTag } from "./plotly-bundle"

/** A table for a report: header row and body rows of already-formatted cells. */
export interface ReportTable {
  columns: string[]
  rows: (string | number)[][]
  caption?: string
}

/** One section of a report: a heading, optional paragraphs (plain text), tables and figures. */
export interface ReportSection {
  heading: string
  paragraphs?: string[]
  tables?: ReportTable[]
  figures?: Figure[]
}

export interface Report {
  title: string
  subtitle?: string
  sections: ReportSection[]
  /** Key–value provenance printed at the end (seed, versions, command…). */
  provenance?: Record<string, string | number | boolean | null>
}

/** Formats a number for a table: integers as is, others with `digits` significant digits. */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x)
  if (Number.isInteger(x)) return String(x)
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1)
}

export function tableHtml(table: ReportTable): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")
  const body = table.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(typeof c === "number" ? formatNumber(c) : c)}</td>`).join("")}</tr>`)
    .join("\n")
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : ""
  // The wrapper scrolls a wide table inside the page (in reports and in notebooks alike).
  return `<div class="table-wrap" style="overflow-x:auto;max-width:100%"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
}

/** The `<div>` and script that draw one figure, given the page already defines `Plotly`. */
export function figureHtml(figure: Figure, id: string): string {
  const json = figureToJson(figure).replace(/<\//g, "<\\/")
  return `<div id="${id}" class="figure"></div>\n<script>(function(){var f=${json};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true});})();</script>`
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}
th{background:#f4f4f4;vertical-align:bottom}td{white-space:nowrap}td:first-child,th:first-child{text-align:left}caption{caption-side:top;text-align:left;font-weight:600;padding:.3em 0}
.figure{width:100%;height:440px;margin:1em 0}.subtitle{color:#666}.provenance{font-size:.85em;color:#555}`

/**
 * Renders a self-contained HTML report: plotly is inlined, so the file opens from disk offline.
 * @example writeFileSync("report.html", renderReport({ title: "World", sections: [...] }))
 */
export function renderReport(report: Report): string {
  let figureCount = 0
  const sections = report.sections
    .map((s) => {
      const parts = [`<h2>${escapeHtml(s.heading)}</h2>`]
      for (const p of s.paragraphs ?? []) parts.push(`<p>${escapeHtml(p)}</p>`)
      for (const t of s.tables ?? []) parts.push(tableHtml(t))
      for (const f of s.figures ?? []) parts.push(figureHtml(f, `fig-${figureCount++}`))
      return parts.join("\n")
    })
    .join("\n")
  const provenance = report.provenance
    ? `<h2>Provenance</h2>${tableHtml({
        columns: ["key", "value"],
        rows: Object.entries(report.provenance).map(([k, v]) => [k, v === null ? "" : String(v)]),
      })}`
    : ""
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style>
${plotlyScriptTag()}
</head><body>
<h1>${escapeHtml(report.title)}</h1>
${report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : ""}
${sections}
<div class="provenance">${provenance}</div>
</body></html>
`
}
