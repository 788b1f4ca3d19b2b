import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { L1LogisticRegression } from "../../src/text/l1-logistic-regression"
import { LogisticRegression } from "../../src/text/logistic-regression"
import { denseMatrix } from "../../src/linalg/matrix"

// test/text/reference/l1_logistic_reference.py (scikit-learn 1.2.1, saga to tol 1e-12, on Debian) wrote this fixture.
const reference = JSON.parse(readFileSync(join(__dirname, "fixtures/l1-logistic-reference.json"), "utf8")) as {
  X: number[][]
  y: number[]
  fits: { C: number; coef: number[]; intercept: number }[]
}
const X = denseMatrix(reference.X)

describe("L1LogisticRegression vs scikit-learn LogisticRegression(penalty='l1')", () => {
  for (const { C, coef, intercept } of reference.fits) {
    it(`C = ${C}: the same weights (1e-5), intercept and zero pattern`, () => {
      const m = new L1LogisticRegression({ C, tol: 1e-10 }).fit(X, reference.y)
      expect(m.converged).toBe(true)
      coef.forEach((c, j) => {
        expect(Math.abs(m.coef[j] - c), `w[${j}]`).toBeLessThan(1e-5)
        expect(m.coef[j] === 0, `w[${j}] zero`).toBe(Math.abs(c) < 1e-9)
      })
      // With every weight at zero the optimum is the closed form ln(p̄/(1 − p̄)); saga stops 1e-4 short of it there.
      const rate = reference.y.reduce((s, v) => s + v, 0) / reference.y.length
      const expected = coef.every((c) => c === 0) ? Math.log(rate / (1 - rate)) : intercept
      expect(Math.abs(m.intercept - expected)).toBeLessThan(1e-5)
    })
  }

  it("a strong penalty keeps only the intercept: the log-odds of the base rate (closed form)", () => {
    const m = new L1LogisticRegression({ C: 1e-3 }).fit(X, reference.y)
    const rate = reference.y.reduce((s, v) => s + v, 0) / reference.y.length
    expect(Array.from(m.coef).every((c) => c === 0)).toBe(true)
    expect(m.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 6)
  })

  it("beside L2: L1 zeroes weights that L2 only shrinks, at comparable accuracy", () => {
    const l1 = new L1LogisticRegression({ C: 0.1 }).fit(X, reference.y)
    const l2 = new LogisticRegression({ C: 0.1 }).fit(X, reference.y)
    expect(Array.from(l1.coef).filter((c) => c === 0).length).toBeGreaterThanOrEqual(4)
    expect(Array.from(l2.coef.data).filter((c) => c === 0).length).toBe(0)
    const accuracy = (pred: Int32Array) => pred.reduce((s, p, i) => s + (p === reference.y[i] ? 1 : 0), 0) / pred.length
    expect(Math.abs(accuracy(l1.predict(X)) - accuracy(l2.predict(X)))).toBeLessThan(0.05)
  })

  it("names bad input", () => {
    expect(() => new L1LogisticRegression({ C: 0 })).toThrow(
      "L1LogisticRegression: C must be a finite number > 0, got 0",
    )
    expect(() => new L1LogisticRegression().fit(denseMatrix([[0], [1], [2]]), [0, 1, 2])).toThrow(
      "L1LogisticRegression.fit: y must hold exactly two classes, got 3",
    )
    expect(() => new L1LogisticRegression().coef).toThrow("L1LogisticRegression.coef: call fit() first")
    const m = new L1LogisticRegression().fit(X, reference.y)
    expect(() => m.predict(denseMatrix([[1, 2]]))).toThrow(
      "L1LogisticRegression.predictProba: X has 2 columns, the model was fitted on 8",
    )
  })
})
