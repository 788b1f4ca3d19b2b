import { describe, expect, it } from "vitest"
import { CrossFittedRewardModel } from "../../src/evaluation/cross-fitted-reward-model"
import { LinearRewardModel, type RewardModel } from "../../src/evaluation/reward-model"
import type { BanditLog } from "../../src/schema/bandit-log"

/**
 * Ten rounds, two actions, two positions, two numeric features (the second constant 0, whose
 * mean the model's running sum of x/n gets exactly) and one
 * categorical feature of three levels; binary rewards that no coefficient separates exactly.
 */
function handLog(): BanditLog {
  return {
    length: 10,
    nActions: 2,
    nPositions: 2,
    action: Int32Array.of(0, 1, 1, 0, 1, 0, 0, 1, 1, 0),
    position: Int32Array.of(0, 0, 1, 1, 0, 1, 0, 1, 0, 1),
    reward: Float64Array.of(1, 0, 1, 0, 1, 1, 0, 0, 1, 0),
    propensity: new Float64Array(10).fill(0.5),
    featureNames: ["x", "c"],
    context: Float64Array.from([0.5, -1, 2, 0, 1.5, -0.5, 1, -2, 0.25, 0.75].flatMap((v) => [v, 0])),
    categoricalNames: ["g"],
    categorical: Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0),
    categoricalLevels: [["a", "b", "c"]],
    source: "hand",
  }
}

/** The dense design [1, standardised numerics, one-hot levels, one-hot action, one-hot position] of round i with action a. */
function designRow(log: BanditLog, i: number, a: number, mean: number[], scale: number[]): number[] {
  const d = log.featureNames.length
  const row = [1]
  for (let j = 0; j < d; j++) row.push((log.context[i * d + j] - mean[j]) / scale[j])
  log.categoricalLevels.forEach((levels, c) => {
    for (let l = 0; l < levels.length; l++) row.push(log.categorical[i * log.categoricalNames.length + c] === l ? 1 : 0)
  })
  for (let b = 0; b < log.nActions; b++) row.push(b === a ? 1 : 0)
  for (let p = 0; p < log.nPositions; p++) row.push(log.position[i] === p ? 1 : 0)
  return row
}

function moments(log: BanditLog): { mean: number[]; scale: number[] } {
  const d = log.featureNames.length
  const n = log.length
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0
    for (let i = 0; i < n; i++) s += log.context[i * d + j]
    return s / n
  })
  const scale = mean.map((m, j) => {
    let s = 0
    for (let i = 0; i < n; i++) s += (log.context[i * d + j] - m) ** 2
    return s > 0 ? Math.sqrt(s / n) : 1
  })
  return { mean, scale }
}

/** Solves A x = b by Gaussian elimination with partial pivoting (dense, small). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length
  const M = A.map((row, i) => [...row, b[i]])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r
    ;[M[c], M[p]] = [M[p], M[c]]
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c]
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k]
    }
  }
  const x = new Array(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n]
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k]
    x[r] = s / M[r][r]
  }
  return x
}

/** One Newton step of penalised logistic regression (or the ridge solution) from β: β + H⁻¹g. */
function newtonStep(log: BanditLog, beta: number[], lambda: number, logistic: boolean): number[] {
  const { mean, scale } = moments(log)
  const d = beta.length
  const H = Array.from({ length: d }, () => new Array(d).fill(0))
  const g = new Array(d).fill(0)
  for (let i = 0; i < log.length; i++) {
    const x = designRow(log, i, log.action[i], mean, scale)
    const eta = x.reduce((s, v, j) => s + v * beta[j], 0)
    const p = logistic ? 1 / (1 + Math.exp(-eta)) : eta
    const h = logistic ? p * (1 - p) : 1
    for (let j = 0; j < d; j++) {
      g[j] += (log.reward[i] - p) * x[j]
      for (let k = 0; k < d; k++) H[j][k] += h * x[j] * x[k]
    }
  }
  for (let j = 1; j < d; j++) {
    H[j][j] += lambda
    g[j] -= lambda * beta[j]
  }
  const step = solve(H, g)
  return beta.map((b, j) => b + step[j])
}

function predictAll(model: RewardModel, log: BanditLog): number[][] {
  const out = new Float64Array(log.nActions)
  return Array.from({ length: log.length }, (_, i) => {
    model.predictRound(log, i, out)
    return Array.from(out)
  })
}

