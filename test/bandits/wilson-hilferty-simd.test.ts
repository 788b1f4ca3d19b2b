import { readFileSync } from "node:fs"
import { join } from "node:path"
import { GCProfiler } from "node:v8"
import { describe, expect, it } from "vitest"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { boxMullerPair, counterNormals, counterWord, wilsonHilfertyF32 } from "../../src/bandits/counter-normals"
import { HierarchicalThompson } from "../../src/bandits/hierarchical-thompson"
import { wilsonHilfertyDraw } from "../../src/bandits/wilson-hilferty-argmax"
import { WilsonHilfertySimd } from "../../src/bandits/wilson-hilferty-simd"
import { countSlot, wilsonHilfertySimdLayout } from "../../src/bandits/wilson-hilferty-simd-module"
import { policyFromState, policyState } from "../../src/persistence/policy-store"
import { createRng, type Rng } from "../../src/random/rng"
import { normalCdf, normalQuantile } from "../../src/stats/distributions"
import { MARKER, xoshiroStep } from "../simulation/kernels/xoshiro-template"
import { WILSON_HILFERTY_STATES as STATES } from "./reference/wilson-hilferty-states"

/** Upper 0.1% points of the chi-square distribution by degrees of freedom (scipy.stats.chi2.ppf(0.999, df)). */
const CHI2_999: Record<number, number> = { 1: 10.828, 3: 16.266, 4: 18.467, 5: 20.515, 9: 27.877, 49: 85.351 }

function chiSquare(counts: ArrayLike<number>, probabilities: ArrayLike<number>, n: number): number {
  let x = 0
  for (let i = 0; i < counts.length; i++) x += (counts[i] - n * probabilities[i]) ** 2 / (n * probabilities[i])
  return x
}

/**
 * A kernel loaded with random posteriors: priors α ∈ [0.2, 3.2), β ∈ [0.2, 20.2), S up to 3 (or 300 with `large`),
 * F up to 30 (3,000); with the tables it was loaded from.
 */
function randomKernel(users: number, arms: number, seed: number, wasm: boolean, large = false) {
  const k = WilsonHilfertySimd.create(users, arms, { wasm })
  const rng = createRng(seed)
  const scale = large ? 100 : 1
  const successes = new Float64Array(users * arms)
  const failures = new Float64Array(users * arms)
  for (let i = 0; i < users * arms; i++) {
    successes[i] = Math.floor(4 * scale * rng.next())
    failures[i] = Math.floor(30 * scale * rng.next()) + (i % 7 === 0 ? 0.5 : 0)
  }
  const priorAlpha = Float64Array.from({ length: arms }, () => 0.2 + 3 * rng.next())
  const priorBeta = Float64Array.from({ length: arms }, () => 0.2 + 20 * rng.next())
  k.load(successes, failures, priorAlpha, priorBeta)
  return { k, successes, failures, priorAlpha, priorBeta }
}

