import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Browser } from "puppeteer-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CHROMIUM, checkPage, launchBrowser } from "./page-check"

// Every report.html the CLI writes, opened in Chromium as a reader would: no console error, every
// plot drawn, no raw LaTeX, no table wider than its container, no clipped axis label. Each page's
// screenshot lands in reports/screenshots/. The CLI runs from the build (npm test builds first).
if (!CHROMIUM && process.env.CI)
  throw new Error("CI: Debian's chromium is required for the browser checks; .ci/run installs it")

const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
const dir = mkdtempSync(join(tmpdir(), "il-browser-"))

function cli(name: string, args: string[]): string {
  const out = join(dir, name)
  const r = spawnSync(process.execPath, [bin, ...args, "--out", out], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(`interest-lab ${args.join(" ")} failed: ${r.stderr}`)
  return join(out, "report.html")
}

const world = join(dir, "world.yaml")
writeFileSync(world, "users: 150\nitems: 80\ndays: 7\nseed: 4\n")

/** One run of each command: the main job exactly as `npm start` runs it, the population-only job, the others small. */
const reports: [string, () => string][] = [
  [
    "report-simulate-personalised",
    () => cli("report-simulate-personalised", ["simulate", "--config", "experiments/personalised-exploration.yaml"]),
  ],
  [
    "report-simulate-ecommerce",
    () => cli("report-simulate-ecommerce", ["simulate", "--config", "experiments/ecommerce-default.yaml"]),
  ],
  ["report-world", () => cli("report-world", ["world", "--config", world, "--quiet"])],
  ["report-segments", () => cli("report-segments", ["segments", "--data", "online-retail", "--k", "4"])],
  [
    "report-basket",
    () =>
      cli("report-basket", [
        "basket",
        "--data",
        "online-retail",
        "--country",
        "France",
        "--min-support",
        "0.07",
        "--exclude",
        "POSTAGE",
      ]),
  ],
  [
    "report-benchmark",
    () =>
      cli("report-benchmark", [
        "benchmark",
        "--data",
        "online-retail",
        "--split",
        "2011-09-01",
        "--models",
        "popularity,itemknn",
        "--k",
        "10",
        "--quiet",
      ]),
  ],
  [
    "report-evaluate",
    () =>
      cli("report-evaluate", [
        "evaluate",
        "--log",
        "data/open-bandit-dataset",
        "--campaign",
        "men",
        "--behavior",
        "random",
        "--target",
        "bts",
        "--estimators",
        "ipw,snipw,dm,dr",
        "--quiet",
      ]),
  ],
]

describe.skipIf(!CHROMIUM)("reports in a browser", () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it.each(reports)("%s: plots drawn, nothing clipped or raw", { timeout: 300_000 }, async (name, make) => {
    const r = await checkPage(browser, make(), name)
    expect(r.problems).toEqual([])
    expect(r.figures).toBeGreaterThan(0)
  })
})

// docs/commands/simulate.md quotes the e-commerce job's interest discovery and CTRs (section
// "Interest discovery"): read from the page and compared, to the digits printed, with the summary.json of the run above.
describe.skipIf(!CHROMIUM)("docs/commands/simulate.md: the e-commerce job's interest discovery", () => {
  const page = readFileSync(join(__dirname, "..", "..", "docs", "commands", "simulate.md"), "utf8").replace(/\s+/g, " ")
  const quoted: [RegExp, string, string][] = [
    [/greedy discovers ≈(\d\.\d+)/, "greedy", "interestDiscovery"],
    [/ε = 0\.1 ≈(\d\.\d+)/, "eps-0.1", "interestDiscovery"],
    [/Thompson ≈(\d\.\d+)/, "thompson", "interestDiscovery"],
    [/LinUCB ≈(\d\.\d+)/, "linucb α=0.5", "interestDiscovery"],
    [/re-weighting ≈(\d\.\d+)/, "feedback re-weighting (per user)", "interestDiscovery"],
    [/with the best CTR, (\d\.\d+)/, "feedback re-weighting (per user)", "ctr"],
    [/random ≈(\d\.\d+) \(CTR/, "random", "interestDiscovery"],
    [/random ≈\d\.\d+ \(CTR (\d\.\d+)\)/, "random", "ctr"],
  ]
  it.each(quoted)("%s", (pattern, policy, metric) => {
    const m = page.match(pattern)
    if (!m) throw new Error(`docs/commands/simulate.md no longer says ${pattern}`)
    const summary = JSON.parse(readFileSync(join(dir, "report-simulate-ecommerce", "summary.json"), "utf8")) as {
      policies: { name: string; [k: string]: unknown }[]
    }
    const p = summary.policies.find((x) => x.name === policy) as { [k: string]: { mean: number } } | undefined
    expect(p, policy).toBeDefined()
    expect(p![metric].mean.toFixed(m[1].split(".")[1].length), `${policy} ${metric}`).toBe(m[1])
  })
})
