import { requireOptional } from "../config/optional-package"
import { escapeHtml } from "./escape"
import { formatNumber } from "./html"

/** Values a notebook records: each a number its prose quotes. */
export type RecordedValues = Record<string, number>

/**
 * The HTML that records named values in a notebook's output: a small visible table, and the
 * values as JSON in its `data-il-record` attribute, which the notebook runner reads back from the
 * executed notebook so that the notebook test can assert them against the numbers the prose
 * quotes (the pattern of scrapbook's `glue` in Microsoft Recommenders' notebook tests).
 * @example recordHtml({ epsilonGreedyOptimalRate: 0.4 })
 */
export function recordHtml(values: RecordedValues): string {
  for (const [name, v] of Object.entries(values)) {
    if (!Number.isFinite(v)) throw new Error(`record: ${name} is ${v}; a recorded value must be a finite number`)
  }
  const rows = Object.entries(values)
    .map(([name, v]) => `<tr><td>${escapeHtml(name)}</td><td>${escapeHtml(formatNumber(v))}</td></tr>`)
    .join("")
  return `<table class="il-record" data-il-record="${escapeHtml(JSON.stringify(values))}"><caption>Recorded for the notebook test</caption>${rows}</table>`
}

/**
 * Records named values in a tslab notebook (see `recordHtml`); the notebook test checks them.
 * @example record({ knee: 4, bestSilhouetteK: 2 })
 */
export function record(values: RecordedValues): void {
  requireOptional<{ display: { html(s: string): void } }>("tslab", "record").display.html(recordHtml(values))
}
