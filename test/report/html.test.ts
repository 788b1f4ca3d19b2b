import { describe, expect, it } from "vitest"
import { figureToJson } from "../../src/report/figure"
import { barFigure, lineFigure } from "../../src/report/figures"
import { figureHtml, formatNumber, plotlyText, renderReport, scriptJson } from "../../src/report/html"

describe("renderReport", () => {
  const fig = lineFigure([{ name: "a<b", y: Float64Array.from([1, 2, 3]), lower: [0, 1, 2], upper: [2, 3, 4] }], {
    title: "T",
  })
  const html = renderReport({
    title: "Report & <title>",
    sections: [
      {
        heading: "S",
        paragraphs: ["p"],
        tables: [{ columns: ["x", "y"], rows: [["r", 0.123456]] }],
        figures: [fig, barFigure(["u"], [1], { title: "B" })],
      },
    ],
    provenance: { seed: 1 },
  })

  it("is self-contained: plotly is inlined and no external script or stylesheet is loaded", () => {
    expect(html).toContain('Plotly.newPlot("fig-0"')
    expect(html).toContain('Plotly.newPlot("fig-1"')
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

  it("inline figure JSON cannot end or alter its <script>, and labels are plotly text, not markup", () => {
    const label = '</script><!--<script>alert(1)</script><a href="javascript:alert(2)">x</a> & \u2028'
    const out = figureHtml(barFigure([label], [1], { title: label }), "f")
    const script = out.slice(out.indexOf("<script>") + "<script>".length, out.lastIndexOf("</script>"))
    expect(script).not.toMatch(/[<>&\u2028\u2029]/)
    const json = script.slice(script.indexOf("var f=") + 6, script.indexOf(";Plotly.newPlot"))
    const parsed = JSON.parse(json) as { data: { x: string[] }[]; layout: { title: { text: string } } }
    expect(parsed.data[0].x[0]).toBe(plotlyText(label))
    expect(parsed.layout.title.text).toBe(
      '&lt;/script&gt;&lt;!--&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href="javascript:alert(2)"&gt;x&lt;/a&gt; &amp; \u2028',
    )
    expect(scriptJson('{"a":"</script>&\u2029"}')).toBe('{"a":"\\u003c/script\\u003e\\u0026\\u2029"}')
  })

  it("serialises typed arrays in figures as JSON arrays, with a CI band trace", () => {
    const parsed = JSON.parse(figureToJson(fig)) as { data: { y: number[]; fill?: string }[] }
    expect(parsed.data[0].fill).toBe("toself")
    expect(parsed.data[1].y).toEqual([1, 2, 3])
  })
})
