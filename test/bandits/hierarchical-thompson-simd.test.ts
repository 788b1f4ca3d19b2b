import { describe, expect, it } from "vitest"
import { HierarchicalThompson } from "../../src/bandits/hierarchical-thompson"
import { WilsonHilfertySimd } from "../../src/bandits/wilson-hilferty-simd"
import { wilsonHilfertyArgmax } from "../../src/bandits/wilson-hilferty-argmax"
import { createRng } from "../../src/random/rng"
import { historyOf } from "./history-fixture"

const ROWS: [number, number, number][] = [
  [0, 0, 1],
  [0, 1, 0],
  [0, 1, 1],
  [1, 2, 1],
  [1, 3, 0],
  [2, 4, 1],
  [2, 0, 0],
  [3, 2, 0],
]

/** A kernel holding a copy of the policy's counts and priors: the reference of its `simd` draws. */
function referenceOf(p: HierarchicalThompson, users: number): WilsonHilfertySimd {
  const k = WilsonHilfertySimd.create(users, p.nArms)
  k.load(p.successes, p.failures, p.priorAlpha, p.priorBeta)
  return k
}

describe("HierarchicalThompson with simd: true draws by its WilsonHilfertySimd kernel", () => {
  it("selects what the kernel decides on the same counts and key, also after a warm start that adds users", () => {
    const p = new HierarchicalThompson({ arms: 5, users: 2, approximate: true, simd: true })
    p.warmStart(historyOf(4, 5, ROWS))
    const k = referenceOf(p, 4)
    const r1 = createRng(11)
    const r2 = createRng(11)
    for (let i = 0; i < 200; i++) {
      const user = i % 4
      k.drawKey(r2)
      expect(p.select({ user }, r1)).toBe(k.decide(user))
    }
  })

  it("keeps the kernel's copy equal to its arrays through updates and reset; a direct write is seen after restored()", () => {
    const p = new HierarchicalThompson({ arms: 5, users: 4, approximate: true, simd: true })
    p.warmStart(historyOf(4, 5, ROWS))
    const rng = createRng(3)
    for (let t = 0; t < 400; t++) {
      const user = t % 4
      p.update(p.select({ user }, rng), t % 3 === 0 ? 1 : 0, { user })
    }
    const agree = () => {
      const k = referenceOf(p, 4)
      const r1 = createRng(9)
      const r2 = createRng(9)
      let same = 0
      for (let i = 0; i < 200; i++) {
        k.drawKey(r2)
        if (p.select({ user: i % 4 }, r1) === k.decide(i % 4)) same++
      }
      return same
    }
    expect(agree()).toBe(200)
    // user 0's arm 3 written directly: the sampler sees it only after restored()
    p.successes[3] = 1e6
    expect(agree()).toBeLessThan(200)
    p.restored()
    expect(agree()).toBe(200)
    p.reset()
    expect(agree()).toBe(200)
  })

  it("gives propensities from the same kernel (Monte Carlo over keys of its seed)", () => {
    const p = new HierarchicalThompson({ arms: 5, users: 4, approximate: true, simd: true, probabilityDraws: 300 })
    p.warmStart(historyOf(4, 5, ROWS))
    const k = referenceOf(p, 4)
    const expected = new Float64Array(5)
    const rng = createRng(p.config.seed)
    const draws = new Float64Array(5)
    for (let d = 0; d < 300; d++) {
      k.drawKey(rng)
      expected[k.draw(0, draws)] += 1 / 300
    }
    const got = p.probabilities({ user: 0 })
    for (let a = 0; a < 5; a++) expect(got[a]).toBeCloseTo(expected[a], 12)
  })

  it("without simd, a warm start that adds users keeps the JavaScript Wilson–Hilferty sampler", () => {
    const p = new HierarchicalThompson({ arms: 5, users: 2, approximate: true })
    p.warmStart(historyOf(4, 5, ROWS))
    const r1 = createRng(5)
    const r2 = createRng(5)
    for (let i = 0; i < 100; i++) {
      const row = (i % 4) * 5
      const expected = wilsonHilfertyArgmax(r2, p.priorAlpha, p.priorBeta, p.successes, p.failures, row, 5, null)
      expect(p.select({ user: i % 4 }, r1)).toBe(expected)
    }
  })
})
