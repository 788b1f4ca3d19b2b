import { describe, expect, it } from "vitest"
import { HierarchicalThompson } from "../../src/bandits/hierarchical-thompson"
import { WilsonHilfertySimd } from "../../src/bandits/wilson-hilferty-simd"
import { wilsonHilfertyArgmax } from "../../src/bandits/wilson-hilferty-argmax"
import { policyFromState, policyState } from "../../src/persistence/policy-store"
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

/**
 * Arm a's prior α as refit computes it from the cells' counts (users × K, as the policy holds them): Σ S and N the
 * sums of the rewards and showings, Σ S²/n and Σ n² over the cells' own S and n = S + F (the method of moments of
 * hierarchical-thompson.ts, bounds [0.01, 1000]; the data give a positive variance).
 */
function expectedAlpha(S: number[], F: number[], sumS: number, N: number): number {
  let s2n = 0
  let n2 = 0
  let users = 0
  for (let i = 0; i < S.length; i++) {
    const n = S[i] + F[i]
    if (n === 0) continue
    s2n += (S[i] * S[i]) / n
    n2 += n * n
    users++
  }
  const mu = (sumS + 1) / (N + 2)
  const spread = s2n - 2 * mu * sumS + mu * mu * N
  const variance = (spread - mu * (1 - mu) * (users - 1)) / (N - n2 / N)
  expect(variance).toBeGreaterThan(0)
  const s = Math.min(1000, Math.max(0.01, (mu * (1 - mu)) / variance - 1))
  return s * mu
}

