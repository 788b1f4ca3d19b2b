import { describe, expect, it } from "vitest"
import { elbowCurve, kneePoint } from "../../src/behavior/elbow"
import { createRng } from "../../src/random/rng"
import { denseMatrix } from "../../src/linalg/matrix"
import data from "./fixtures/kmeans-data.json"

describe("elbow", () => {
  it("the inertia curve decreases with k and its knee is the 4 blobs that generated the data", () => {
    const curve = elbowCurve(denseMatrix(data.X), [1, 2, 3, 4, 5, 6, 7, 8], createRng(3), { nInit: 4 })
    for (let i = 1; i < curve.length; i++) expect(curve[i].inertia).toBeLessThan(curve[i - 1].inertia)
    // k = 1: the inertia is n × total variance.
    const n = data.X.length
    let tss = 0
    for (let j = 0; j < 3; j++) {
      const mean = data.X.reduce((s, r) => s + r[j], 0) / n
      tss += data.X.reduce((s, r) => s + (r[j] - mean) ** 2, 0)
    }
    expect(curve[0].inertia).toBeCloseTo(tss, 8)
    expect(kneePoint(curve)).toBe(4)
  })

  it("finds the knee of a hand-made curve and rejects short or unordered curves", () => {
    expect(
      kneePoint([
        { k: 1, inertia: 100 },
        { k: 2, inertia: 30 },
        { k: 3, inertia: 20 },
        { k: 4, inertia: 15 },
      ]),
    ).toBe(2)
    expect(() =>
      kneePoint([
        { k: 1, inertia: 1 },
        { k: 2, inertia: 0 },
      ]),
    ).toThrow(/at least three/)
    expect(() =>
      kneePoint([
        { k: 1, inertia: 3 },
        { k: 3, inertia: 2 },
        { k: 2, inertia: 1 },
      ]),
    ).toThrow(/increasing/)
    expect(() => elbowCurve(denseMatrix([[1]]), [], createRng(1))).toThrow(/ks must not be empty/)
  })
})