describe("counter-based Box–Muller normals (single precision)", () => {
  const n = 1_000_000
  const perKey = 64
  const draws = new Float64Array(n)
  const rng = createRng(21)
  for (let at = 0; at < n; at += perKey) {
    counterNormals(rng.nextUint32() | 0, rng.nextUint32() | 0, perKey, draws.subarray(at, at + perKey))
  }

  it("have the standard normal's moments (within 4.5 standard errors at 10⁶ draws)", () => {
    let m1 = 0
    let m2 = 0
    let m3 = 0
    let m4 = 0
    for (const z of draws) {
      m1 += z
      m2 += z * z
      m3 += z ** 3
      m4 += z ** 4
    }
    // standard errors of the sample mean, variance, third and fourth moments: √(1/n), √(2/n), √(15/n), √(96/n)
    expect(Math.abs(m1 / n)).toBeLessThan(4.5 * Math.sqrt(1 / n))
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n))
    expect(Math.abs(m3 / n)).toBeLessThan(4.5 * Math.sqrt(15 / n))
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n))
  })

  it("pass a 50-bin chi-square test of fit (p > 0.001) and a Kolmogorov–Smirnov test (D < 1.95/√n, p > 0.001)", () => {
    const bins = 50
    const edges = Array.from({ length: bins - 1 }, (_, i) => normalQuantile((i + 1) / bins))
    const counts = new Float64Array(bins)
    for (const z of draws) {
      let lo = 0
      let hi = bins - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (z >= edges[mid]) lo = mid + 1
        else hi = mid
      }
      counts[lo]++
    }
    expect(chiSquare(counts, new Float64Array(bins).fill(1 / bins), n)).toBeLessThan(CHI2_999[49])
    const sorted = Float64Array.from(draws).sort()
    let d = 0
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i])
      d = Math.max(d, (i + 1) / n - f, f - i / n)
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n))
  })

  it("reach the tails as often as the normal does beyond 3 and 4, and no further than √(−2 ln 2⁻²⁴) = 5.77", () => {
    for (const c of [3, 4]) {
      const p = 2 * (1 - normalCdf(c))
      const beyond = draws.filter((z) => Math.abs(z) > c).length
      expect(Math.abs(beyond - n * p)).toBeLessThan(4.5 * Math.sqrt(n * p))
    }
    expect(draws.every((z) => Math.abs(z) <= Math.sqrt(-2 * Math.log(2 ** -24)) + 1e-6)).toBe(true)
  })

  it("are uncorrelated between neighbouring arms and between the two normals of a pair (|r| < 4.5/√n), also in z²", () => {
    for (const lag of [1, 4]) {
      let xy = 0
      let sq = 0
      let m = 0
      for (let at = 0; at < n; at += perKey)
        for (let a = 0; a + lag < perKey; a++) {
          const x = draws[at + a]
          const y = draws[at + a + lag]
          xy += x * y
          sq += (x * x - 1) * (y * y - 1)
          m++
        }
      expect(Math.abs(xy / m)).toBeLessThan(4.5 / Math.sqrt(m))
      expect(Math.abs(sq / m / 2)).toBeLessThan(4.5 / Math.sqrt(m))
    }
  })

  it("equal the double-precision Box–Muller transform of the same words within 10⁻⁶", () => {
    const out = new Float64Array(2)
    const r = createRng(4)
    let worst = 0
    for (let i = 0; i < 200_000; i++) {
      const w1 = r.nextUint32() | 0
      const w2 = r.nextUint32() | 0
      boxMullerPair(w1, w2, out, 0)
      const radius = Math.sqrt(-2 * Math.log(1 - (w1 >>> 8) * 2 ** -24))
      const psi = ((w2 & 0xffffff) * Math.PI) / 4 / 2 ** 24
      const [c, s] = w2 & 0x20000000 ? [Math.sin(psi), Math.cos(psi)] : [Math.cos(psi), Math.sin(psi)]
      const z0 = (w2 < 0 ? -1 : 1) * radius * c
      const z1 = (w2 & 0x40000000 ? -1 : 1) * radius * s
      worst = Math.max(worst, Math.abs(out[0] - z0), Math.abs(out[1] - z1))
    }
    expect(worst).toBeLessThan(1e-6)
  })

  it("give arm a and arm a + 4 of a group the pair of words a and a + 4 (the lanes of the kernel)", () => {
    const z = new Float64Array(16)
    const pair = new Float64Array(2)
    counterNormals(7, -3, 13, z)
    boxMullerPair(counterWord(7, -3, 10), counterWord(7, -3, 14), pair, 0)
    expect([z[10], z[14]]).toEqual([pair[0], pair[1]])
  })
})

