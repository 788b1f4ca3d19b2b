import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import {
  BanditLogBuilder,
  checkBanditLog,
  concatBanditLogs,
  type BanditLog,
  type BanditLogSchema,
} from "../../src/schema/bandit-log"
import { loadBanditCsv } from "../../src/data/bandit-log-csv"
import { MIN_PROPENSITY } from "../../src/schema/bandit-log-fields"
import { ContextFreeTarget, readContextFreeTarget } from "../../src/evaluation/context-free-target"
import { evaluateOffPolicy } from "../../src/evaluation/off-policy-evaluation"
import { createRng } from "../../src/random/rng"
import { tempDir } from "../temp-dir"

const dir = tempDir("bandit-log-")
function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const schema: BanditLogSchema = {
  nActions: 2,
  nPositions: 1,
  featureNames: [],
  categoricalNames: [],
  categoricalLevels: [],
  source: "hand",
}
const round = (action: number, reward: number, propensity: number) => ({
  action,
  position: 0,
  reward,
  propensity,
  context: new Float64Array(0),
  categorical: new Int32Array(0),
})

/** A two-action log of rounds (action, reward, propensity), built without the builder's checks. */
function rawLog(rounds: [number, number, number][]): BanditLog {
  return {
    length: rounds.length,
    nActions: 2,
    nPositions: 1,
    action: Int32Array.from(rounds, (r) => r[0]),
    position: new Int32Array(rounds.length),
    reward: Float64Array.from(rounds, (r) => r[1]),
    propensity: Float64Array.from(rounds, (r) => r[2]),
    featureNames: [],
    context: new Float64Array(0),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "hand",
  }
}

const uniform = new ContextFreeTarget("uniform", 2, 1, Float64Array.from([0.5, 0.5]))

describe("BanditLogBuilder and evaluateOffPolicy refuse rounds that would give Infinity or NaN", () => {
  it.each([
    [
      round(0, 1, 0),
      "BanditLogBuilder.push: round 0 of hand: propensity 0 is not in [2.2250738585072014e-308, 1] (it must be > 0 and not denormal)",
    ],
    [
      round(0, 1, 5e-324),
      "BanditLogBuilder.push: round 0 of hand: propensity 5e-324 is not in [2.2250738585072014e-308, 1] (it must be > 0 and not denormal)",
    ],
    [round(0, 1, 1.5), "propensity 1.5 is not in"],
    [round(2, 1, 0.5), "BanditLogBuilder.push: round 0 of hand: action 2 is not an integer in 0..1"],
    [round(-1, 1, 0.5), "action -1 is not an integer in 0..1"],
    [round(0, NaN, 0.5), "reward NaN is not a finite number"],
  ])("push %j throws", (r, message) => {
    expect(() => new BanditLogBuilder().push(r, schema)).toThrow(message)
  })

  it("evaluateOffPolicy throws on propensity 0 and on an action out of range, naming the round", () => {
    const options = { estimators: ["ipw", "snipw", "dr"], rng: createRng(1), resamples: 10 }
    expect(() =>
      evaluateOffPolicy(
        rawLog([
          [0, 1, 0.5],
          [1, 0, 0],
        ]),
        uniform,
        options,
      ),
    ).toThrow("hand: round 1: propensity 0 is not in")
    expect(() =>
      evaluateOffPolicy(
        rawLog([
          [0, 1, 0.5],
          [5, 0, 0.5],
        ]),
        uniform,
        options,
      ),
    ).toThrow("hand: round 1: action 5 is not an integer in 0..1")
    expect(() => checkBanditLog(rawLog([[0, 1, MIN_PROPENSITY]]))).not.toThrow()
  })

  it("clipWeights caps every weight π/p: IPW = mean(min(π/p, c)·r) by hand", () => {
    const log = rawLog([
      [0, 1, 0.001],
      [1, 1, 0.5],
      [0, 0, 0.5],
      [1, 1, 0.999],
    ])
    const result = evaluateOffPolicy(log, uniform, {
      estimators: ["ipw"],
      rng: createRng(1),
      resamples: 0,
      clipWeights: 10,
    })
    expect(result.estimates.ipw.value).toBeCloseTo((10 * 1 + 1 * 1 + 0 + (0.5 / 0.999) * 1) / 4, 12)
    expect(result.weights.maxWeight).toBe(10)
    const unclipped = evaluateOffPolicy(log, uniform, { estimators: ["ipw"], rng: createRng(1), resamples: 0 })
    expect(unclipped.estimates.ipw.value).toBeCloseTo((500 + 1 + 0 + 0.5 / 0.999) / 4, 9)
    expect(() => evaluateOffPolicy(log, uniform, { estimators: ["ipw"], rng: createRng(1), clipWeights: 0 })).toThrow(
      "clipWeights must be a number > 0, got 0",
    )
  })
})

