import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { cli, sandbox, treeHash } from "./sandbox"

// Each too-large request: exit 2 before the work, the exact one-line message naming the field or
// flag, the limit and what fits, and nothing changed in the sandbox.
const box = sandbox("il-sizes-")
afterAll(box.remove)
const dir = box.root
const bernoulli = "environment: { type: bernoulli, probabilities: [0.6, 0.4] }\n"
writeFileSync(join(dir, "huge.yaml"), `${bernoulli}policies: [{ type: ucb1 }]\nhorizon: 1000000000000\nruns: 10\n`)
writeFileSync(
  join(dir, "two.yaml"),
  `${bernoulli}policies: [{ type: ucb1 }, { type: thompson }]\nhorizon: 100\nruns: 10\n`,
)
writeFileSync(join(dir, "runs.yaml"), `${bernoulli}policies: [{ type: ucb1 }]\nhorizon: 10\nruns: 10000000\n`)
writeFileSync(join(dir, "padded.yaml"), `${bernoulli}policies: [{ type: ucb1 }]\nhorizon: 10\n${"#".repeat(2 << 20)}\n`)
// 17 items bought together in 20 of 1000 invoices: 2^17 − 1 itemsets at support 0.02.
const retail = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"]
for (let i = 0; i < 1000; i++) {
  const items = i < 20 ? Array.from({ length: 17 }, (_, j) => j) : [17]
  for (const j of items)
    retail.push(
      `${540000 + i},${20000 + j},ITEM ${String(j).padStart(2, "0")},1,2011-01-0${1 + (i % 9)} 10:00,1.5,${13000 + (i % 50)},France`,
    )
}
writeFileSync(join(dir, "retail.csv"), `${retail.join("\n")}\n`)
const log = ["action,position,click,propensity,x"]
for (let i = 0; i < 20000; i++) log.push(`${i % 4},0,${i % 9 === 0 ? 1 : 0},0.25,${(i % 7) - 3}`)
writeFileSync(join(dir, "log.csv"), `${log.join("\n")}\n`)

const cases: [string, string[], string][] = [
  [
    "a horizon of 1e12 in the config",
    ["simulate", "--config", "huge.yaml", "--out", "out"],
    "huge.yaml: field 'horizon': 1000000000000 steps × 1 policy × 1 thread need about 144000 GB of memory; the limit is 2.1 GB, which fits at most 14913080 steps",
  ],
  [
    "--horizon 3e7, blaming the flag",
    ["simulate", "--config", "two.yaml", "--horizon", "3e7", "--out", "out"],
    "--horizon: 30000000 steps × 2 policies × 1 thread need about 8.4 GB of memory; the limit is 2.1 GB, which fits at most 7669584 steps",
  ],
  [
    "1e7 runs in the config",
    ["simulate", "--config", "runs.yaml", "--out", "out"],
    "runs.yaml: field 'runs': 10000000 runs; the limit is 1000000",
  ],
  [
    "--runs 1e7, blaming the flag",
    ["simulate", "--config", "two.yaml", "--runs", "10000000", "--out", "out"],
    "--runs: 10000000 runs; the limit is 1000000",
  ],
  [
    "a config file of 2 MiB",
    ["simulate", "--config", "padded.yaml", "--out", "out"],
    "padded.yaml: the config file has 2097252 bytes; the limit is 1048576 (1 MiB)",
  ],
  [
    "--config /dev/zero",
    ["world", "--config", "/dev/zero", "--out", "out"],
    "--config: '/dev/zero' is not a regular file or folder",
  ],
  [
    "--data /dev/zero",
    ["segments", "--data", "/dev/zero", "--out", "out"],
    "--data: '/dev/zero' is not a regular file or folder",
  ],
  [
    "--log /dev/zero",
    ["evaluate", "--log", "/dev/zero", "--target", "uniform", "--out", "out"],
    "--log: '/dev/zero' is not a regular file or folder",
  ],
  [
    "--bootstrap 1e9",
    ["evaluate", "--log", "log.csv", "--target", "uniform", "--bootstrap", "1000000000", "--out", "out"],
    "--bootstrap: 1000000000 resamples; the limit is 1000000",
  ],
  [
    "--bootstrap 1e6 on 20000 rounds",
    ["evaluate", "--log", "log.csv", "--target", "uniform", "--bootstrap", "1000000", "--out", "out"],
    "--bootstrap: 1000000 resamples × 20000 rounds × 6 estimators = 1.2e+11 resampled rounds; the limit is 1e+10, which fits at most 83333 resamples",
  ],
  [
    "a support that makes too many itemsets",
    ["basket", "--data", "retail.csv", "--min-support", "0.01", "--out", "out"],
    "--min-support: 0.01 gives more than 100000 frequent itemsets (the limit); 0.05 fits (1 itemset)",
  ],
]

describe("sizes are refused up front", () => {
  for (const [what, args, message] of cases) {
    it(`${args[0]} refuses ${what}`, () => {
      const before = treeHash(dir)
      const r = cli([...args, ...(args[0] === "evaluate" ? ["--quiet"] : [])], { cwd: dir })
      expect(r.stderr).toBe(`interest-lab: ${message}\n`)
      expect(r.status).toBe(2)
      expect(treeHash(dir)).toBe(before)
    }, 60_000)
  }

  it("what fits runs: the support the message names", () => {
    const r = cli(["basket", "--data", "retail.csv", "--min-support", "0.05", "--out", "fits"], { cwd: dir })
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^basket: 1000 baskets, 1 itemsets, 0 rules → /)
  }, 60_000)
})