const sigmoid = (eta: number) => 1 / (1 + Math.exp(-eta))

describe("LinearRewardModel against a dense re-implementation", () => {
  it("ridge: one exact solve of (XᵀX + λI′)β = Xᵀr, with categorical levels, actions and positions", () => {
    const log = handLog()
    const model = new LinearRewardModel({ kind: "ridge", l2: 0.7 }).fit(log)
    expect(model.name).toBe("ridge regression")
    const beta = newtonStep(log, new Array(10).fill(0), 0.7, false)
    const st = model.state_ as NonNullable<LinearRewardModel["state_"]>
    expect(st.coef.length).toBe(10)
    expect(Array.from(st.categoricalOffset)).toEqual([3])
    expect(st.actionOffset).toBe(6)
    expect(st.positionOffset).toBe(8)
    expect(st.iterations).toBe(1)
    for (let j = 0; j < 10; j++) expect(st.coef[j], `coef ${j}`).toBeCloseTo(beta[j], 10)
    const { mean, scale } = moments(log)
    expect(Array.from(st.featureMean)).toEqual(mean.map((m) => expect.closeTo(m, 14)))
    expect(Array.from(st.featureScale)).toEqual(scale.map((s) => expect.closeTo(s, 14)))
    expect(st.featureScale[1]).toBe(1)
    const predicted = predictAll(model, log)
    for (let i = 0; i < 10; i++)
      for (let a = 0; a < 2; a++) {
        const eta = designRow(log, i, a, mean, scale).reduce((s, v, j) => s + v * beta[j], 0)
        expect(predicted[i][a], `round ${i}, action ${a}`).toBeCloseTo(eta, 10)
      }
  })

  it("logistic: Newton's iterations converge to the penalised optimum; one iteration is one step from 0", () => {
    const log = handLog()
    let beta = new Array(10).fill(0)
    for (let it = 0; it < 30; it++) beta = newtonStep(log, beta, 1, true)
    const model = new LinearRewardModel({ kind: "logistic" }).fit(log)
    expect(model.name).toBe("logistic regression")
    const st = model.state_ as NonNullable<LinearRewardModel["state_"]>
    for (let j = 0; j < 10; j++) expect(st.coef[j], `coef ${j}`).toBeCloseTo(beta[j], 9)
    // Newton converges quadratically: a handful of iterations reach a step below 1e-8
    expect(st.iterations).toBeGreaterThan(3)
    expect(st.iterations).toBeLessThan(12)
    const { mean, scale } = moments(log)
    const predicted = predictAll(model, log)
    for (let i = 0; i < 10; i++)
      for (let a = 0; a < 2; a++) {
        const eta = designRow(log, i, a, mean, scale).reduce((s, v, j) => s + v * beta[j], 0)
        expect(predicted[i][a]).toBeCloseTo(sigmoid(eta), 10)
      }
    // the defaults are l2 = 1, maxIterations = 50, tolerance = 1e-8
    const explicit = new LinearRewardModel({ kind: "logistic", l2: 1, maxIterations: 50, tolerance: 1e-8 }).fit(log)
    expect(explicit.state_?.coef).toEqual(st.coef)
    expect(explicit.state_?.iterations).toBe(st.iterations)
    const one = new LinearRewardModel({ kind: "logistic", maxIterations: 1 }).fit(log)
    const first = newtonStep(log, new Array(10).fill(0), 1, true)
    expect(one.state_?.iterations).toBe(1)
    for (let j = 0; j < 10; j++) expect(one.state_?.coef[j]).toBeCloseTo(first[j], 12)
    const two = new LinearRewardModel({ kind: "logistic", maxIterations: 2 }).fit(log)
    const second = newtonStep(log, first, 1, true)
    expect(two.state_?.iterations).toBe(2)
    for (let j = 0; j < 10; j++) expect(two.state_?.coef[j]).toBeCloseTo(second[j], 12)
  })

  it("fits a second feature that varies, zero in some rounds (mean exactly 0), like the dense design", () => {
    // c/10 sums to exactly 0 (each ±0.1, ±0.2 cancels the one before), so rounds with c = 0 have z = 0 and fewer non-zeros
    const c = [1, -1, 0, 2, -2, 0, 1, -1, 0, 0]
    const base = handLog()
    const log = { ...base, context: base.context.map((v, j) => (j % 2 === 1 ? c[(j - 1) / 2] : v)) }
    const { mean, scale } = moments(log)
    expect(mean[1]).toBe(0)
    for (const kind of ["ridge", "logistic"] as const) {
      const model = new LinearRewardModel({ kind, l2: 0.7 }).fit(log)
      const st = model.state_ as NonNullable<LinearRewardModel["state_"]>
      expect(st.featureMean[1]).toBe(0)
      expect(st.featureScale[1]).toBeCloseTo(scale[1], 14)
      let beta = new Array(10).fill(0)
      for (let it = 0; it < (kind === "ridge" ? 1 : 30); it++) beta = newtonStep(log, beta, 0.7, kind === "logistic")
      for (let j = 0; j < 10; j++) expect(st.coef[j], `${kind} coef ${j}`).toBeCloseTo(beta[j], 9)
      const predicted = predictAll(model, log)
      for (let i = 0; i < 10; i++) {
        const eta = designRow(log, i, 1, mean, scale).reduce((t, v, j) => t + v * beta[j], 0)
        expect(predicted[i][1]).toBeCloseTo(kind === "ridge" ? eta : sigmoid(eta), 9)
      }
    }
  })

  it("stops once no coefficient moves more than the tolerance", () => {
    const log = handLog()
    // the first step from 0 moves some coefficient by less than 10: a tolerance of 10 stops after it
    const first = newtonStep(log, new Array(10).fill(0), 1, true)
    const largest = Math.max(...first.map(Math.abs))
    expect(largest).toBeLessThan(10)
    expect(new LinearRewardModel({ kind: "logistic", tolerance: 10 }).fit(log).state_?.iterations).toBe(1)
    // a tolerance just above the largest first step stops after one, just below it after two
    expect(new LinearRewardModel({ kind: "logistic", tolerance: largest * 1.000001 }).fit(log).state_?.iterations).toBe(
      1,
    )
    expect(new LinearRewardModel({ kind: "logistic", tolerance: largest * 0.999999 }).fit(log).state_?.iterations).toBe(
      2,
    )
  })

  it("a level or position the fit never had contributes 0; a refit replaces the previous fit", () => {
    const log = handLog()
    const model = new LinearRewardModel({ kind: "ridge", l2: 0.7 }).fit(log)
    const st = model.state_ as NonNullable<LinearRewardModel["state_"]>
    const out = new Float64Array(2)
    const other = new Float64Array(2)
    // round 0 (level 0, position 0) moved to level 3 and position 2: neither term is added
    const unseen = {
      ...log,
      categorical: Int32Array.of(3, 1, 2, 0, 1, 2, 0, 1, 2, 0),
      position: Int32Array.of(2, 0, 1, 1, 0, 1, 0, 1, 0, 1),
    }
    model.predictRound(log, 0, out)
    model.predictRound(unseen, 0, other)
    for (let a = 0; a < 2; a++) expect(other[a]).toBeCloseTo(out[a] - st.coef[3] - st.coef[8], 12)
    // a log with a second categorical column: the first column's last level stays inside its block
    const twoColumns: BanditLog = {
      ...log,
      categoricalNames: ["g", "h"],
      categorical: Int32Array.from([0, 1, 2, 0, 1, 2, 0, 1, 2, 0].flatMap((g, i) => [g, i % 2])),
      categoricalLevels: [
        ["a", "b", "c"],
        ["u", "v"],
      ],
    }
    const wide = new LinearRewardModel({ kind: "ridge", l2: 0.7 }).fit(twoColumns)
    const ws = wide.state_ as NonNullable<LinearRewardModel["state_"]>
    expect(Array.from(ws.categoricalOffset)).toEqual([3, 6])
    expect(ws.actionOffset).toBe(8)
    const beta = newtonStep(twoColumns, new Array(12).fill(0), 0.7, false)
    for (let j = 0; j < 12; j++) expect(ws.coef[j]).toBeCloseTo(beta[j], 10)
    const { mean, scale } = moments(twoColumns)
    // round 2 has level 2 of g (the block's last) and level 0 of h
    wide.predictRound(twoColumns, 2, out)
    const eta = designRow(twoColumns, 2, 0, mean, scale).reduce((s, v, j) => s + v * beta[j], 0)
    expect(out[0]).toBeCloseTo(eta, 10)
    // level 2 of h is past its block (the action block starts there): it adds nothing
    const past = { ...twoColumns, categorical: Int32Array.from(twoColumns.categorical).fill(2, 5, 6) }
    wide.predictRound(past, 2, other)
    expect(other[0]).toBeCloseTo(out[0] - ws.coef[6], 12)
    // level 3 of g is past g's block (h's first level is there): it adds nothing either
    const pastFirst = { ...twoColumns, categorical: Int32Array.from(twoColumns.categorical).fill(3, 4, 5) }
    wide.predictRound(pastFirst, 2, other)
    expect(other[0]).toBeCloseTo(out[0] - ws.coef[5], 12)
    // refitting on another log replaces the state
    const refit = model.fit(twoColumns)
    expect(refit).toBe(model)
    expect(model.state_?.coef.length).toBe(12)
  })

  it("names bad options and logs", () => {
    expect(() => new LinearRewardModel({ kind: "lasso" as "ridge" })).toThrow(
      'LinearRewardModel: kind must be "logistic" or "ridge", got lasso',
    )
    expect(() => new LinearRewardModel({ kind: "ridge", l2: -1 })).toThrow("LinearRewardModel: l2 must be > 0, got -1")
    expect(() => new LinearRewardModel({ kind: "ridge", l2: Number.NaN })).toThrow("l2 must be > 0, got NaN")
    expect(() => new LinearRewardModel({ kind: "logistic", maxIterations: 1.5 })).toThrow(
      "LinearRewardModel: maxIterations must be a positive integer, got 1.5",
    )
    expect(() => new LinearRewardModel({ kind: "logistic", maxIterations: 0 })).toThrow(
      "maxIterations must be a positive integer, got 0",
    )
    expect(() => new LinearRewardModel({ kind: "logistic", maxIterations: 1 })).not.toThrow()
    expect(() => new LinearRewardModel({ kind: "logistic", tolerance: 0 })).toThrow(
      "LinearRewardModel: tolerance must be > 0, got 0",
    )
    expect(() => new LinearRewardModel({ kind: "logistic", tolerance: Number.NaN })).toThrow("tolerance must be > 0")
    expect(() => new LinearRewardModel({ kind: "ridge" }).fit({ ...handLog(), length: 0 })).toThrow(
      "LinearRewardModel.fit: the log is empty",
    )
    expect(() => new LinearRewardModel({ kind: "ridge" }).predictRound(handLog(), 0, new Float64Array(2))).toThrow(
      "LinearRewardModel.predictRound: call fit first",
    )
    const model = new LinearRewardModel({ kind: "ridge" }).fit(handLog())
    expect(() => model.predictRound({ ...handLog(), nActions: 3 }, 0, new Float64Array(3))).toThrow(
      "LinearRewardModel: fitted on 2 actions, the log has 3",
    )
    // a reward far outside [0, 1] saturates every p after the first step: the intercept's curvature Σ p(1 − p) is 0
    const wild = { ...handLog(), reward: Float64Array.of(1e300, 0, 1, 0, 1, 1, 0, 0, 1, 0) }
    expect(() => new LinearRewardModel({ kind: "logistic" }).fit(wild)).toThrow(
      "LinearRewardModel.fit: the normal equations are not positive definite; increase l2",
    )
    const infinite = { ...handLog(), reward: Float64Array.of(Number.POSITIVE_INFINITY, 0, 1, 0, 1, 1, 0, 0, 1, 0) }
    expect(() => new LinearRewardModel({ kind: "ridge" }).fit(infinite)).toThrow(
      "LinearRewardModel.fit: the fit diverged (non-finite coefficients); increase l2",
    )
  })
})