describe("HierarchicalThompson with simd: true keeps S and F in single precision in its kernel", () => {
  const options = { approximate: true as const, minStrength: 0.01, maxStrength: 1000 }

  it("rounds S and F to f32 after each update (reward 0.1 accumulated), and fits the prior to those counts", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 3, ...options, simd: true })
    const plain = new HierarchicalThompson({ arms: 2, users: 3, ...options })
    const plan: [number, number, number][] = [
      [0, 0.1, 7],
      [1, 0.7, 5],
      [2, 0.35, 4],
    ]
    const S: number[] = []
    const F: number[] = []
    const S64: number[] = []
    let sumS = 0
    let N = 0
    for (const [user, reward, times] of plan) {
      let s = 0
      let f = 0
      let s64 = 0
      for (let t = 0; t < times; t++) {
        p.update(0, reward, { user })
        plain.update(0, reward, { user })
        s = Math.fround(s + reward)
        f = Math.fround(f + (1 - reward))
        s64 += reward
        sumS += reward
        N++
      }
      S.push(s, 0)
      F.push(f, 0)
      S64.push(s64, 0)
    }
    expect(Array.from(p.successes)).toEqual(S)
    expect(Array.from(p.failures)).toEqual(F)
    expect(Array.from(plain.successes)).toEqual(S64)
    expect(S[0]).not.toBe(S64[0])
    const alpha = expectedAlpha(S, F, sumS, N)
    expect(Math.abs(p.priorAlpha[0] / alpha - 1)).toBeLessThan(1e-12)
    // the double-precision counts give another prior, 3·10⁻⁸ away
    expect(Math.abs(plain.priorAlpha[0] / alpha - 1)).toBeGreaterThan(1e-9)
    // arm 1, never shown: the prior of no data, maxStrength·(1/2)
    expect(p.priorAlpha[1]).toBe(500)
  })

  it("rounds a warm start's summed rewards to f32 (four rewards of 0.1: S = f32(0.1 + 0.1 + 0.1 + 0.1)), and fits the prior to them", () => {
    const rows: [number, number, number][] = [
      [0, 1, 0.1],
      [0, 1, 0.1],
      [0, 1, 0.1],
      [0, 1, 0.1],
      [1, 1, 0.9],
      [1, 1, 0.9],
      [1, 1, 0.9],
      [2, 1, 0.35],
      [2, 0, 1],
    ]
    const p = new HierarchicalThompson({ arms: 2, users: 3, ...options, simd: true })
    p.warmStart(historyOf(3, 2, rows))
    const plain = new HierarchicalThompson({ arms: 2, users: 3, ...options })
    plain.warmStart(historyOf(3, 2, rows))
    const s = [0.1 + 0.1 + 0.1 + 0.1, 0.9 + 0.9 + 0.9, 0.35]
    const shows = [4, 3, 1]
    const S = s.map((x) => Math.fround(x))
    const F = s.map((x, u) => Math.fround(shows[u] - x))
    expect([p.successes[1], p.successes[3], p.successes[5]]).toEqual(S)
    expect([p.failures[1], p.failures[3], p.failures[5]]).toEqual(F)
    expect([plain.successes[1], plain.successes[3], plain.successes[5]]).toEqual(s)
    expect([p.successes[4], p.failures[4]]).toEqual([1, 0])
    const alpha = expectedAlpha(S, F, s[0] + s[1] + s[2], 8)
    // strength 0.92: inside the bounds, set by the spread
    expect(p.strength(1)).toBeCloseTo(0.916, 3)
    expect(Math.abs(p.priorAlpha[1] / alpha - 1)).toBeLessThan(1e-12)
    expect(Math.abs(plain.priorAlpha[1] / alpha - 1)).toBeGreaterThan(1e-9)
  })

  it("brings successes and failures up to date from the kernel when read after an update, and copies once per change", () => {
    const p = new HierarchicalThompson({ arms: 3, users: 2, approximate: true, simd: true })
    p.update(2, 1, { user: 0 })
    expect(Array.from(p.successes)).toEqual([0, 0, 1, 0, 0, 0])
    // a direct write after a read is kept by the next reads (nothing copied again without a change) …
    p.successes[2] = 42
    p.failures[5] = 9
    expect(p.successes[2]).toBe(42)
    expect(p.failures[5]).toBe(9)
    // … and, not passed to the kernel by restored(), overwritten by its counts after the next update
    p.update(0, 0, { user: 1 })
    expect(Array.from(p.successes)).toEqual([0, 0, 1, 0, 0, 0])
    expect(Array.from(p.failures)).toEqual([0, 0, 0, 1, 0, 0])
  })

  it("restored() loads a direct write into the kernel, which the arrays then read back in single precision", () => {
    const p = new HierarchicalThompson({ arms: 3, users: 2, approximate: true, simd: true })
    p.successes[4] = 0.1
    p.failures[4] = 2.5
    expect(p.successes[4]).toBe(0.1)
    p.restored()
    expect(p.successes[4]).toBe(Math.fround(0.1))
    expect(p.failures[4]).toBe(2.5)
    // the kernel holds it: the next update of that cell starts from it
    p.update(1, 1, { user: 1 })
    expect(p.successes[4]).toBe(Math.fround(Math.fround(0.1) + 1))
    expect(p.failures[4]).toBe(2.5)
    // without simd, restored() leaves the arrays as written
    const plain = new HierarchicalThompson({ arms: 3, users: 2, approximate: true })
    plain.successes[4] = 0.1
    plain.restored()
    expect(plain.successes[4]).toBe(0.1)
  })

  it("a saved simd policy, loaded, holds the same counts and prior and picks and learns as the original", () => {
    const p = new HierarchicalThompson({ arms: 6, users: 4, approximate: true, simd: true })
    p.warmStart(historyOf(4, 6, ROWS))
    const rng = createRng(8)
    for (let t = 0; t < 300; t++) {
      const user = t % 4
      const arm = p.select({ user }, rng)
      p.update(arm, arm === user ? 0.3 : 0, { user })
    }
    const loaded = policyFromState(policyState(p)) as HierarchicalThompson
    expect(Array.from(loaded.successes)).toEqual(Array.from(p.successes))
    expect(Array.from(loaded.failures)).toEqual(Array.from(p.failures))
    expect(Array.from(loaded.priorAlpha)).toEqual(Array.from(p.priorAlpha))
    const a = createRng(21)
    const b = createRng(21)
    let same = 0
    for (let t = 0; t < 300; t++) {
      const user = t % 4
      const arm = p.select({ user }, a)
      if (loaded.select({ user }, b) === arm) same++
      p.update(arm, arm === 3 ? 0.6 : 0.1, { user })
      loaded.update(arm, arm === 3 ? 0.6 : 0.1, { user })
    }
    expect(same).toBe(300)
    expect(Array.from(loaded.successes)).toEqual(Array.from(p.successes))
    expect(Array.from(loaded.priorBeta)).toEqual(Array.from(p.priorBeta))
  })

  it("explains as the policy without simd on the same counts (read from the kernel's row)", () => {
    const simd = new HierarchicalThompson({ arms: 5, users: 4, approximate: true, simd: true })
    const plain = new HierarchicalThompson({ arms: 5, users: 4, approximate: true })
    simd.warmStart(historyOf(4, 5, ROWS))
    plain.warmStart(historyOf(4, 5, ROWS))
    for (let t = 0; t < 120; t++) {
      const user = t % 3
      const arm = (t * 7) % 5
      const reward = ((t * 5) % 3) / 2
      simd.update(arm, reward, { user })
      plain.update(arm, reward, { user })
    }
    let exploit = 0
    for (let user = 0; user < 4; user++)
      for (let arm = 0; arm < 5; arm++) {
        const e = simd.explain(arm, { user })
        expect(e).toEqual(plain.explain(arm, { user }))
        if (e.kind === "exploit") exploit++
      }
    expect(exploit).toBeGreaterThanOrEqual(4)
    expect(exploit).toBeLessThan(20)
  })
})
