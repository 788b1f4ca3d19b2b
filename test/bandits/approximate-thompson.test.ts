import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { betaArgmax } from "../../src/bandits/beta-argmax"
import { HierarchicalThompson } from "../../src/bandits/hierarchical-thompson"
import { wilsonHilfertyArgmax, wilsonHilfertyDraw } from "../../src/bandits/wilson-hilferty-argmax"
import { validate } from "../../src/config/load-config"
import { policyFromState, policyState } from "../../src/persistence/policy-store"
import { oneWordNormal } from "../../src/random/one-word-normal"
import { createRng, type Rng } from "../../src/random/rng"
import { simulationConfigSchema } from "../../src/simulation"
import { normalCdf, normalQuantile } from "../../src/stats/distributions"
import { MARKER, xoshiroStep } from "../simulation/kernels/xoshiro-template"
import { WILSON_HILFERTY_STATES as STATES } from "./reference/wilson-hilferty-states"

/** The same generator behind an object that is not a Xoshiro128, so the samplers take their generic path. */
function opaque(rng: Rng): Rng {
  return { next: () => rng.next(), nextUint32: () => rng.nextUint32() }
}

/** Upper 0.1% points of the chi-square distribution by degrees of freedom (scipy.stats.chi2.ppf(0.999, df)). */
const CHI2_999: Record<number, number> = {
  1: 10.828,
  3: 16.266,
  4: 18.467,
  5: 20.515,
  9: 27.877,
  49: 85.351,
}

function chiSquare(counts: ArrayLike<number>, probabilities: ArrayLike<number>, n: number): number {
  let x = 0
  for (let i = 0; i < counts.length; i++) x += (counts[i] - n * probabilities[i]) ** 2 / (n * probabilities[i])
  return x
}

