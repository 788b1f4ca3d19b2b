import { describe, expect, it } from "vitest"
import type { BanditLog } from "../../src/schema/bandit-log"
import { GreedyModelTarget } from "../../src/evaluation/greedy-model-target"
import { LinearRewardModel } from "../../src/evaluation/reward-model"

const log: BanditLog = {
  length: 6,
  nActions: 2,
  nPositions: 1,
  action: Int32Array.of(0, 1, 1, 0, 1, 0),
  position: new Int32Array(6),
  reward: Float64Array.of(1, 0.2, 0.9, 0.4, 1.3, 0.1),
  propensity: new Float64Array(6).fill(0.5),
  featureNames: ["x"],
  context: Float64Array.of(0.5, -1, 2, 0, 1.5, -0.5),
  categoricalNames: [],
  categorical: new Int32Array(0),
  categoricalLevels: [],
  source: "hand",
}

describe("LinearRewardModel", () => {
  it("ridge equals numpy's solve of (XᵀX + λI′)β = Xᵀr", () => {
    // numpy: X = [1, standardised x, 1[a=0], 1[a=1], 1[pos=0]], λ = 0.5 off the intercept
    const model = new LinearRewardModel({ kind: "ridge", l2: 0.5 }).fit(log)
    const expected = [0.6633297, 0.20713174, 1.17359349, 0.50225274, 1.01251654, 0.34117578]
    const out = new Float64Array(2)
    for (let i = 0; i < 6; i++) {
      model.predictRound(log, i, out)
      expect(out[log.action[i]]).toBeCloseTo(expected[i], 7)
    }
    const coef = model.state_?.coef as Float64Array
    expect(coef[0]).toBeCloseTo(0.65, 10)
    expect(coef[1]).toBeCloseTo(0.340639581, 8)
  })

  it("validates options and needs fit before predict", () => {
    expect(() => new LinearRewardModel({ kind: "ridge", l2: 0 })).toThrow(/l2 must be > 0/)
    expect(() => new LinearRewardModel({ kind: "logistic", maxIterations: 0 })).toThrow(/maxIterations/)
    expect(() => new LinearRewardModel({ kind: "ridge" }).predictRound(log, 0, new Float64Array(2))).toThrow(
      /call fit first/,
    )
  })

  it("a greedy policy on the model picks the best predicted action, ε spread uniformly", () => {
    const model = new LinearRewardModel({ kind: "ridge", l2: 0.5 }).fit(log)
    const target = new GreedyModelTarget(model, 2, { epsilon: 0.2 })
    const q = new Float64Array(2)
    const pi = new Float64Array(2)
    model.predictRound(log, 2, q)
    target.actionProbabilities(log, 2, pi)
    const best = q[1] > q[0] ? 1 : 0
    expect(pi[best]).toBeCloseTo(0.9, 15)
    expect(pi[1 - best]).toBeCloseTo(0.1, 15)
    expect(() => new GreedyModelTarget(model, 2, { epsilon: 2 })).toThrow(/epsilon must be in \[0, 1\]/)
  })
})
