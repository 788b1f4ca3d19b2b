import { describe, expect, it } from "vitest"
import { Ucb1 } from "../../src/bandits"
import { BernoulliArms } from "../../src/simulation/bernoulli"
import { emptyAccumulator } from "../../src/simulation/accumulator"
import { simulationStepsCsv } from "../../src/simulation/steps-csv-file"
import { simulate } from "../../src/simulation/runner"
import {
  MAX_RUNS,
  outputSpaceProblem,
  SIMULATION_MEMORY_LIMIT,
  simulationMemoryBytes,
  simulationSizeProblem,
  stepsCsvBytesBound,
} from "../../src/simulation/size-limits"

describe("simulation size limits", () => {
  it("counts 8·T·(P·(5·2·threads + 7) + 1) bytes, threads limited by the chunks", () => {
    expect(simulationMemoryBytes({ horizon: 1e6, runs: 100, policies: 2, workers: 1 })).toBe(8e6 * (2 * 17 + 1))
    expect(simulationMemoryBytes({ horizon: 1000, runs: 100, policies: 1, workers: 4 })).toBe(8000 * (47 + 1))
    // 3 runs make 3 chunks: at most 3 threads work.
    expect(simulationMemoryBytes({ horizon: 1000, runs: 3, policies: 1, workers: 16 })).toBe(8000 * (37 + 1))
    // One accumulator is 5 Float64 arrays of the horizon.
    const acc = emptyAccumulator(1000)
    expect(
      acc.reward.byteLength +
        acc.reward2.byteLength +
        acc.optimal.byteLength +
        acc.regret.byteLength +
        acc.regret2.byteLength,
    ).toBe(5 * 8 * 1000)
  })

  it("names the field, the limit and what fits", () => {
    expect(simulationSizeProblem({ horizon: 1e12, runs: 10, policies: 1, workers: 1 })).toEqual([
      "horizon",
      "1000000000000 steps × 1 policy × 1 thread need about 144000 GB of memory; the limit is 2.1 GB, which fits at most 14913080 steps",
    ])
    expect(simulationSizeProblem({ horizon: 3e7, runs: 100, policies: 2, workers: 1 })).toEqual([
      "horizon",
      "30000000 steps × 2 policies × 1 thread need about 8.4 GB of memory; the limit is 2.1 GB, which fits at most 7669584 steps",
    ])
    expect(simulationSizeProblem({ horizon: 10, runs: 1e7, policies: 1, workers: 1 })).toEqual([
      "runs",
      "10000000 runs; the limit is 1000000",
    ])
    expect(simulationSizeProblem({ horizon: 7669584, runs: 100, policies: 2, workers: 1 })).toBeNull()
    expect(simulationSizeProblem({ horizon: 7669585, runs: 100, policies: 2, workers: 1 })).not.toBeNull()
    expect(simulationSizeProblem({ horizon: 100, runs: MAX_RUNS, policies: 2, workers: 8 })).toBeNull()
    expect(SIMULATION_MEMORY_LIMIT).toBe(2147483648)
  })
})

describe("steps.csv size bound", () => {
  it("bounds the bytes of a real steps.csv from above, within a factor of 2.5", () => {
    const result = simulate(
      new BernoulliArms([0.7, 0.3, 0.01]),
      [new Ucb1({ arms: 3, name: "ucb, one" }), new Ucb1({ arms: 3, name: "ε" })],
      { horizon: 500, runs: 3, seed: 1 },
    )
    const bytes = Buffer.byteLength(simulationStepsCsv(result))
    const bound = stepsCsvBytesBound(500, [Buffer.byteLength("ucb, one"), Buffer.byteLength("ε")])
    expect(bound).toBeGreaterThanOrEqual(bytes)
    expect(bound).toBeLessThan(2.5 * bytes)
    expect(stepsCsvBytesBound(0, [])).toBe(
      Buffer.byteLength(simulationStepsCsv({ ...result, horizon: 0, policies: [] })),
    )
    expect(outputSpaceProblem(3e9, 1e9)).toBe("steps.csv needs up to 3 GB; 1 GB is free there")
    expect(outputSpaceProblem(1e9, 1e9)).toBeNull()
  })
})
