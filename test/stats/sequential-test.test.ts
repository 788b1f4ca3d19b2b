import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"
import { MixtureSprt, mixtureSprtLogStatistic, mixtureSprtRadius } from "../../src/stats/sequential-test"
import { twoProportionZTest } from "../../src/stats/two-sample-tests"
import { deltaMethodZTest, StreamingRatio } from "../../src/stats/ratio-metric"
import { beta } from "../../src/random/beta"
import { wilsonInterval } from "../../src/stats/wilson-interval"

/** Johari et al.'s Gaussian closed form, written as in the paper: n paired differences of variance V. */
function paperLambda(meanDifference: number, V: number, n: number, tau: number): number {
  const t2 = tau * tau
  return Math.sqrt(V / (V + n * t2)) * Math.exp((n * n * t2 * meanDifference ** 2) / (2 * V * (V + n * t2)))
}

describe("mixture SPRT statistic", () => {
  it("equals the paper's closed form Λ_n = sqrt(V/(V+nτ²)) exp(n²τ²Δ̄²/(2V(V+nτ²)))", () => {
    for (const [d, V, n, tau] of [
      [0.01, 0.25, 1000, 0.02],
      [-0.3, 1, 20, 0.5],
      [0.002, 0.09, 50_000, 0.01],
    ]) {
      expect(Math.exp(mixtureSprtLogStatistic(d, V / n, tau))).toBeCloseTo(paperLambda(d, V, n, tau), 12)
    }
  })

  it("equals the mixture integral computed by quadrature (test/stats/reference/two_sample_sequential.py)", () => {
    expect(mixtureSprtLogStatistic(0.01, 0.25 / 1000, 0.02)).toBeCloseTo(-0.35467879943679503, 9)
    expect(mixtureSprtLogStatistic(0.03, 0.09 / 400, 0.05, 0.01)).toBeCloseTo(-0.4315672589704173, 9)
    expect(mixtureSprtLogStatistic(-0.2, 2 / 50, 0.5)).toBeCloseTo(-0.5594662516746709, 9)
  })

  it("the confidence set's edges are where Λ(θ₀) = 1/α", () => {
    const s2 = 0.25 / 1000
    const r = mixtureSprtRadius(s2, 0.02, 0.05)
    for (const theta0 of [0.01 - r, 0.01 + r])
      expect(mixtureSprtLogStatistic(0.01, s2, 0.02, theta0)).toBeCloseTo(Math.log(20), 10)
  })

  it("refuses bad parameters", () => {
    expect(() => mixtureSprtLogStatistic(0, 0, 1)).toThrow(/variance must be a finite number > 0, got 0/)
    expect(() => mixtureSprtLogStatistic(0, 1, -1)).toThrow(/tau must be a finite number > 0, got -1/)
    expect(() => new MixtureSprt({ tau: 0.01, alpha: 1 })).toThrow(/alpha must be in \(0, 1\), got 1/)
    expect(() => new MixtureSprt({ tau: 0.01, burnIn: 1 })).toThrow(/burnIn must be an integer >= 2, got 1/)
    expect(() => new MixtureSprt({ tau: 0.01 }).push(2, 1)).toThrow(/arm must be 0 \(A\) or 1 \(B\), got 2/)
  })
})

