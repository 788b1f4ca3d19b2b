import { describe, expect, it } from "vitest"
import {
  EstimatedBehaviorPolicy,
  propensityCalibration,
  withEstimatedPropensities,
} from "../../src/evaluation/behavior-policy"
import { denseMatrix } from "../../src/linalg/matrix"
import type { BanditLog } from "../../src/schema/bandit-log"
import type { TargetPolicy } from "../../src/schema/target-policy"
import { LogisticRegression } from "../../src/text/logistic-regression"

// The estimated behaviour policy on eight hand-made rounds: its design row (standardised numeric features, one-hot
// categorical levels, one-hot positions) written out here, its coefficients compared with `LogisticRegression`
// fitted on that hand-built matrix, and its probabilities with that model's own `predictProba`. Eight rounds keep
// the means and variances exact in binary floating point: x₀ = 0..7 has mean 3.5 and variance 42/8 = 5.25,
// x₁ = x₀ mod 2 mean 0.5 and variance 0.25; x₂ = 2 is constant.

/**
 * A log of n rounds with features (x₀ = i + shift, x₀ mod 2, 2), a categorical column of levels a, b, c with the
 * given codes and a second one of levels u, v with code ⌊x₀/2⌋ mod 2.
 */
function designLog(
  actions: number[],
  codes: number[],
  positions: number[],
  nActions: number,
  nPositions: number,
  shift = 0,
): BanditLog {
  const n = actions.length
  return {
    length: n,
    nActions,
    nPositions,
    action: Int32Array.from(actions),
    position: Int32Array.from(positions),
    reward: new Float64Array(n),
    propensity: new Float64Array(n).fill(1 / nActions),
    featureNames: ["x0", "x1", "x2"],
    context: Float64Array.from({ length: 3 * n }, (_, j) => [j / 3 + shift, ((j - 1) / 3 + shift) % 2, 2][j % 3]),
    categoricalNames: ["c", "d"],
    categorical: Int32Array.from({ length: 2 * n }, (_, j) =>
      j % 2 === 0 ? codes[j / 2] : (((j - 1) / 2 + shift) >> 1) & 1,
    ),
    categoricalLevels: [
      ["a", "b", "c"],
      ["u", "v"],
    ],
    source: "design",
  }
}

/**
 * The design row by hand: (x₀ − 3.5)/√5.25, (x₁ − 0.5)/0.5, 0 for the constant x₂, the first column's one-hot (none
 * past c), the second's, and the position's one-hot (none past `positions`).
 */
function handRow(x0: number, code: number, position: number, positions: number): number[] {
  const row = [(x0 - 3.5) / Math.sqrt(5.25), ((x0 % 2) - 0.5) / 0.5, 0, 0, 0, 0, 0, 0]
  if (code < 3) row[3 + code] = 1
  row[6 + ((x0 >> 1) & 1)] = 1
  for (let p = 0; p < positions; p++) row.push(p === position ? 1 : 0)
  return row
}

const CODES = [0, 1, 2, 0, 1, 2, 0, 1]
const POSITIONS = [0, 1, 0, 1, 0, 1, 0, 1]