/** A reward model that predicts, for every action, the mean reward of the log it was fitted on, and keeps that log. */
class MeanModel implements RewardModel {
  readonly name = "mean"
  log: BanditLog | undefined
  fit(log: BanditLog): this {
    this.log = log
    return this
  }
  predictRound(_log: BanditLog, _i: number, out: Float64Array): void {
    const l = this.log as BanditLog
    out.fill(l.reward.reduce((s, r) => s + r, 0) / l.length)
  }
}

/** Seven rounds whose every array holds the round's index (rewards i, context (i, 10 + i), categorical i mod 3). */
function indexLog(): BanditLog {
  return {
    length: 7,
    nActions: 2,
    nPositions: 1,
    action: Int32Array.of(0, 1, 0, 1, 0, 1, 0),
    position: Int32Array.of(0, 1, 2, 3, 4, 5, 6),
    reward: Float64Array.of(0, 1, 2, 3, 4, 5, 6),
    propensity: Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7),
    featureNames: ["x", "y"],
    context: Float64Array.from({ length: 14 }, (_, j) => (j % 2 === 0 ? j / 2 : 10 + (j - 1) / 2)),
    categoricalNames: ["g"],
    categorical: Int32Array.of(0, 1, 2, 0, 1, 2, 0),
    categoricalLevels: [["a", "b", "c"]],
    source: "index",
  }
}

