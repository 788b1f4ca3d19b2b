import { readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { loadOnlineRetail } from "../../src/data/online-retail"
import { runRetailBenchmark, type BenchmarkModelName, type ModelResult } from "../../src/retail/benchmark"
import { retailBenchmarkData } from "../../src/retail/benchmark-split"
import { cleanRetail } from "../../src/retail/cleaning"

// The Online Retail benchmark table of docs/commands/benchmark.md, read from the page itself and
// recomputed (split 2011-09-01, k = 10, seed 0): every printed digit must match, so the table cannot drift.
const PAGE = readFileSync(join(__dirname, "..", "..", "docs", "commands", "benchmark.md"), "utf8")
const ROWS: [string, BenchmarkModelName][] = [
  ["| popularity |", "popularity"],
  ["| item-kNN (cosine, 100 neighbours) |", "itemknn"],
  ["| implicit ALS (64 f, 15 it, α = 10) |", "als"],
  ["| BPR (64 f, 30 epochs) |", "bpr"],
  ["| EASE^R (λ = 500) |", "ease"],
]

function pageRow(prefix: string): string[] {
  const line = PAGE.split("\n").find((l) => l.trim().startsWith(prefix))
  if (!line) throw new Error(`docs/commands/benchmark.md has no benchmark row starting ${prefix}`)
  return line
    .trim()
    .slice(prefix.length)
    .split("|")
    .map((c) => c.trim())
    .filter((c) => c !== "")
}

describe("docs/commands/benchmark.md: the Online Retail benchmark table", () => {
  let results: ModelResult[]
  beforeAll(async () => {
    const data = retailBenchmarkData(cleanRetail(await loadOnlineRetail()), "2011-09-01")
    results = runRetailBenchmark(
      data,
      ROWS.map(([, m]) => m),
      { k: 10, seed: 0 },
    )
  }, 600_000)

  it.each(ROWS)("%s row equals a fresh run", (prefix, model) => {
    const r = results.find((x) => x.name === model)!
    const printed = pageRow(prefix)
    const values = [r.metrics.precision, r.metrics.recall, r.metrics.ndcg, r.metrics.map, r.metrics.hitRate, r.coverage]
    expect(printed).toHaveLength(values.length)
    // Each cell to the digits the page prints.
    values.forEach((v, i) => {
      const digits = printed[i].split(".")[1]?.length ?? 0
      expect(v.toFixed(digits), `${model}, column ${i + 1}`).toBe(printed[i])
    })
  })
})