describe("EstimatedBehaviorPolicy's fit", () => {
  it("standardises the features (a constant one scaled by 1), counts levels and positions, and fits the design", () => {
    const actions = [0, 1, 2, 0, 2, 2, 1, 1]
    const fitted = new EstimatedBehaviorPolicy({ C: 2 }).fit(designLog(actions, CODES, POSITIONS, 3, 2))
    const st = fitted.state_
    if (st === undefined) throw new Error("not fitted")
    expect(Array.from(st.featureMean)).toEqual([3.5, 0.5, 2])
    expect(Array.from(st.featureScale)).toEqual([Math.sqrt(5.25), 0.5, 1])
    expect([Array.from(st.levels), st.nPositions, st.width, fitted.nActions]).toEqual([[3, 2], 2, 10, 3])
    expect(fitted.name).toBe("behaviour policy fitted by multinomial logistic regression")
    expect(Array.from(st.classes)).toEqual([0, 1, 2])
    const X = denseMatrix(CODES.map((c, i) => handRow(i, c, POSITIONS[i], 2)))
    const lr = new LogisticRegression({ C: 2, maxIter: 1000 }).fit(X, actions)
    expect(Array.from(st.coef)).toEqual(Array.from(lr.coef.data))
    expect(Array.from(st.intercept)).toEqual(Array.from(lr.intercept))
    // a new round: x₀ = 9, level b, position 1
    const round = designLog([0], [1], [1], 3, 2, 9)
    const out = new Float64Array(3)
    fitted.actionProbabilities(round, 0, out)
    const expected = lr.predictProba(denseMatrix([handRow(9, 1, 1, 2)])).data
    expect(Array.from(out)).toEqual(Array.from(expected).map((p) => expect.closeTo(p, 14)))
  })

  it("fits with C = 1 and at most 1000 iterations by default", () => {
    const actions = [0, 1, 2, 0, 2, 2, 1, 1]
    const st = new EstimatedBehaviorPolicy().fit(designLog(actions, CODES, POSITIONS, 3, 2)).state_
    const X = denseMatrix(CODES.map((c, i) => handRow(i, c, POSITIONS[i], 2)))
    const lr = new LogisticRegression({ C: 1, maxIter: 1000 }).fit(X, actions)
    expect(Array.from(st?.coef ?? [])).toEqual(Array.from(lr.coef.data))
    const capped = new EstimatedBehaviorPolicy({ maxIter: 1 }).fit(designLog(actions, CODES, POSITIONS, 3, 2)).state_
    const one = new LogisticRegression({ C: 1, maxIter: 1 }).fit(X, actions)
    expect(Array.from(capped?.coef ?? [])).toEqual(Array.from(one.coef.data))
  })

  it("gives a level unseen in the fit and a position past the fit's no column", () => {
    const actions = [0, 1, 2, 0, 2, 2, 1, 1]
    const fitted = new EstimatedBehaviorPolicy().fit(designLog(actions, CODES, POSITIONS, 3, 2))
    const X = denseMatrix(CODES.map((c, i) => handRow(i, c, POSITIONS[i], 2)))
    const lr = new LogisticRegression({ C: 1, maxIter: 1000 }).fit(X, actions)
    // code 3 is the first level past a, b, c (its column would be the second categorical's u, here 0: x₀ = 6 has v);
    // position 2 the first past the fit's two
    const round = designLog([0, 0], [3, 0], [0, 2], 3, 3, 6)
    const out = new Float64Array(3)
    fitted.actionProbabilities(round, 0, out)
    const unseenLevel = lr.predictProba(denseMatrix([handRow(6, 3, 0, 2)])).data
    expect(Array.from(out)).toEqual(Array.from(unseenLevel).map((p) => expect.closeTo(p, 14)))
    fitted.actionProbabilities(round, 1, out)
    const unseenPosition = lr.predictProba(denseMatrix([handRow(7, 0, 2, 2)])).data
    expect(Array.from(out)).toEqual(Array.from(unseenPosition).map((p) => expect.closeTo(p, 14)))
  })

  it("one position: no position columns", () => {
    const actions = [0, 1, 2, 0, 2, 2, 1, 1]
    const st = new EstimatedBehaviorPolicy().fit(designLog(actions, CODES, new Array(8).fill(0), 3, 1)).state_
    expect([st?.nPositions, st?.width]).toEqual([0, 8])
    const lr = new LogisticRegression().fit(denseMatrix(CODES.map((c, i) => handRow(i, c, 0, 0))), actions)
    expect(Array.from(st?.coef ?? [])).toEqual(Array.from(lr.coef.data))
  })

  it("two actions seen: the binary fit's one row of log-odds, zero for the action never logged", () => {
    const actions = [0, 2, 2, 0, 0, 2, 2, 0]
    const fitted = new EstimatedBehaviorPolicy().fit(designLog(actions, CODES, POSITIONS, 3, 2))
    expect(Array.from(fitted.state_?.classes ?? [])).toEqual([0, 2])
    const lr = new LogisticRegression().fit(denseMatrix(CODES.map((c, i) => handRow(i, c, POSITIONS[i], 2))), actions)
    const out = Float64Array.of(7, 7, 7)
    fitted.actionProbabilities(designLog([0], [2], [0], 3, 2, 6), 0, out)
    const [p0, p2] = lr.predictProba(denseMatrix([handRow(6, 2, 0, 2)])).data
    expect(Array.from(out)).toEqual([expect.closeTo(p0, 14), 0, expect.closeTo(p2, 14)])
  })

  it("takes the softmax against the largest score, so scores of ±1000 give (1, 0, 0) and no overflow", () => {
    const fitted = new EstimatedBehaviorPolicy().fit(designLog([0, 1, 2, 0, 2, 2, 1, 1], CODES, POSITIONS, 3, 2))
    const st = fitted.state_
    if (st === undefined) throw new Error("not fitted")
    fitted.state_ = { ...st, coef: new Float64Array(st.coef.length), intercept: Float64Array.of(1000, 0, -1000) }
    const out = new Float64Array(3)
    fitted.actionProbabilities(designLog([0], [0], [0], 3, 2), 0, out)
    expect(Array.from(out)).toEqual([1, 0, 0])
  })

  it("one action seen: probability 1 on it, 0 elsewhere", () => {
    const fitted = new EstimatedBehaviorPolicy().fit(designLog(new Array(8).fill(1), CODES, POSITIONS, 3, 2))
    expect(Array.from(fitted.state_?.classes ?? [])).toEqual([1])
    const out = Float64Array.of(7, 7, 7)
    fitted.actionProbabilities(designLog([0], [0], [0], 3, 2), 0, out)
    expect(Array.from(out)).toEqual([0, 1, 0])
  })

  it("refuses C ≤ 0 or NaN and a prediction before the fit", () => {
    expect(() => new EstimatedBehaviorPolicy({ C: 0 })).toThrow("EstimatedBehaviorPolicy: C must be > 0, got 0")
    expect(() => new EstimatedBehaviorPolicy({ C: Number.NaN })).toThrow(
      "EstimatedBehaviorPolicy: C must be > 0, got NaN",
    )
    expect(() => new EstimatedBehaviorPolicy({ C: 1e-9 })).not.toThrow()
    expect(() =>
      new EstimatedBehaviorPolicy().actionProbabilities(designLog([0], [0], [0], 3, 2), 0, new Float64Array(3)),
    ).toThrow("EstimatedBehaviorPolicy: call fit first")
  })
})

