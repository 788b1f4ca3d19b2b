import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { Ucb1 } from "../../src/bandits"
import { BernoulliArms } from "../../src/simulation/bernoulli"
import { simulationStepsCsv, simulationStepsCsvBlocks } from "../../src/simulation/steps-csv-file"
import { simulate } from "../../src/simulation/runner"
import { writeSimulationStepsCsv } from "../../src/simulation/steps-csv-file"

const dir = mkdtempSync(join(tmpdir(), "il-steps-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("steps.csv written in blocks", () => {
  it("has the bytes of the whole string, whatever the block size", () => {
    const result = simulate(
      new BernoulliArms([0.7, 0.3]),
      [new Ucb1({ arms: 2, name: 'ucb, "one"' }), new Ucb1({ arms: 2 })],
      { horizon: 7, runs: 3, seed: 1 },
    )
    const whole = simulationStepsCsv(result)
    expect(whole.split("\n")).toHaveLength(1 + 2 * 7 + 1)
    expect(whole.split("\n")[1]).toMatch(/^"ucb, ""one""",1,/)
    for (const rows of [1, 3, 15, 16, 100]) expect([...simulationStepsCsvBlocks(result, rows)].join("")).toBe(whole)
    expect([...simulationStepsCsvBlocks(result, 4)].map((b) => b.split("\n").length - 1)).toEqual([4, 4, 4, 3])
    writeSimulationStepsCsv(join(dir, "steps.csv"), result)
    expect(readFileSync(join(dir, "steps.csv"), "utf8")).toBe(whole)
  })
})
