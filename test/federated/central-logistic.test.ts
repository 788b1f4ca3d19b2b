import { describe, expect, it } from "vitest"
import { generateWorld, simulateEvents } from "../../src/world"
import { clickFeatures } from "../../src/federated/click-features"
import { fitCentralLogistic } from "../../src/federated/central-logistic"

describe("fitCentralLogistic", () => {
  it("matches scikit-learn's LogisticRegression on the world's click data", () => {
    const world = generateWorld({ users: 300, items: 200, seed: 3, days: 10 })
    const data = clickFeatures(world, simulateEvents(world).events)
    expect([data.n, data.d]).toEqual([9088, 23])
    const fit = fitCentralLogistic(data, { l2: 1e-3 })
    // sklearn 1.2 LogisticRegression(C=1/(n·λ), tol=1e-12, solver="lbfgs") on the same rows (dumped to CSV):
    const coef = [
      -1.120137, 0.013417, 0.731237, -0.048867, 0.254546, -0.246434, -0.35903, 0.541648, -0.214023, 0.046087, -0.014061,
      0.253378, -0.03088, -0.31669, 0.295495, 0.198986, -0.154069, 0.033394, -0.03912, 0.006134, 0.140199, -0.220063,
      0.095511,
    ]
    coef.forEach((c, j) => expect(Math.abs(fit.weights[j] - c)).toBeLessThan(3e-4))
    expect(Math.abs(fit.weights[23] - -1.648977)).toBeLessThan(3e-4)
    expect(fit.iterations).toBeLessThan(20)
  })

  it("refuses a negative l2", () => {
    expect(() => fitCentralLogistic({ n: 1, d: 1, x: new Float64Array(1), y: new Uint8Array(1) }, { l2: -1 })).toThrow(
      /l2 must be a finite number >= 0/,
    )
  })
})
