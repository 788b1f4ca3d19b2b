import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

// Every notebook in notebooks/ is executed in a real Jupyter with the tslab kernel (the same run
// writes the HTML copies under reports/notebooks/). In CI this is mandatory; on a machine
// without Jupyter the suite is skipped with the reason printed.
const runner = require("../../scripts/notebook-runner.js") as {
  findJupyter(): string | null
  ensureTslabKernel(jupyter: string): void
  listNotebooks(): string[]
  executeNotebook(jupyter: string, name: string, outDir: string, timeoutSeconds?: number): Promise<{ ok: boolean; seconds: number; html: string; log: string }>
  root: string
}

const jupyter = runner.findJupyter()
if (!jupyter) {
  if (process.env.CI) throw new Error("CI: Jupyter (jupyter nbconvert) is required to execute the notebooks; .ci/run installs it")
  console.warn("Skipping notebook execution: Jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)")
}
const notebooks = runner.listNotebooks()
const outDir = join(runner.root, "reports", "notebooks")

describe.skipIf(!jupyter)("notebooks execute with the tslab kernel", () => {
  it("finds the notebooks, committed without outputs", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(2)
    for (const name of notebooks) {
      const nb = JSON.parse(readFileSync(join(runner.root, "notebooks", name), "utf8")) as { cells: { cell_type: string; outputs?: unknown[] }[]; metadata: { kernelspec?: { name: string } } }
      expect(nb.metadata.kernelspec?.name, name).toBe("tslab")
      for (const cell of nb.cells) if (cell.cell_type === "code") expect(cell.outputs ?? [], name).toEqual([])
    }
  })

  it.concurrent.each(notebooks)("%s runs without a cell error and plots", { timeout: 900_000 }, async (name) => {
    runner.ensureTslabKernel(jupyter!)
    const r = await runner.executeNotebook(jupyter!, name, outDir)
    if (!r.ok) throw new Error(`${name} failed after ${r.seconds.toFixed(1)} s:\n${r.log.split("\n").slice(-40).join("\n")}`)
    const html = readFileSync(r.html, "utf8")
    expect(html, `${name} shows no plotly figure`).toContain("Plotly.newPlot")
    console.log(`${name}: ${r.seconds.toFixed(1)} s`)
  })
})