describe("WilsonHilfertySimd: the WebAssembly kernel and its JavaScript reference", () => {
  it.each([1, 3, 8, 13, 50])("give the same draws and arms, bit for bit, at K = %i (small and large counts)", (K) => {
    const users = 9
    for (const large of [false, true]) {
      const wasm = randomKernel(users, K, K, true, large).k
      const js = randomKernel(users, K, K, false, large).k
      expect(wasm.wasm).toBe(true)
      expect(js.wasm).toBe(false)
      const a = new Float64Array(K)
      const b = new Float64Array(K)
      const rng = createRng(K + 100)
      let differ = 0
      for (let t = 0; t < 3000; t++) {
        const k0 = rng.nextUint32()
        const k1 = rng.nextUint32()
        const user = t % users
        wasm.key(k0, k1)
        js.key(k0, k1)
        const armW = wasm.draw(user, a)
        const armJ = js.draw(user, b)
        if (armW !== armJ || wasm.decide(user) !== armW || js.decide(user) !== armW) differ++
        for (let i = 0; i < K; i++) if (!Object.is(a[i], b[i])) differ++
        let first = 0
        for (let i = 1; i < K; i++) if (a[i] > a[first]) first = i
        if (first !== armW) differ++
      }
      expect(differ).toBe(0)
    }
  })

  it("draws θ_a = wilsonHilfertyF32(f32(f32(prior) + f32(S)), …, z_a), within 2·10⁻⁶ of the posterior mean of the double-precision formula", () => {
    const K = 50
    const { k, successes, failures, priorAlpha, priorBeta } = randomKernel(3, K, 5, true, true)
    const z = new Float64Array(56)
    const out = new Float64Array(K)
    const f = Math.fround
    let worst = 0
    for (let t = 0; t < 200; t++) {
      const row = (t % 3) * K
      k.key(t, 99)
      k.draw(t % 3, out)
      counterNormals(t, 99, K, z)
      for (let a = 0; a < K; a++) {
        const alpha = priorAlpha[a] + successes[row + a]
        const beta = priorBeta[a] + failures[row + a]
        const alpha32 = f(f(priorAlpha[a]) + f(successes[row + a]))
        const beta32 = f(f(priorBeta[a]) + f(failures[row + a]))
        expect(out[a]).toBe(wilsonHilfertyF32(alpha32, beta32, z[a]))
        const exact = wilsonHilfertyDraw(alpha, beta, z[a])
        worst = Math.max(worst, Math.abs(out[a] - exact) / (alpha / (alpha + beta)))
      }
    }
    expect(worst).toBeLessThan(2e-6)
  })

  it("drawKey takes the words rng.nextUint32() would give, stepping a Xoshiro128 inline with the simulation kernels' one template", () => {
    const k = WilsonHilfertySimd.create(2, 12)
    const inline = createRng(31)
    const generic = inline.clone()
    const opaque: Rng = { next: () => generic.next(), nextUint32: () => generic.nextUint32() }
    const out = new Float64Array(12)
    const viaOpaque = new Float64Array(12)
    for (let t = 0; t < 100; t++) {
      k.drawKey(inline)
      k.draw(1, out)
      k.drawKey(opaque)
      k.draw(1, viaOpaque)
      expect(Array.from(out)).toEqual(Array.from(viaOpaque))
    }
    expect(inline.nextUint32()).toBe(generic.nextUint32())
    const lines = readFileSync(join(__dirname, "../../src/bandits/wilson-hilferty-simd.ts"), "utf8").split("\n")
    let blocks = 0
    lines.forEach((text, i) => {
      const m = MARKER.exec(text)
      if (m === null) return
      expect(lines.slice(i + 1, i + 1 + xoshiroStep(m[2], m[3], m[4] !== undefined, m[1]).length)).toEqual(
        xoshiroStep(m[2], m[3], m[4] !== undefined, m[1]),
      )
      blocks++
    })
    expect(blocks).toBe(2)
  })

  it("lays a user's row out in whole cache lines, each arm's S and F at its own slot: 2·K₈ floats, no slot twice", () => {
    for (const K of [1, 5, 8, 13, 50]) {
      const at = wilsonHilfertySimdLayout(7, K)
      expect(at.rowBytes % 64).toBe(0)
      expect(at.priors).toBe(7 * at.rowBytes)
      const slots = Array.from({ length: at.padded }, (_, a) => [countSlot(a), countSlot(a) + 4]).flat()
      expect(slots.sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * at.padded }, (_, i) => i))
    }
  })

  it.each([true, false])(
    "reads each arm's counts and prior where setCounts, copyPrior and load write them, and store gives them back (wasm: %s)",
    (wasm) => {
      const K = 13
      const k = WilsonHilfertySimd.create(3, K, { wasm })
      expect(k.wasm).toBe(wasm)
      const rng = createRng(4)
      const ones = new Float64Array(K).fill(1)
      for (let a = 0; a < K; a++) k.copyPrior(a, ones, ones)
      const cell = new Float64Array(2)
      const back = new Float64Array(2)
      for (let best = 0; best < K; best++) {
        // arm `best` of user 2 has posterior Beta(10⁶ + 1, 1), every other arm Beta(1, 10⁶ + 1): `best` wins every draw
        for (let a = 0; a < K; a++) {
          cell[0] = a === best ? 1e6 : 0
          cell[1] = a === best ? 0 : 1e6
          k.setCounts(2, a, cell)
          k.countsOf(2, a, back)
          expect(Array.from(back)).toEqual(Array.from(cell))
        }
        k.drawKey(rng)
        expect(k.decide(2)).toBe(best)
      }
      // the same through the priors, and load() overwriting everything
      const zeros = new Float64Array(3 * K)
      for (let best = 0; best < K; best++) {
        const alpha = Float64Array.from({ length: K }, (_, a) => (a === best ? 1e6 : 1))
        const beta = Float64Array.from({ length: K }, (_, a) => (a === best ? 1 : 1e6))
        k.load(zeros, zeros, alpha, beta)
        for (let user = 0; user < 3; user++) {
          k.drawKey(rng)
          expect(k.decide(user)).toBe(best)
        }
      } // load and store are inverse on single-precision values
      const S = Float64Array.from({ length: 3 * K }, (_, i) => Math.fround(i / 7))
      const F = Float64Array.from({ length: 3 * K }, (_, i) => 3 * i + 0.5)
      k.load(S, F, new Float64Array(K), new Float64Array(K))
      const S2 = new Float64Array(3 * K)
      const F2 = new Float64Array(3 * K)
      k.store(S2, F2)
      expect(Array.from(S2)).toEqual(Array.from(S))
      expect(Array.from(F2)).toEqual(Array.from(F))
    },
  )
})

