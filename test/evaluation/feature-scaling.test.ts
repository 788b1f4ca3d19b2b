import { describe, expect, it } from "vitest"
import { columnScaling } from "../../src/evaluation/feature-scaling"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import type { BanditLog } from "../../src/schema/bandit-log"

/** n rounds, two actions, columns [varying, 0.1 everywhere]. */
function log(n: number, constant = 0.1): BanditLog {
  const context = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    context[2 * i] = (i % 7) - 3
    context[2 * i + 1] = constant
  }
  return {
    length: n,
    nActions: 2,
    nPositions: 1,
    action: Int32Array.from({ length: n }, (_, i) => i % 2),
    position: new Int32Array(n),
    reward: Float64Array.from({ length: n }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0)),
    propensity: new Float64Array(n).fill(0.5),
    featureNames: ["x", "c"],
    context,
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "test",
  }
}

describe("columnScaling", () => {
  it("gives each column its mean and population standard deviation", () => {
    const { mean, scale } = columnScaling(Float64Array.of(1, 10, 2, 20, 3, 30, 4, 40), 4, 2)
    expect(Array.from(mean)).toEqual([2.5, 25])
    expect(scale[0]).toBeCloseTo(Math.sqrt(1.25), 15)
    expect(scale[1]).toBeCloseTo(Math.sqrt(125), 13)
  })

  it("gives a constant column its value as mean and scale 1, where the summed mean is off by rounding", () => {
    const n = 1000
    let summed = 0
    for (let i = 0; i < n; i++) summed += 0.1 / n
    expect(summed).not.toBe(0.1) // the rounding that used to become the scale (≈ 1.8e-15 here)
    const { mean, scale } = columnScaling(log(n).context, n, 2)
    expect([mean[1], scale[1]]).toEqual([0.1, 1])
    expect(columnScaling(new Float64Array(0), 0, 2)).toEqual({
      mean: new Float64Array(2),
      scale: Float64Array.of(1, 1),
    })
  })

  it("keeps a reward model's predictions finite when a column constant in training changes", () => {
    const train = log(1000)
    const model = new LinearRewardModel({ kind: "ridge" }).fit(train)
    const at = (constant: number) => {
      const out = new Float64Array(2)
      model.predictRound(log(1000, constant), 5, out)
      return Array.from(out)
    }
    // the column is 0 in every training row, so its coefficient is 0 and another value changes nothing
    expect(at(0.3)).toEqual(at(0.1))
    expect(Math.abs(at(0.3)[0])).toBeLessThan(1)
  })
})