describe("MixtureSprt", () => {
  it("keeps its running statistics exactly (Welford against two-pass)", () => {
    const rng = createRng(3)
    const test = new MixtureSprt({ tau: 0.5, burnIn: 5 })
    const a: number[] = []
    const b: number[] = []
    for (let i = 0; i < 300; i++) {
      const arm = rng.next() < 0.4 ? 0 : 1
      const x = normal(rng, arm === 0 ? 1 : 1.3, 2)
      ;(arm === 0 ? a : b).push(x)
      test.push(arm, x)
    }
    test.check()
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
    const plugIn = (v: number[]) => v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / v.length
    const s = test.latest()
    expect(s.nA + s.nB).toBe(300)
    expect(s.difference).toBeCloseTo(mean(b) - mean(a), 12)
    expect(s.variance).toBeCloseTo(plugIn(a) / a.length + plugIn(b) / b.length, 12)
    expect(s.logStatistic).toBeCloseTo(mixtureSprtLogStatistic(s.difference, s.variance, 0.5), 12)
  })

  // A/A test on i.i.d. Bernoulli(0.1) clicks, 2,000 visits per arm, 1,000 seeded experiments: the
  // fixed-horizon z-test looked at 20 times (every 200 visits) rejects far more often than α, the
  // z-test at the planned horizon and the mSPRT checked after every visit do not (Wilson 99% intervals).
  it("an A/A test: peeking inflates the z-test's false positives, the mSPRT stays at most α", () => {
    const alpha = 0.05
    const runs = 1000
    const visits = 4000
    let peekingRejects = 0
    let horizonRejects = 0
    let sequentialRejects = 0
    for (let run = 0; run < runs; run++) {
      const rng = createRng(19, run)
      const test = new MixtureSprt({ tau: 0.02, alpha })
      const clicks = [0, 0]
      const n = [0, 0]
      let peeked = false
      let rejected = false
      for (let t = 1; t <= visits; t++) {
        const arm = t & 1
        const y = rng.next() < 0.1 ? 1 : 0
        clicks[arm] += y
        n[arm]++
        test.push(arm, y)
        if (test.check()) rejected = true
        if (t % 200 === 0 && twoProportionZTest(clicks[0], n[0], clicks[1], n[1]).pValue <= alpha) peeked = true
      }
      const s = test.latest()
      // Duality: rejected exactly when 0 has left the confidence sequence.
      expect(s.rejected, `run ${run}`).toBe(!(s.interval[0] <= 0 && 0 <= s.interval[1]))
      if (rejected) sequentialRejects++
      if (peeked) peekingRejects++
      if (twoProportionZTest(clicks[0], n[0], clicks[1], n[1]).pValue <= alpha) horizonRejects++
    }
    console.log(
      `A/A, ${runs} runs: peeking ${peekingRejects}, horizon ${horizonRejects}, mSPRT ${sequentialRejects} false positives`,
    )
    const peeking = wilsonInterval(peekingRejects, runs, 0.99)
    const horizon = wilsonInterval(horizonRejects, runs, 0.99)
    const sequential = wilsonInterval(sequentialRejects, runs, 0.99)
    expect(peeking[0], `peeking ${peekingRejects}/${runs}`).toBeGreaterThan(2 * alpha)
    expect(horizon[0], `horizon ${horizonRejects}/${runs}`).toBeLessThan(alpha)
    expect(horizon[1], `horizon ${horizonRejects}/${runs}`).toBeGreaterThan(alpha)
    expect(sequential[1], `mSPRT ${sequentialRejects}/${runs}`).toBeLessThan(alpha)
  })

  // With a true lift of 0.03 on a 0.10 CTR the mSPRT stops early and its confidence sequence keeps
  // the true difference at every step in at least 95% of experiments.
  it("detects a real lift and its confidence sequence covers the true difference", () => {
    const runs = 300
    let detected = 0
    let covered = 0
    let stopSum = 0
    for (let run = 0; run < runs; run++) {
      const rng = createRng(20, run)
      const test = new MixtureSprt({ tau: 0.02 })
      let stop = 0
      let alwaysCovered = true
      for (let t = 1; t <= 8000; t++) {
        const arm = t & 1
        test.push(arm, rng.next() < (arm === 1 ? 0.13 : 0.1) ? 1 : 0)
        if (test.check() && stop === 0) stop = t
        const s = test.latest()
        if (!(s.interval[0] <= 0.03 && 0.03 <= s.interval[1])) alwaysCovered = false
      }
      if (stop > 0) {
        detected++
        stopSum += stop
      }
      if (alwaysCovered) covered++
    }
    expect(detected / runs).toBeGreaterThan(0.9)
    expect(stopSum / detected).toBeLessThan(6000)
    expect(wilsonInterval(covered, runs)[1]).toBeGreaterThan(0.95)
  })

  // Users, not visits, randomised: 400 users whose click rates differ (Beta(0.5, 4.5), mean 0.1) and
  // who visit at log-normal rates, 4,000 visits per experiment, 300 seeded A/A experiments. A user's
  // visits are correlated, so the per-visit z-test and the per-visit mSPRT reject too often; the
  // delta-method z-test and the mSPRT with units (delta-method variance) keep to α (Wilson 99%).
  it("an A/A test with users randomised: the unit-aware tests keep α, the per-visit ones do not", () => {
    const runs = 300
    const users = 400
    const count = { visitZ: 0, deltaZ: 0, visitSprt: 0, unitSprt: 0 }
    for (let run = 0; run < runs; run++) {
      const rng = createRng(21, run)
      const ctr = new Float64Array(users)
      const cumulative = new Float64Array(users)
      const arm = new Uint8Array(users)
      let total = 0
      for (let u = 0; u < users; u++) {
        ctr[u] = beta(rng, 0.5, 4.5)
        total += Math.exp(normal(rng, 0, 1))
        cumulative[u] = total
        arm[u] = rng.next() < 0.5 ? 1 : 0
      }
      const perVisit = new MixtureSprt({ tau: 0.02 })
      const perUnit = new MixtureSprt({ tau: 0.02, units: users })
      const ratios = [new StreamingRatio(users), new StreamingRatio(users)]
      const clicks = [0, 0]
      const n = [0, 0]
      let visitRejected = false
      let unitRejected = false
      for (let t = 0; t < 4000; t++) {
        const x = rng.next() * total
        let lo = 0
        let hi = users - 1
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if (cumulative[mid] > x) hi = mid
          else lo = mid + 1
        }
        const k = arm[lo]
        const y = rng.next() < ctr[lo] ? 1 : 0
        clicks[k] += y
        n[k]++
        ratios[k].push(lo, y)
        perVisit.push(k, y)
        perUnit.push(k, y, lo)
        if (perVisit.check()) visitRejected = true
        if (perUnit.check()) unitRejected = true
      }
      if (twoProportionZTest(clicks[0], n[0], clicks[1], n[1]).pValue <= 0.05) count.visitZ++
      if (deltaMethodZTest(ratios[0].sums, ratios[1].sums).pValue <= 0.05) count.deltaZ++
      if (visitRejected) count.visitSprt++
      if (unitRejected) count.unitSprt++
    }
    console.log(`A/A with users randomised, ${runs} runs: ${JSON.stringify(count)}`)
    // Notebook 20 quotes these: more than a third, more than a sixth.
    expect(count.visitZ / runs).toBeGreaterThan(1 / 3)
    expect(count.visitSprt / runs).toBeGreaterThan(1 / 6)
    expect(wilsonInterval(count.visitZ, runs, 0.99)[0]).toBeGreaterThan(0.1)
    expect(wilsonInterval(count.visitSprt, runs, 0.99)[0]).toBeGreaterThan(0.05)
    expect(wilsonInterval(count.deltaZ, runs, 0.99)[0]).toBeLessThan(0.05)
    expect(wilsonInterval(count.unitSprt, runs, 0.99)[1]).toBeLessThan(0.05)
  })
})