describe("sparse action ids", () => {
  it("are mapped to dense indices in ascending id order, and a target file uses the file's ids", async () => {
    const log = await loadBanditCsv(
      file("sparse.csv", "action,reward,propensity\n2000000000,1,0.5\n7,0,0.5\n2000000000,0,0.5\n7,1,0.5\n"),
    )
    expect(log.nActions).toBe(2)
    expect(Array.from(log.action)).toEqual([1, 0, 1, 0])
    expect(log.actionIds).toEqual([7, 2000000000])
    const target = await readContextFreeTarget(
      file("t.csv", "item_id,position,probability\n2000000000,0,1\n"),
      log.nActions,
      log.nPositions,
      "t.csv",
      log.actionIds,
    )
    expect(Array.from(target.probabilities)).toEqual([0, 1])
    await expect(
      readContextFreeTarget(file("t2.csv", "item_id,position,probability\n8,0,1\n"), 2, 1, "t2.csv", log.actionIds),
    ).rejects.toThrow("t2.csv:2:item_id: item_id 8 is not an action of the log (2 distinct ids, from 7 to 2000000000)")
    const dense = await loadBanditCsv(file("dense.csv", "action,reward,propensity\n1,1,0.5\n0,0,0.5\n"))
    expect(dense.actionIds).toBeUndefined()
    expect(Array.from(dense.action)).toEqual([1, 0])
  })

  it("a denormal propensity is a file:row:column error", async () => {
    const path = file("denormal.csv", "action,reward,propensity\n0,1,0.5\n1,0,5e-324\n")
    await expect(loadBanditCsv(path)).rejects.toThrow(
      `${path}:3:propensity: propensity '5e-324' is below 2.2250738585072014e-308 (a denormal number): its importance weight 1/p is not finite`,
    )
  })
})

describe("concatBanditLogs", () => {
  const log = (source: string, levels: string[], codes: number[]): BanditLog => ({
    length: codes.length,
    nActions: 3,
    nPositions: 1,
    action: Int32Array.from(codes, (_, i) => i % 3),
    position: new Int32Array(codes.length),
    reward: Float64Array.from(codes, (_, i) => i % 2),
    propensity: new Float64Array(codes.length).fill(1 / 3),
    featureNames: ["x"],
    context: Float64Array.from(codes, (_, i) => i / 10),
    categoricalNames: ["device"],
    categorical: Int32Array.from(codes),
    categoricalLevels: [levels],
    source,
  })

  it("appends the rounds and remaps categorical codes onto the merged levels", () => {
    const a = log("a.csv", ["mobile", "desktop"], [0, 1, 1])
    const b = log("b.csv", ["tablet", "mobile"], [0, 1])
    const pooled = concatBanditLogs([a, b])
    expect(pooled.length).toBe(5)
    expect(pooled.source).toBe("a.csv + b.csv")
    expect(pooled.categoricalLevels).toEqual([["mobile", "desktop", "tablet"]])
    expect(Array.from(pooled.categorical, (c) => pooled.categoricalLevels[0][c])).toEqual([
      "mobile",
      "desktop",
      "desktop",
      "tablet",
      "mobile",
    ])
    expect(Array.from(pooled.action)).toEqual([0, 1, 2, 0, 1])
    expect(Array.from(pooled.context)).toEqual([0, 0.1, 0.2, 0, 0.1])
    checkBanditLog(pooled)
  })

  it("refuses logs of different problems", () => {
    const a = log("a.csv", ["mobile"], [0])
    expect(() => concatBanditLogs([a, { ...a, nActions: 4, source: "b.csv" }])).toThrow(
      "concatBanditLogs: b.csv has 4 actions × 1 positions, a.csv 3 × 1",
    )
    expect(() => concatBanditLogs([a, { ...a, featureNames: ["y"], source: "b.csv" }])).toThrow("other context columns")
  })
})