describe("the chosen-arm distribution of the SIMD sampler", () => {
  const N = 100_000
  function counts(alpha: number[], beta: number[], pick: (k: WilsonHilfertySimd, rng: Rng) => number) {
    const K = alpha.length
    const k = WilsonHilfertySimd.create(1, K)
    k.load(new Float64Array(K), new Float64Array(K), Float64Array.from(alpha), Float64Array.from(beta))
    const out = new Float64Array(K)
    const rng = createRng(3)
    for (let t = 0; t < N; t++) out[pick(k, rng)]++
    return out
  }
  const simd = (k: WilsonHilfertySimd, rng: Rng) => {
    k.drawKey(rng)
    return k.decide(0)
  }

  it.each(STATES)(
    "$name: fits the Wilson–Hilferty probabilities (chi-square, p > 0.001), total variation to the exact sampler ≤ the reference's + 0.006",
    (s) => {
      const c = counts(s.alpha, s.beta, simd)
      expect(chiSquare(c, s.approx, N)).toBeLessThan(CHI2_999[s.alpha.length - 1])
      let tv = 0
      for (let i = 0; i < c.length; i++) tv += Math.abs(c[i] / N - s.exact[i]) / 2
      expect(tv).toBeLessThan(s.tv + 0.006)
      expect(tv).toBeLessThan(0.045)
    },
  )

  it("against the exact sampler itself (betaArgmax, 100,000 picks each) on five arms: total variation < 0.01", () => {
    const s = STATES[1]
    const exact = new Float64Array(s.alpha.length)
    const zeros = new Float64Array(s.alpha.length)
    const rng = createRng(8)
    const a = Float64Array.from(s.alpha)
    const b = Float64Array.from(s.beta)
    for (let t = 0; t < N; t++) exact[betaArgmax(rng, a, b, zeros, zeros, 0, a.length, null)]++
    const c = counts(s.alpha, s.beta, simd)
    let tv = 0
    for (let i = 0; i < c.length; i++) tv += Math.abs(c[i] - exact[i]) / N / 2
    expect(tv).toBeLessThan(0.01)
  })
})

/** `steps` decisions of `policy` on users × arms click rates from Beta(1, 4); returns the picks. */
function play(policy: HierarchicalThompson, users: number, arms: number, steps: number, seed: number): number[] {
  const world = createRng(seed, 1)
  const rates = Float64Array.from({ length: users * arms }, () => 1 - world.next() ** 0.25)
  const rng = createRng(seed, 2)
  const env = createRng(seed, 3)
  const picks: number[] = []
  for (let t = 0; t < steps; t++) {
    const user = Math.floor(env.next() * users)
    const a = policy.select({ user }, rng)
    picks.push(a)
    policy.update(a, env.next() < rates[user * arms + a] ? 1 : 0, { user })
  }
  return picks
}

