import { describe, expect, it } from "vitest"
import { recordHtml } from "../../src/report"

const runner = require("../../scripts/notebook-runner.js") as {
  recordedValues(nb: { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }): Record<string, number>
  numberCells(nb: {
    cells: {
      cell_type: string
      execution_count?: number | null
      outputs?: { output_type: string; execution_count?: number | null }[]
    }[]
  }): void
  selfContained(html: string): string
}

describe("record: values a notebook's prose relies on", () => {
  it("round-trips through a notebook output to the runner, across cells", () => {
    const nb = {
      cells: [
        { outputs: [{ data: { "text/html": recordHtml({ knee: 4, 'share <&> "x"': 0.25 }) } }] },
        { outputs: [{ data: { "text/html": [recordHtml({ lift: 8.53 })] } }, { data: { "text/plain": "no record" } }] },
      ],
    }
    expect(runner.recordedValues(nb)).toEqual({ knee: 4, 'share <&> "x"': 0.25, lift: 8.53 })
  })

  it("refuses a value that is not a finite number", () => {
    expect(() => recordHtml({ x: NaN })).toThrow("record: x is NaN; a recorded value must be a finite number")
  })
})

describe("notebook copies", () => {
  it("number the executed code cells in order (tslab does not announce execution counts)", () => {
    const nb = {
      cells: [
        { cell_type: "markdown" },
        {
          cell_type: "code",
          execution_count: null,
          outputs: [{ output_type: "execute_result", execution_count: null }],
        },
        { cell_type: "code", execution_count: null, outputs: [] },
      ],
    }
    runner.numberCells(nb)
    expect(nb.cells.map((c) => c.execution_count)).toEqual([undefined, 1, 2])
    expect(nb.cells[1].outputs![0].execution_count).toBe(1)
  })

  it("drop scripts from the machine's file system and inline KaTeX with its fonts", () => {
    const page =
      '<html><head><script src="file:///usr/share/javascript/requirejs/require.min.js"></script>\n<!-- Load mathjax -->\n<script src="file:///usr/share/javascript/mathjax/MathJax.js"> </script>\n<!-- End of mathjax configuration --></head><body>$$x$$</body></html>'
    const out = runner.selfContained(page)
    expect(out).not.toContain("file://")
    expect(out).not.toContain("MathJax")
    expect(out).toContain("renderMathInElement")
    expect(out).toContain("data:font/woff2;base64,")
    expect(out).not.toMatch(/url\(fonts\//)
    // `$$` in the inlined scripts survives (a replacement string would have turned it into `$`).
    expect(out).toContain('left: "$$"')
  })
})
