import { describe, expect, it } from "vitest"
import type { Policy } from "../../src/bandits/policy"
import { EcommerceEnvironment, type EcommerceContext } from "../../src/simulation/ecommerce"
import { logEcommercePolicy } from "../../src/simulation/ecommerce-bandit-log"
import { createPolicy } from "../../src/simulation/factory"
import { compareOfflineOnline } from "../../src/simulation/offline-online"
import type { PolicySpec } from "../../src/simulation/config"

const env = new EcommerceEnvironment({ world: { users: 2000, items: 300, seed: 7 } })
const make = (spec: PolicySpec, seed: number): Policy<EcommerceContext> =>
  createPolicy(spec, env, 0, seed) as Policy<EcommerceContext>
const inside = (x: number, ci: [number, number]): boolean => ci[0] <= x && x <= ci[1]

/** A: uniform random; B: LinUCB on the visit features, trained on 10,000 visits of its own, then frozen. */
function policies(seed: number): [Policy<EcommerceContext>, Policy<EcommerceContext>] {
  const b = make({ type: "linucb" }, seed)
  logEcommercePolicy(env, b, 10_000, 1000 + seed)
  return [make({ type: "random" }, seed), b]
}

describe("compareOfflineOnline", () => {
  // Well specified: a uniform log with exact propensities covers every action, the targets are frozen,
  // and the log and the test span the same days. Over 6 seeded logs and tests, IPW and DR from the
  // log and the online A/B test estimate the same difference: they overlap on every seed, their
  // intervals hold the truth on at least 5 of 6, and their mean errors are within 3 of their reported standard errors of 0.
  it("on a well-specified setting OPE and the A/B test agree within their intervals", () => {
    const seeds = [11, 14, 17, 20, 23, 26]
    const errors = { dr: [] as number[], online: [] as number[] }
    const stderr = { dr: [] as number[], online: [] as number[] }
    const covered = { drA: 0, drB: 0, ipwDiff: 0, drDiff: 0, zDiff: 0, sequential: 0 }
    for (const seed of seeds) {
      const r = compareOfflineOnline(env, {
        policies: policies(seed),
        logging: make({ type: "random" }, seed + 500),
        logVisits: 8000,
        seed,
        resamples: 0,
      })
      expect(r.logRows).toBe(8000)
      // The paired differences are exactly the differences of evaluateOffPolicy's IPW and DR values.
      expect(r.offlineDifference.ipw.value).toBeCloseTo(r.offline[1].ipw.value - r.offline[0].ipw.value, 12)
      expect(r.offlineDifference.dr.value).toBeCloseTo(r.offline[1].dr.value - r.offline[0].dr.value, 12)
      const d = r.trueDifference
      const dr = r.offlineDifference.dr.ci95
      const z = r.online.fixedHorizon.interval
      expect(dr[0] <= z[1] && z[0] <= dr[1], `seed ${seed}: DR ${dr} and A/B ${z} do not overlap`).toBe(true)
      errors.dr.push(r.offlineDifference.dr.value - d)
      errors.online.push(r.online.fixedHorizon.difference - d)
      stderr.dr.push((dr[1] - dr[0]) / 2 / 1.959964)
      stderr.online.push((z[1] - z[0]) / 2 / 1.959964)
      covered.drA += +inside(r.truth[0], r.offline[0].dr.ci95)
      covered.drB += +inside(r.truth[1], r.offline[1].dr.ci95)
      covered.ipwDiff += +inside(d, r.offlineDifference.ipw.ci95)
      covered.drDiff += +inside(d, dr)
      covered.zDiff += +inside(d, z)
      covered.sequential += +inside(d, r.online.sequential.interval)
    }
    for (const [name, k] of Object.entries(covered))
      expect(k, `${name} holds the truth on ${k} of 6 seeds`).toBeGreaterThanOrEqual(5)
    // The mean error over the seeds, against the standard error the estimators report.
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length
    for (const k of ["dr", "online"] as const) {
      expect(Math.abs(mean(errors[k])), `${k} mean error ${mean(errors[k])}`).toBeLessThan(
        (3 * Math.sqrt(mean(stderr[k].map((s) => s * s)))) / Math.sqrt(seeds.length),
      )
    }
  })

  // Not well specified: the log comes from a greedy policy that settled on one category, so the
  // uniform policy's other actions are never logged. IPW sees a fraction of A's clicks and the
  // reward model cannot tell unseen categories apart: the offline difference is far from the truth,
  // while the online test, which serves both policies, finds it.
  it("without support in the log, OPE and the A/B test disagree and the A/B test is right", () => {
    const r = compareOfflineOnline(env, {
      policies: policies(11),
      logging: make({ type: "greedy" }, 9),
      logVisits: 8000,
      seed: 11,
      resamples: 0,
    })
    const d = r.trueDifference
    console.log(
      `greedy log: truth ${d.toFixed(4)}, IPW ${r.offlineDifference.ipw.value.toFixed(4)} ${r.offlineDifference.ipw.ci95.map((x) => x.toFixed(4))}, DR ${r.offlineDifference.dr.value.toFixed(4)} ${r.offlineDifference.dr.ci95.map((x) => x.toFixed(4))}, A/B ${r.online.fixedHorizon.interval.map((x) => x.toFixed(4))}`,
    )
    expect(inside(d, r.offlineDifference.ipw.ci95)).toBe(false)
    expect(inside(d, r.offlineDifference.dr.ci95)).toBe(false)
    expect(inside(d, r.online.fixedHorizon.interval)).toBe(true)
    expect(inside(d, r.online.sequential.interval)).toBe(true)
  })
})
