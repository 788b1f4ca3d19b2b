import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { barFigure, lineFigure, renderReport, type Report } from "../../src/report"
import { CHROMIUM, checkPage, launchBrowser } from "./page-check"

// The browser check must fail on each defect class it guards against: a deliberately broken page
// per class, next to the same report intact.
const dir = mkdtempSync(join(tmpdir(), "il-page-check-"))

const report: Report = {
  title: "Page check",
  sections: [
    {
      heading: "Figures",
      paragraphs: ["A sentence."],
      tables: [{ columns: ["policy", "reward"], rows: [["a", 0.5]] }],
      figures: [
        lineFigure([{ name: "a", y: [1, 2, 3], lower: [0.5, 1.5, 2.5], upper: [1.5, 2.5, 3.5] }], {
          title: "Line",
          xTitle: "step",
          yTitle: "reward",
        }),
        barFigure(["a rather long category name", "another long category name"], [3, 4], {
          title: "Bars",
          yTitle: "count",
        }),
      ],
    },
  ],
}

function page(name: string, edit: (html: string) => string): string {
  const path = join(dir, `${name}.html`)
  writeFileSync(path, edit(renderReport(report)))
  return path
}

describe.skipIf(!CHROMIUM)("the browser check", () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("passes the intact report", { timeout: 60_000 }, async () => {
    const r = await checkPage(
      browser,
      page("intact", (h) => h),
      "check-intact",
    )
    expect(r.problems).toEqual([])
    expect(r.figures).toBe(2)
  })

  it("draws the Chinese of a seed quote with real glyphs, not missing-glyph boxes", { timeout: 60_000 }, async () => {
    const quote = page("chinese", (h) => h.replace("<p>A sentence.</p>", "<p>探索用户的兴趣，利用已知的兴趣。</p>"))
    const r = await checkPage(browser, quote, "check-chinese")
    expect(r.problems).toEqual([])
  })

  it("fails on a report with a deliberately broken figure", { timeout: 60_000 }, async () => {
    const broken = page("broken-figure", (h) => h.replace('Plotly.newPlot("fig-1"', 'Plotly.newPlotBroken("fig-1"'))
    const r = await checkPage(browser, broken, "check-broken-figure")
    expect(r.problems).toContain("plot container #fig-1 has no rendered SVG")
    expect(r.problems.some((p) => p.startsWith("uncaught exception:") && p.includes("newPlotBroken"))).toBe(true)
  })

  it.each([
    [
      "a console error",
      (h: string) => h.replace("</body>", '<script>console.error("boom")</script></body>'),
      "console error: boom",
    ],
    [
      "raw LaTeX",
      (h: string) => h.replace("<p>A sentence.</p>", () => "<p>$$\\frac{a}{b}$$</p>"),
      'raw $$ left in the text: "',
    ],
    [
      "a table wider than its container",
      (h: string) =>
        h.replace("</body>", `<table><tr>${"<th>a_rather_long_column_name</th>".repeat(60)}</tr></table></body>`),
      'table "a_rather_long_column_name" is',
    ],
    [
      "a clipped axis label",
      (h: string) => h.replace(/"automargin":true/g, '"automargin":false').replace(/"b":50/g, '"b":2'),
      'label "a rather long category name" is clipped',
    ],
  ])("fails on %s", { timeout: 60_000 }, async (name, edit, problem) => {
    const r = await checkPage(browser, page(name.replace(/ /g, "-"), edit), `check-${name.replace(/ /g, "-")}`)
    expect(r.problems.some((p) => p.startsWith(problem))).toBe(true)
  })
})
