import { requireOptional } from "../config/optional-package"
import type { Figure } from "./figure"
import { figureHtml, tableHtml, type ReportTable } from "./html"
import { plotlyScriptTag } from "./plotly-bundle"

/** The part of tslab's display API that the lab uses. */
interface TslabDisplay {
  html(s: string): void
  text(s: string): void
}

interface Tslab {
  display: TslabDisplay
  newDisplay(): TslabDisplay
}

function tslab(): Tslab {
  // Loaded lazily: tslab exists only inside a notebook kernel; importing the lab stays side-effect free.
  return requireOptional<Tslab>("tslab", "Notebook display")
}

let bundleShown = false
let figureCounter = 0

/**
 * Shows plotly figures in a tslab notebook without internet: the plotly bundle is inlined
 * once per kernel (as plotly's own offline mode does), then each figure is a `<div>` and a
 * `Plotly.newPlot` call.
 * @example show(lineFigure([{ name: "reward", y }], { title: "Reward" }))
 */
export function show(...figures: Figure[]): void {
  const parts: string[] = []
  if (!bundleShown) {
    parts.push(plotlyScriptTag())
    bundleShown = true
  }
  for (const f of figures) parts.push(figureHtml(f, `il-fig-${process.pid}-${figureCounter++}`))
  tslab().display.html(parts.join("\n"))
}

/** Shows a table (the same renderer as the HTML reports) in a notebook. */
export function showTable(table: ReportTable): void {
  tslab().display.html(tableHtml(table))
}

/**
 * A notebook progress line that overwrites itself in place (tslab's `newDisplay`), for
 * training loops: `const p = notebookProgress("training"); p.update(3, 10, "loss 0.41")`.
 */
export function notebookProgress(label: string): { update(done: number, total: number, detail?: string): void } {
  const d = tslab().newDisplay()
  return {
    update(done: number, total: number, detail = "") {
      const width = 30
      const filled = total > 0 ? Math.round((width * done) / total) : width
      d.text(`${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${detail}`)
    },
  }
}
