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
    .map(
      (r) => `<tr>${r.map((c) => `<td>${escapeHtml(typeof c === "number" ? formatNumber(c) : c)}</td>`).join("")}</tr>`,
    )
    .join("\n")
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>` : ""
  // The wrapper scrolls a wide table inside the page (in reports and in notebooks alike).
  return `<div class="table-wrap" style="overflow-x:auto;max-width:100%"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
}

/**
 * The `<div>` and script that draw one figure, given the page already defines `Plotly`. Every
 * string of the figure is shown as text (see `plotlyText`), and the JSON is safe inside `<script>`
 * (see `scriptJson`), whatever labels the data holds.
 */
export function figureHtml(figure: Figure, id: string): string {
  const json = scriptJson(figureToJson(figure, plotlyText))
  return `<div id="${id}" class="figure"></div>\n<script>(function(){var f=${json};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true});})();</script>`
}

/**
 * JSON text made safe to inline in a `<script>` element: `<`, `>` and `&` become `\u003c`,
 * `\u003e`, `\u0026` (so no `</script>`, `<!--` or `]]>` can end or alter the element), and U+2028
 * and U+2029 are escaped (older JavaScript parsers end a line at them). Same value once parsed.
 * @example scriptJson('{"a":"</script>"}') // '{"a":"\u003c/script\u003e"}'
 * @internal
 */
export function scriptJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
}

/**
 * A string as plotly shows it literally: plotly reads `<b>`, `<br>`, `<a href>`… in labels as
 * markup (a live link from the data), but decodes `&lt;`, `&gt;` and `&amp;` to plain characters.
 * @example plotlyText("<a href=x>") // "&lt;a href=x&gt;"
 * @internal
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
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