/** A policy giving round i the distribution `rows[i]`. */
function tablePolicy(rows: number[][]): TargetPolicy {
  return {
    name: "table",
    nActions: rows[0].length,
    actionProbabilities(_log, i, out) {
      out.set(rows[i])
    },
  }
}

describe("withEstimatedPropensities", () => {
  it("replaces each propensity with π̂₀(aᵢ) and names the behaviour policy in the source", () => {
    const log = designLog([1, 0, 1], [0, 0, 0], [0, 0, 0], 2, 1)
    const out = withEstimatedPropensities(
      log,
      tablePolicy([
        [0.1, 0.9],
        [0.35, 0.65],
        [0.5, 0.5],
      ]),
    )
    expect(Array.from(out.propensity)).toEqual([0.9, 0.35, 0.5])
    expect(out.source).toBe("design (propensities estimated: table)")
    expect(out.action).toBe(log.action)
    expect(log.propensity[0]).toBe(0.5)
  })
})

describe("propensityCalibration", () => {
  // rounds: π = (0.1, 0.9) a = 1; (0.35, 0.65) a = 0; (0.5, 0.5) a = 0; (0, 1) a = 1
  const ROWS = [
    [0.1, 0.9],
    [0.35, 0.65],
    [0.5, 0.5],
    [0, 1],
  ]

  it("bins every (round, action) pair by its prediction, the top edge in the last bin", () => {
    const log = designLog([1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], 2, 1)
    const c = propensityCalibration(log, tablePolicy(ROWS), 4)
    // bins of width 1/4: {0.1, 0} no hit; {0.35} hit; {0.65, 0.5, 0.5} one hit; {0.9, 1} two hits (1·4 = 4 → bin 3)
    expect(c.bins).toEqual([
      { meanPredicted: expect.closeTo(0.05, 15), observed: 0, count: 2 },
      { meanPredicted: 0.35, observed: 1, count: 1 },
      { meanPredicted: expect.closeTo(0.55, 15), observed: 1 / 3, count: 3 },
      { meanPredicted: expect.closeTo(0.95, 15), observed: 1, count: 2 },
    ])
    // ECE = (2·0.05 + 1·0.65 + 3·(0.55 − 1/3) + 2·0.05)/8 = 0.1875
    expect(c.expectedCalibrationError).toBeCloseTo(0.1875, 15)
    expect(c.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.35) + Math.log(0.5)) / 4, 15)
  })

  it("uses ten bins by default and leaves the empty ones out", () => {
    const log = designLog([1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0], 2, 1)
    const c = propensityCalibration(log, tablePolicy(ROWS))
    // predictions 0, 0.1, 0.35, 0.5, 0.5, 0.65, 0.9, 1 → bins 0, 1, 3, 5, 6, 9 (1 joins 0.9 in the last)
    expect(c.bins.map((b) => b.count)).toEqual([1, 1, 1, 2, 1, 2])
    expect(c.bins.map((b) => b.meanPredicted)).toEqual([0, 0.1, 0.35, 0.5, 0.65, 0.95])
  })

  it("refuses a bin count that is not a positive integer", () => {
    const log = designLog([1], [0], [0], 2, 1)
    expect(() => propensityCalibration(log, tablePolicy(ROWS), 0)).toThrow(
      "propensityCalibration: bins must be a positive integer, got 0",
    )
    expect(() => propensityCalibration(log, tablePolicy(ROWS), 2.5)).toThrow(
      "propensityCalibration: bins must be a positive integer, got 2.5",
    )
    expect(propensityCalibration(log, tablePolicy(ROWS), 1).bins).toEqual([
      { meanPredicted: 0.5, observed: 0.5, count: 2 },
    ])
  })
})
