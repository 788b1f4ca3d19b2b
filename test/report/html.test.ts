import { describe, expect, it } from "vitest"
import { figureToJson } from "../../src/report/figure"
import { barFigure, lineFigure } from "../../src/report/figures"
import { formatNumber, renderReport } from "../../src/report/html"

describe("renderReport", () => {
  const fig = lineFigure([{ name: "a<b", y: Float64Array.from([1, 2, 3]), lower: [0, 1, 2], upper: [2, 3, 4] }], { title: "T" })
  const html = renderReport({
    title: "Report & <title>",
    sections: [{ heading: "S", paragraphs: ["p"], tables: [{ columns: ["x", "y"], rows: [["r", 0.123456]] }], figures: [fig, barFigure(["u"], [1], { title: "B" })] }],
    provenance: { seed: 1 },
  })

  it("is self-contained: plotly is inlined and no external script or stylesheet is loaded", () => {
    expect(html).toContain("Plotly.newPlot(\"fig-0\"")
    expect(html).toContain("Plotly.newPlot(\"fig-1\"")
    expect(html.length).toBeGreaterThan(1_000_000) // the bundle itself
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).not.toMatch(/<link[^>]+href=/)
  })

  it("escapes text and formats numbers", () => {
    expect(html).toContain("Report &amp; &lt;title&gt;")
    expect(html).toContain("<td>0.1235</td>")
    expect(formatNumber(12)).toBe("12")
    expect(formatNumber(1e-7)).toBe("1.000e-7")
  })

  it("serialises typed arrays in figures as JSON arrays, with a CI band trace", () => {
    const parsed = JSON.parse(figureToJson(fig)) as { data: { y: number[]; fill?: string }[] }
    expect(parsed.data[0].fill).toBe("toself")
    expect(parsed.data[1].y).toEqual([1, 2, 3])
  })
})
