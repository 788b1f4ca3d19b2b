import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { dirichlet } from "../../src/random/dirichlet"
import { categorical } from "../../src/random/categorical"
import { privacyUtilityCurve } from "../../src/privacy/privacy-utility"

describe("privacyUtilityCurve", () => {
  it("falls from the non-private quality towards random as ε shrinks", () => {
    const rng = createRng(7)
    const nCat = 10
    const users = 300
    const truth: Float64Array[] = []
    const profiles: Float64Array[] = []
    for (let u = 0; u < users; u++) {
      const theta = Float64Array.from(dirichlet(rng, new Float64Array(nCat).fill(0.3)))
      const counts = new Float64Array(nCat)
      for (let e = 0; e < 30; e++) counts[categorical(rng, theta)]++
      truth.push(theta)
      profiles.push(counts)
    }
    const points = privacyUtilityCurve({ profiles, truth, epsilons: [0.1, 1, 10, 100], k: 2 }, rng)
    expect(points.map((p) => p.epsilon)).toEqual([Infinity, 0.1, 1, 10, 100])
    const q = points.map((p) => p.capturedInterest)
    expect(q[0]).toBeGreaterThan(0.9)
    expect(q[1]).toBeLessThan(q[2])
    expect(q[2]).toBeLessThan(q[3])
    expect(q[4]).toBeGreaterThan(q[0] - 0.03)
    // at ε = 0.1 the noise (b = 20) swamps the profile: close to random choice, E = k/nCat of the mass / best
    const randomQuality =
      truth.reduce((s, t) => {
        const sorted = Array.from(t).sort((a, b) => b - a)
        return s + 0.2 / (sorted[0] + sorted[1])
      }, 0) / users
    expect(Math.abs(q[1] - randomQuality)).toBeLessThan(0.08)
  })
})
