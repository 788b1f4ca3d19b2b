import { readFileSync } from "node:fs"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"
import { afterAll, describe, expect, it } from "vitest"
import { CHROMIUM, checkPage, launchBrowser } from "../browser/page-check"
import { RECORDED } from "./recorded"

// Every notebook in notebooks/ is executed in a real Jupyter on this checkout's own tslab kernel
// (jupyter/kernels/interest-lab, found through JUPYTER_PATH); the same run writes the executed
// notebooks and their self-contained HTML copies under reports/notebooks/. In CI this is mandatory; on a machine
// without Jupyter the suite is skipped with the reason printed.
const runner = require("../../scripts/notebook-runner.js") as {
  findJupyter(): string | null
  checkKernel(): void
  KERNEL_NAME: string
  listNotebooks(): string[]
  executeNotebook(
    jupyter: string,
    name: string,
    outDir: string,
    timeoutSeconds?: number,
  ): Promise<{ ok: boolean; seconds: number; html: string; log: string; recorded: Record<string, number> }>
  root: string
}

const jupyter = runner.findJupyter()
if (!jupyter) {
  if (process.env.CI)
    throw new Error("CI: Jupyter (jupyter nbconvert) is required to execute the notebooks; .ci/run installs it")
  console.warn(
    "Skipping notebook execution: Jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)",
  )
}
const notebooks = runner.listNotebooks()
const outDir = join(runner.root, "reports", "notebooks")

describe.skipIf(!jupyter)("notebooks execute with the checkout's tslab kernel", () => {
  // Each HTML copy is then opened in Chromium like a report (test/browser): math typeset, plots
  // drawn, no console error; its screenshot goes to reports/screenshots/notebook-<name>.png.
  let browser: Promise<Browser> | null = null
  afterAll(async () => {
    if (browser) await (await browser).close()
  })

  it("finds the notebooks, committed without outputs", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(2)
    for (const name of notebooks) {
      const nb = JSON.parse(readFileSync(join(runner.root, "notebooks", name), "utf8")) as {
        cells: { cell_type: string; outputs?: unknown[] }[]
        metadata: { kernelspec?: { name: string } }
      }
      expect(nb.metadata.kernelspec?.name, name).toBe(runner.KERNEL_NAME)
      for (const cell of nb.cells) if (cell.cell_type === "code") expect(cell.outputs ?? [], name).toEqual([])
    }
  })

  it.concurrent.each(notebooks)("%s runs without a cell error and plots", { timeout: 900_000 }, async (name) => {
    runner.checkKernel()
    const r = await runner.executeNotebook(jupyter!, name, outDir)
    if (!r.ok)
      throw new Error(`${name} failed after ${r.seconds.toFixed(1)} s:\n${r.log.split("\n").slice(-40).join("\n")}`)
    const html = readFileSync(r.html, "utf8")
    expect(html, `${name} shows no plotly figure`).toContain("Plotly.newPlot")
    expect(html, `${name}: the copy loads something from this machine's file system`).not.toMatch(
      /<script[^>]*src="file:/,
    )
    expect(html, `${name}: execution counts`).toContain("In&nbsp;[1]:")
    const expected = RECORDED[name] ?? {}
    expect(
      Object.keys(r.recorded).sort(),
      `${name}: recorded values without an expectation in test/notebooks/recorded.ts, or expected and not recorded`,
    ).toEqual(Object.keys(expected).sort())
    for (const [key, e] of Object.entries(expected)) {
      const got = r.recorded[key]
      if ("value" in e)
        expect(
          Math.abs(got - e.value),
          `${name}: ${key} = ${got}, the prose says ${e.value} (±${e.tol})`,
        ).toBeLessThanOrEqual(e.tol)
      else if ("max" in e) expect(got, `${name}: ${key} = ${got}, the prose says below ${e.max}`).toBeLessThan(e.max)
      else expect(got, `${name}: ${key} = ${got}, the prose says above ${e.min}`).toBeGreaterThan(e.min)
    }
    if (CHROMIUM) {
      browser ??= launchBrowser()
      const page = await checkPage(await browser, r.html, `notebook-${name.replace(/\.ipynb$/, "")}`)
      expect(page.problems, name).toEqual([])
      if (/\$\$/.test(readFileSync(join(runner.root, "notebooks", name), "utf8")))
        expect(page.math, `${name} typesets its formulas`).toBeGreaterThan(0)
    }
    console.log(`${name}: ${r.seconds.toFixed(1)} s`)
  })
})