describe("HierarchicalThompson with approximate: true, simd: true", () => {
  const make = (users = 12) => new HierarchicalThompson({ arms: 10, users, approximate: true, simd: true })

  it("is deterministic, and plays the same picks where WebAssembly is missing (the JavaScript fall-back)", () => {
    const one = play(make(), 12, 10, 3000, 1)
    expect(play(make(), 12, 10, 3000, 1)).toEqual(one)
    const wasm = Reflect.get(globalThis, "WebAssembly")
    Reflect.set(globalThis, "WebAssembly", undefined)
    let fallBack: HierarchicalThompson
    let kernel: WilsonHilfertySimd
    try {
      fallBack = make()
      kernel = WilsonHilfertySimd.create(2, 3)
    } finally {
      Reflect.set(globalThis, "WebAssembly", wasm)
    }
    expect(kernel.wasm).toBe(false)
    expect(play(fallBack, 12, 10, 3000, 1)).toEqual(one)
  })

  it("records simd in its config only when set; a saved policy loads and plays the same; its warm start may grow the table", () => {
    expect("simd" in new HierarchicalThompson({ arms: 3, approximate: true }).config).toBe(false)
    const p = make(2)
    p.warmStart({
      nUsers: 5,
      nArms: 10,
      user: Int32Array.of(0, 4, 4),
      arm: Int32Array.of(1, 2, 2),
      reward: Float64Array.of(1, 0, 1),
      propensity: Float64Array.of(0.1, 0.1, 0.1),
    })
    expect(p.successes.length).toBe(50)
    expect(p.successes[4 * 10 + 2]).toBe(1)
    play(p, 5, 10, 500, 2)
    expect(p.config).toMatchObject({ approximate: true, simd: true })
    const loaded = policyFromState(policyState(p)) as HierarchicalThompson
    expect(loaded.config).toMatchObject({ approximate: true, simd: true })
    expect(Array.from(loaded.successes)).toEqual(Array.from(p.successes))
    const a = createRng(2)
    const b = createRng(2)
    for (let t = 0; t < 200; t++) expect(loaded.select({ user: t % 5 }, a)).toBe(p.select({ user: t % 5 }, b))
  })

  it("gives propensities from its own sampler: each within 4.5 standard errors of its select frequencies", () => {
    const p = make()
    play(p, 12, 10, 2000, 3)
    const probabilities = p.probabilities({ user: 5 })
    expect(probabilities.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
    const n = 20_000
    const freq = new Float64Array(10)
    const rng = createRng(77)
    for (let t = 0; t < n; t++) freq[p.select({ user: 5 }, rng)]++
    const draws = p.config.probabilityDraws
    for (let a = 0; a < 10; a++) {
      const q = probabilities[a]
      const se = Math.sqrt((q * (1 - q)) / draws + (q * (1 - q)) / n) + 1 / n
      expect(Math.abs(freq[a] / n - q)).toBeLessThan(4.5 * se)
    }
  })

  it("refuses simd without approximate, in one line naming the option", () => {
    expect(() => new HierarchicalThompson({ arms: 3, simd: true })).toThrow(
      /^HierarchicalThompson: simd must be false unless approximate is true, got true$/,
    )
  })

  it("allocates nothing per decision: no garbage collection over 1.5 M selects and updates (one would follow 16 bytes each)", () => {
    const p = new HierarchicalThompson({ arms: 8, users: 10, approximate: true, simd: true })
    const contexts = Array.from({ length: 10 }, (_, user) => ({ user }))
    const rng = createRng(5)
    let boxes: { t: number } | null = null
    const run = (steps: number, allocate: boolean) => {
      for (let t = 0; t < steps; t++) {
        const c = contexts[t % 10]
        p.update(p.select(c, rng), t & 1, c)
        if (allocate) boxes = { t }
      }
    }
    const collections = (allocate: boolean) => {
      const profiler = new GCProfiler()
      profiler.start()
      run(1_500_000, allocate)
      return profiler.stop()?.statistics.length ?? Number.NaN
    }
    run(50_000, false)
    run(50_000, true)
    // 1.5 M × 16 bytes = 24 MB, more than V8's largest young generation (16 MB): the control must collect.
    expect(collections(true)).toBeGreaterThan(0)
    expect(boxes).not.toBeNull()
    expect(collections(false)).toBe(0)
  })
})
