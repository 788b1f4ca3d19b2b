import { describe, expect, it } from "vitest"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { sliceBanditLog } from "../../src/schema/bandit-log"
import { CrossFittedRewardModel } from "../../src/evaluation/cross-fitted-reward-model"
import { evaluateOffPolicy } from "../../src/evaluation/off-policy-evaluation"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

describe("CrossFittedRewardModel", () => {
  const rng = createRng(5)
  const problem = new SyntheticBanditProblem({ nActions: 3, nPositions: 2, nFeatures: 2 }, rng)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: 6 }, () => normal(rng)),
    3,
    2,
    { epsilon: 0.3 },
  )
  const make = (): LinearRewardModel => new LinearRewardModel({ kind: "logistic" })

  it("predicts each fold with the model fitted on the other folds", () => {
    const log = problem.sampleLog(90, logging, createRng(6))
    const model = new CrossFittedRewardModel(make, 3).fit(log)
    // fold 1 = rounds 30..59: its model is fitted on rounds 0..29 and 60..89
    const manual = make().fit(concat(log))
    const a = new Float64Array(3)
    const b = new Float64Array(3)
    model.predictRound(log, 45, a)
    manual.predictRound(log, 45, b)
    for (let k = 0; k < 3; k++) expect(a[k]).toBeCloseTo(b[k], 12)
    expect(() => model.predictRound(sliceBanditLog(log, 0, 10), 0, a)).toThrow(/only for the log given to fit/)
    expect(() => new CrossFittedRewardModel(make, 1)).toThrow(/folds must be an integer >= 2/)

    function concat(l: typeof log) {
      const first = sliceBanditLog(l, 0, 30)
      const last = sliceBanditLog(l, 60, 90)
      const join = <T extends Int32Array | Float64Array>(x: T, y: T, make: (n: number) => T): T => {
        const out = make(x.length + y.length)
        out.set(x as never)
        out.set(y as never, x.length)
        return out
      }
      return {
        ...first,
        length: 60,
        action: join(first.action, last.action, (n) => new Int32Array(n)),
        position: join(first.position, last.position, (n) => new Int32Array(n)),
        reward: join(first.reward, last.reward, (n) => new Float64Array(n)),
        propensity: join(first.propensity, last.propensity, (n) => new Float64Array(n)),
        context: join(first.context, last.context, (n) => new Float64Array(n)),
      }
    }
  })

  it("cross-fitted DR stays unbiased on synthetic logs", () => {
    const target = new LinearSoftmaxPolicy("target", problem.theta, 3, 2, { temperature: 0.5, epsilon: 0.05 })
    const truth = problem.policyValue(target, 100_000, createRng(7))
    const values: number[] = []
    for (let run = 0; run < 60; run++) {
      const log = problem.sampleLog(1500, logging, createRng(8, run))
      values.push(
        evaluateOffPolicy(log, target, { estimators: ["dr"], rng: createRng(9, run), resamples: 0, crossFitFolds: 3 })
          .estimates.dr.value,
      )
    }
    const mean = values.reduce((s, x) => s + x, 0) / values.length
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1))
    expect(Math.abs(mean - truth)).toBeLessThan((3 * sd) / Math.sqrt(values.length))
  })
})
