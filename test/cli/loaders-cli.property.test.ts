import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { BANDIT, hostile, JSON_CONFIG, RETAIL, YAML } from "../hostile-bytes"
import { sandbox } from "./refusal-sandbox"

// Bad input: a few arbitrary inputs through the real CLI (child processes, so few runs; the
// in-process property tests in test/data/loaders.property.test.ts run many more). The process
// ends with 0 or with one line and status 2, never a stack trace, and writes nothing but its
// own output folder.
const box = sandbox("il-cli-property-")
const RUNS = { numRuns: 3, seed: 13 }

let counter = 0
function survives(bytes: Uint8Array, name: string, args: (file: string, out: string) => string[]): void {
  const id = counter++
  const file = box.file(`${id}-${name}`, bytes)
  const out = `out-${id}`
  const before = box.hash()
  const r = box.run(args(file, out))
  expect(r.stderr).not.toMatch(/^\s+at /m)
  if (r.status === 0) {
    expect(box.hash(out)).toBe(before)
    return
  }
  expect(r.status).toBe(2)
  expect(r.stderr).toMatch(/^interest-lab: [^\n]+\n$/)
  expect(box.exists(out)).toBe(false)
  expect(box.hash()).toBe(before)
}

describe("the CLI on arbitrary bytes", () => {
  it("segments --data", () => {
    fc.assert(
      fc.property(hostile(RETAIL), (bytes) =>
        survives(bytes, "retail.csv", (f, out) => ["segments", "--data", f, "--k", "2", "--out", out]),
      ),
      RUNS,
    )
  })

  it("evaluate --log", () => {
    fc.assert(
      fc.property(hostile(BANDIT), (bytes) =>
        survives(bytes, "log.csv", (f, out) => [
          "evaluate",
          "--log",
          f,
          "--format",
          "csv",
          "--target",
          "uniform",
          "--bootstrap",
          "0",
          "--quiet",
          "--out",
          out,
        ]),
      ),
      RUNS,
    )
  })

  it("simulate --config and world --config", () => {
    fc.assert(
      fc.property(hostile(YAML), (bytes) =>
        survives(bytes, "sim.yaml", (f, out) => ["simulate", "--config", f, "--out", out]),
      ),
      RUNS,
    )
    fc.assert(
      fc.property(hostile(JSON_CONFIG), (bytes) =>
        survives(bytes, "world.json", (f, out) => ["world", "--config", f, "--csv-only", "--quiet", "--out", out]),
      ),
      RUNS,
    )
  })
})