describe("oneWordNormal: the ziggurat on one 32-bit word", () => {
  const n = 400_000
  const draws = new Float64Array(n)
  const rng = createRng(11)
  for (let i = 0; i < n; i++) draws[i] = oneWordNormal(rng)

  it("has the standard normal's moments (within 4.5 standard errors at 400,000 draws)", () => {
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

  it("passes a 50-bin chi-square test of fit (p > 0.001) and a Kolmogorov–Smirnov test (D < 1.95/√n, p > 0.001)", () => {
    const bins = 50
    const edges = Array.from({ length: bins - 1 }, (_, i) => normalQuantile((i + 1) / bins))
    const counts = new Float64Array(bins)
    for (const z of draws) {
      let b = 0
      while (b < bins - 1 && z >= edges[b]) b++
      counts[b]++
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

  it("reaches the tail beyond R = 3.4426 as often as the normal does (the ziggurat's tail branch runs)", () => {
    let beyond = 0
    let largest = 0
    for (const z of draws) {
      if (Math.abs(z) > 3.442619855899) beyond++
      largest = Math.max(largest, Math.abs(z))
    }
    const p = 2 * (1 - normalCdf(3.442619855899))
    expect(Math.abs(beyond - n * p)).toBeLessThan(4.5 * Math.sqrt(n * p))
    expect(largest).toBeGreaterThan(4)
  })
})

describe("wilsonHilfertyArgmax: the inline loop and the generic path", () => {
  it("give the same arms, draws and generator state, bit for bit (wedge and tail included)", () => {
    const K = 30
    const users = 40
    const rng = createRng(5)
    const priorAlpha = Float64Array.from({ length: K }, () => 0.2 + 3 * rng.next())
    const priorBeta = Float64Array.from({ length: K }, () => 0.2 + 20 * rng.next())
    const successes = Float64Array.from({ length: users * K }, () => Math.floor(4 * rng.next()))
    const failures = Float64Array.from({ length: users * K }, () => Math.floor(30 * rng.next()))
    const inline = createRng(17)
    const generic = inline.clone()
    const wrapped = opaque(generic)
    const outInline = new Float64Array(K)
    const outGeneric = new Float64Array(K)
    // 20,000 decisions = 600,000 normals: ≈ 7,000 wedge tests and ≈ 350 tail draws.
    let differ = 0
    for (let t = 0; t < 20_000; t++) {
      const row = (t % users) * K
      const withOut = t % 2 === 0
      const a = wilsonHilfertyArgmax(
        inline,
        priorAlpha,
        priorBeta,
        successes,
        failures,
        row,
        K,
        withOut ? outInline : null,
      )
      const b = wilsonHilfertyArgmax(
        wrapped,
        priorAlpha,
        priorBeta,
        successes,
        failures,
        row,
        K,
        withOut ? outGeneric : null,
      )
      if (a !== b) differ++
      if (withOut) for (let i = 0; i < K; i++) if (!Object.is(outInline[i], outGeneric[i])) differ++
    }
    expect(differ).toBe(0)
    expect(inline.nextUint32()).toBe(generic.nextUint32())
  })

  it("steps the generator with the one xoshiro128** template of the simulation kernels", () => {
    const lines = readFileSync(join(__dirname, "../../src/bandits/wilson-hilferty-argmax.ts"), "utf8").split("\n")
    let blocks = 0
    lines.forEach((text, i) => {
      const m = MARKER.exec(text)
      if (m === null) return
      const expected = xoshiroStep(m[2], m[3], m[4] !== undefined, m[1])
      expect(lines.slice(i + 1, i + 1 + expected.length), `line ${i + 1}`).toEqual(expected)
      blocks++
    })
    expect(blocks).toBe(4)
    expect(lines.join("\n").split("Math.imul(").length - 1).toBe(2 * blocks)
  })

  it("draws m·(1 − r²/9 + z·r/3)³: the Beta's mean at the approximation's mean, its quantiles within 2% at α ≥ 1", () => {
    // Beta(1, 9): median 1 − 0.5^(1/9) = 0.074107, 98th percentile 1 − 0.02^(1/9) = 0.352950 (closed forms for α = 1)
    expect(wilsonHilfertyDraw(1, 9, 0)).toBeCloseTo(0.1 * (1 - 9 / 11 / 9) ** 3, 12)
    expect(wilsonHilfertyDraw(1, 9, 0) / 0.074107 - 1).toBeLessThan(0.02)
    expect(Math.abs(wilsonHilfertyDraw(1, 9, normalQuantile(0.98)) / 0.35295 - 1)).toBeLessThan(0.02)
    // the moment-matched normal would put the 98th percentile at 0.1 + 2.054·0.0905 = 0.286, 19% too low
  })
})

describe("the chosen-arm distribution of the approximation against the exact sampler's", () => {
  const N = 100_000
  function counts(
    sample: (rng: Rng, a: Float64Array, b: Float64Array, K: number) => number,
    alpha: number[],
    beta: number[],
  ) {
    const K = alpha.length
    const a = Float64Array.from(alpha)
    const b = Float64Array.from(beta)
    const out = new Float64Array(K)
    const rng = createRng(3)
    for (let t = 0; t < N; t++) out[sample(rng, a, b, K)]++
    return out
  }
  const zeros = new Float64Array(10)
  const approximate = (rng: Rng, a: Float64Array, b: Float64Array, K: number) =>
    wilsonHilfertyArgmax(rng, a, b, zeros, zeros, 0, K, null)
  const exact = (rng: Rng, a: Float64Array, b: Float64Array, K: number) =>
    betaArgmax(rng, a, b, zeros, zeros, 0, K, null)

  it.each(STATES)(
    "$name: the approximate picks fit the approximation's probabilities, the exact picks the exact ones (chi-square, p > 0.001)",
    (s) => {
      const df = s.alpha.length - 1
      expect(chiSquare(counts(approximate, s.alpha, s.beta), s.approx, N)).toBeLessThan(CHI2_999[df])
      expect(chiSquare(counts(exact, s.alpha, s.beta), s.exact, N)).toBeLessThan(CHI2_999[df])
    },
  )

  it.each(STATES)(
    "$name: total variation to the exact distribution ≤ the reference's + 0.006 of sampling error",
    (s) => {
      const c = counts(approximate, s.alpha, s.beta)
      let tv = 0
      for (let i = 0; i < c.length; i++) tv += Math.abs(c[i] / N - s.exact[i]) / 2
      expect(tv).toBeLessThan(s.tv + 0.006)
      expect(tv).toBeLessThan(0.045)
    },
  )

  it("is not exact: at 100,000 picks the chi-square test against the exact probabilities rejects it on two arms Beta(1,1), Beta(2,1)", () => {
    const s = STATES[0]
    expect(chiSquare(counts(approximate, s.alpha, s.beta), s.exact, N)).toBeGreaterThan(CHI2_999[1])
  })
})

/** Users × arms click rates from Beta(1, 4), users visiting at random; returns the total regret of `policy` (null: uniform random play). */
function regret(policy: HierarchicalThompson | null, users: number, arms: number, steps: number, seed: number): number {
  const world = createRng(seed, 1)
  const rates = Float64Array.from({ length: users * arms }, () => {
    // Beta(1, 4) by inversion: 1 − U^(1/4)
    return 1 - world.next() ** 0.25
  })
  const rng = createRng(seed, 2)
  const env = createRng(seed, 3)
  let total = 0
  for (let t = 0; t < steps; t++) {
    const user = Math.floor(env.next() * users)
    const row = user * arms
    const a = policy ? policy.select({ user }, rng) : Math.floor(rng.next() * arms)
    let best = 0
    for (let i = 0; i < arms; i++) best = Math.max(best, rates[row + i])
    total += best - rates[row + a]
    const reward = env.next() < rates[row + a] ? 1 : 0
    policy?.update(a, reward, { user })
  }
  return total
}

describe("HierarchicalThompson with approximate: true", () => {
  it("has the exact sampler's regret on a seeded bandit problem (60 seeds, 30 users × 8 arms, 1,500 visits)", () => {
    const seeds = 60
    const summary = (approximate: boolean | null) => {
      const r = Array.from({ length: seeds }, (_, seed) =>
        regret(
          approximate === null ? null : new HierarchicalThompson({ arms: 8, users: 30, approximate }),
          30,
          8,
          1500,
          seed,
        ),
      )
      const mean = r.reduce((x, y) => x + y, 0) / seeds
      const se = Math.sqrt(r.reduce((x, y) => x + (y - mean) ** 2, 0) / (seeds - 1) / seeds)
      return { mean, se }
    }
    const exact = summary(false)
    const approx = summary(true)
    const random = summary(null)
    // The same worlds and visits for both: the difference of the means within 3 standard errors of a
    // difference, and within 5% of the exact regret; both well below uniform random play's (measured:
    // exact 272.5 ± 4.0, approximate 270.8 ± 4.3, random 403.9 ± 3.3, mean ± standard error).
    expect(Math.abs(approx.mean - exact.mean)).toBeLessThan(3 * Math.hypot(exact.se, approx.se))
    expect(Math.abs(approx.mean / exact.mean - 1)).toBeLessThan(0.05)
    expect(exact.mean).toBeLessThan(0.75 * random.mean)
  })

  it("is deterministic: the same seed gives the same picks, and its propensities are its own sampler's", () => {
    const play = () => {
      const p = new HierarchicalThompson({ arms: 6, users: 4, approximate: true })
      const rng = createRng(9)
      const picks: number[] = []
      for (let t = 0; t < 500; t++) {
        const user = t % 4
        const a = p.select({ user }, rng)
        picks.push(a)
        p.update(a, a === user ? 1 : 0, { user })
      }
      return { p, picks }
    }
    const one = play()
    expect(play().picks).toEqual(one.picks)
    const probabilities = one.p.probabilities({ user: 2 })
    expect(Array.from(probabilities)).toEqual(Array.from(play().p.probabilities({ user: 2 })))
    expect(probabilities.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
    const exact = new HierarchicalThompson({ arms: 6, users: 4 })
    for (let i = 0; i < exact.successes.length; i++) {
      exact.successes[i] = one.p.successes[i]
      exact.failures[i] = one.p.failures[i]
    }
    exact.priorAlpha.set(one.p.priorAlpha)
    exact.priorBeta.set(one.p.priorBeta)
    expect(Array.from(exact.probabilities({ user: 2 }))).not.toEqual(Array.from(probabilities))
  })

  it("records approximate in its config only when set, and a saved approximate policy loads and plays the same", () => {
    expect("approximate" in new HierarchicalThompson({ arms: 3 }).config).toBe(false)
    expect("approximate" in new HierarchicalThompson({ arms: 3, approximate: false }).config).toBe(false)
    const p = new HierarchicalThompson({ arms: 4, users: 3, approximate: true })
    expect(p.config.approximate).toBe(true)
    const rng = createRng(1)
    for (let t = 0; t < 100; t++) p.update(p.select({ user: t % 3 }, rng), t % 2, { user: t % 3 })
    const loaded = policyFromState(policyState(p)) as HierarchicalThompson
    expect(loaded.config.approximate).toBe(true)
    const a = createRng(2)
    const b = createRng(2)
    for (let t = 0; t < 50; t++) expect(loaded.select({ user: t % 3 }, a)).toBe(p.select({ user: t % 3 }, b))
  })

  it("refuses a non-boolean approximate with one line naming the field and the allowed values", () => {
    expect(() => new HierarchicalThompson({ arms: 3, approximate: "yes" as unknown as boolean })).toThrow(
      /^HierarchicalThompson: approximate must be true or false, got yes$/,
    )
    let message = ""
    try {
      validate(
        simulationConfigSchema,
        {
          environment: { type: "bernoulli", probabilities: [0.5, 0.4] },
          horizon: 10,
          policies: [{ type: "hierarchical-thompson", approximate: "fast" }],
        },
        "exp.yaml",
      )
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toContain("field 'policies[0].approximate': must be true or false")
    expect(message.split("\n")).toHaveLength(1)
  })
})
