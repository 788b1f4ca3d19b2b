import { describe, expect, it } from "vitest"
import { EpsilonGreedy, GradientBandit, Greedy, Ucb } from "../../src/bandits"
import { GaussianTestbed, simulate } from "../../src/simulation"

/**
 * Sutton & Barto, Reinforcement Learning: An Introduction (2nd ed., 2018), §2.3–2.8, figures 2.2,
 * 2.4, 2.5 (2000 runs × 1000 steps). We use 1000 runs (500 for the slower gradient bandit) to keep
 * the test short on a shared 2-core machine. The tolerance: a run's final reward (mean of the last
 * 10 steps) has sd ≈ 1 across runs (arm means sd 1, noise sd 1/√10), so the mean over 1000 runs has
 * SE ≈ 0.03 and the optimal-action share SE ≈ √(0.25/1000) ≈ 0.016; ±0.08 and ±0.06 are > 3 SE.
 */
describe("Sutton & Barto 10-armed testbed", () => {
  const horizon = 1000
  it("figure 2.2: ε = 0.1 ends near reward 1.37 / 80% optimal, greedy near 1.0 / 35%", () => {
    const result = simulate(
      new GaussianTestbed({ arms: 10 }),
      [new EpsilonGreedy({ arms: 10, epsilon: 0.1 }), new Greedy({ arms: 10 })],
      { horizon, runs: 1000, seed: 2018 },
    )
    const [eps, greedy] = result.policies
    expect(Math.abs(eps.finalMeanReward - 1.37)).toBeLessThan(0.08)
    expect(Math.abs(eps.finalOptimalActionRate - 0.8)).toBeLessThan(0.06)
    expect(Math.abs(greedy.finalMeanReward - 1.0)).toBeLessThan(0.08)
    expect(Math.abs(greedy.finalOptimalActionRate - 0.35)).toBeLessThan(0.06)
  })

  it("figure 2.4: UCB c = 2 beats ε = 0.1 after the first k steps", () => {
    const result = simulate(
      new GaussianTestbed({ arms: 10 }),
      [new Ucb({ arms: 10, c: 2 }), new EpsilonGreedy({ arms: 10, epsilon: 0.1 })],
      { horizon, runs: 1000, seed: 24 },
    )
    const [ucb, eps] = result.policies
    // Every 100-step window after the first 100 steps: UCB's average reward is higher.
    for (let start = 100; start < horizon; start += 100) {
      let u = 0
      let e = 0
      for (let t = start; t < start + 100; t++) {
        u += ucb.meanReward[t]
        e += eps.meanReward[t]
      }
      expect(u / 100).toBeGreaterThan(e / 100)
    }
    // The spike at step k + 1 = 11 (every arm tried once, then the best estimate is exploited).
    expect(ucb.meanReward[10]).toBeGreaterThan(ucb.meanReward[9] + 0.3)
  })

  it("figure 2.5: gradient bandit α = 0.1 with baseline ≈ 84% optimal at offset 4, far lower without", () => {
    const result = simulate(
      new GaussianTestbed({ arms: 10, offset: 4 }),
      [
        new GradientBandit({ arms: 10, alpha: 0.1, baseline: true }),
        new GradientBandit({ arms: 10, alpha: 0.1, baseline: false }),
      ],
      { horizon, runs: 500, seed: 25 },
    )
    const [withBaseline, without] = result.policies
    // 500 runs: SE of the optimal share ≈ 0.02; ±0.07.
    expect(Math.abs(withBaseline.finalOptimalActionRate - 0.84)).toBeLessThan(0.07)
    expect(without.finalOptimalActionRate).toBeLessThan(withBaseline.finalOptimalActionRate - 0.25)
  })
})