describe("CrossFittedRewardModel with a model that records its training log", () => {
  it("cuts ⌊f·n/k⌋ boundaries and fits each fold's model on the other folds, arrays concatenated in order", () => {
    const log = indexLog()
    const model = new CrossFittedRewardModel(() => new MeanModel(), 3).fit(log)
    expect(model.name).toBe("mean, 3-fold cross-fitted")
    expect(Array.from(model.boundaries_)).toEqual([0, 2, 4, 7])
    const seen = model.models_.map((m) => (m as MeanModel).log as BanditLog)
    const rowsOf = [
      [2, 3, 4, 5, 6],
      [0, 1, 4, 5, 6],
      [0, 1, 2, 3],
    ]
    seen.forEach((l, f) => {
      const rows = rowsOf[f]
      expect(l.length, `fold ${f}`).toBe(rows.length)
      expect(Array.from(l.reward)).toEqual(rows)
      expect(Array.from(l.position)).toEqual(rows)
      expect(Array.from(l.action)).toEqual(rows.map((i) => i % 2))
      expect(Array.from(l.propensity)).toEqual(rows.map((i) => log.propensity[i]))
      expect(Array.from(l.context)).toEqual(rows.flatMap((i) => [i, 10 + i]))
      expect(Array.from(l.categorical)).toEqual(rows.map((i) => i % 3))
      expect(l.featureNames).toEqual(["x", "y"])
      expect(l.nActions).toBe(2)
    })
    // each round is predicted by the model that did not see it: means 4, 3.2 and 1.5
    expect(predictAll(model, log).map((p) => p[0])).toEqual([4, 4, 3.2, 3.2, 1.5, 1.5, 1.5])
  })

  it("takes 3 folds by default, needs 2k rounds and at least 2 integer folds, and predicts only its own log", () => {
    const log = indexLog()
    const byDefault = new CrossFittedRewardModel(() => new MeanModel())
    expect(byDefault.folds).toBe(3)
    expect(() => byDefault.predictRound(log, 0, new Float64Array(2))).toThrow(
      "CrossFittedRewardModel.predictRound: call fit first",
    )
    const two = new CrossFittedRewardModel(() => new MeanModel(), 2).fit(log)
    expect(Array.from(two.boundaries_)).toEqual([0, 3, 7])
    expect(predictAll(two, log).map((p) => p[0])).toEqual([4.5, 4.5, 4.5, 1, 1, 1, 1])
    // 2k rounds exactly are enough; one fewer is refused
    const six = { ...log, length: 6 }
    expect(() => new CrossFittedRewardModel(() => new MeanModel(), 3).fit(six)).not.toThrow()
    expect(() => new CrossFittedRewardModel(() => new MeanModel(), 4).fit(log)).toThrow(
      "CrossFittedRewardModel.fit: 4 folds need at least 8 rounds, the log has 7",
    )
    expect(() => new CrossFittedRewardModel(() => new MeanModel(), 1)).toThrow(
      "CrossFittedRewardModel: folds must be an integer >= 2, got 1",
    )
    expect(() => new CrossFittedRewardModel(() => new MeanModel(), 2.5)).toThrow(
      "CrossFittedRewardModel: folds must be an integer >= 2, got 2.5",
    )
    expect(() => two.predictRound({ ...log }, 0, new Float64Array(2))).toThrow(
      "CrossFittedRewardModel.predictRound: predictions are defined only for the log given to fit",
    )
  })
})
