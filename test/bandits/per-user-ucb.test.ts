import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { PerUserUcb, Ucb } from "../../src/bandits"
import { historyOf } from "./history-fixture"

describe("PerUserUcb", () => {
  it("indices equal Q + c·sqrt(ln n_u / N) computed by hand from a warm-start history", () => {
    const p = new PerUserUcb({ arms: 3, users: 2, c: 2 })
    // User 1: arm 0 clicked 1 of 2, arm 1 clicked 0 of 1, arm 2 never shown; n = 3.
    p.warmStart(
      historyOf(2, 3, [
        [1, 0, 1],
        [1, 0, 0],
        [1, 1, 0],
      ]),
    )
    const idx = p.indices({ user: 1 }, new Float64Array(3))
    expect(idx[0]).toBeCloseTo(0.5 + 2 * Math.sqrt(Math.log(3) / 2), 14)
    expect(idx[1]).toBeCloseTo(0 + 2 * Math.sqrt(Math.log(3) / 1), 14)
    expect(idx[2]).toBe(Infinity)
    expect(Array.from(p.probabilities({ user: 1 }))).toEqual([0, 0, 1])
    // User 0 has seen nothing: every arm untried, uniform.
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual([1 / 3, 1 / 3, 1 / 3])
  })

  it("one user's indices equal those of Ucb (same c) fed the same observations", () => {
    const a = new PerUserUcb({ arms: 6, users: 4, c: 1.5 })
    const b = new Ucb({ arms: 6, c: 1.5 })
    const rng = createRng(3)
    const env = createRng(4)
    const ia = new Float64Array(6)
    const ib = new Float64Array(6)
    for (let t = 0; t < 400; t++) {
      const arm = a.select({ user: 3 }, rng)
      const r = env.next() < 0.1 * (arm + 1) ? 1 : 0
      a.update(arm, r, { user: 3 })
      b.update(arm, r)
      a.indices({ user: 3 }, ia)
      b.indices(ib)
      for (let k = 0; k < 6; k++) expect(ia[k]).toBeCloseTo(ib[k], 12)
    }
    expect(Array.from(a.counts.subarray(18, 24)).reduce((x, y) => x + y)).toBe(400)
  })
})
