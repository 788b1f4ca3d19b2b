import { describe, expect, it } from "vitest"
import { BetaThompson, KlUcb, Ucb1 } from "../../src/bandits"
import { BernoulliArms, laiRobbinsConstant, simulate } from "../../src/simulation"

/**
 * Chapelle & Li (2011), "An empirical evaluation of Thompson sampling", NIPS, figure 1: K = 10,
 * best arm 0.5, others 0.4. At T = 10⁴ Thompson sampling has the lowest regret, then KL-UCB,
 * then UCB1 (UCB1's ln t/Δ² constant is far above the KL ones), and Thompson's regret grows
 * parallel to the Lai–Robbins bound c·ln t, c = 9·0.1/kl(0.4, 0.5) ≈ 44.2, i.e. ≈ 102 per decade.
 */
describe("Bernoulli K = 10, 0.5 vs 0.4", () => {
  const means = [0.5, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]
  it("Lai–Robbins constant matches the closed form", () => {
    const kl = 0.4 * Math.log(0.4 / 0.5) + 0.6 * Math.log(0.6 / 0.5)
    expect(laiRobbinsConstant(means)).toBeCloseTo((9 * 0.1) / kl, 10)
  })

  it("regret at T = 10⁴: Thompson < KL-UCB < UCB1; Thompson's per-decade growth near the bound's slope", () => {
    const runs = 30
    const result = simulate(
      new BernoulliArms(means),
      [new BetaThompson({ arms: 10 }), new KlUcb({ arms: 10 }), new Ucb1({ arms: 10 })],
      {
        horizon: 10_000,
        runs,
        seed: 2011,
      },
    )
    const [ts, kl, ucb] = result.policies.map((p) => p.finals.cumulativeRegret)
    expect(ts.ci95[1]).toBeLessThan(kl.mean)
    expect(kl.ci95[1]).toBeLessThan(ucb.mean)
    const thompson = result.policies[0].cumulativeRegret
    const decade = thompson[9_999] - thompson[999]
    const slope = (result.laiRobbinsConstant as number) * Math.log(10)
    // 30 runs: the decade increment has SE ≈ 15; accept within ±50% of the asymptotic slope (finite-T effects).
    expect(decade / slope).toBeGreaterThan(0.5)
    expect(decade / slope).toBeLessThan(1.5)
  })
})
