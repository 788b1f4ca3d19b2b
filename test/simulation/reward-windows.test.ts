import { describe, expect, it } from "vitest"
import { BernoulliArms, EpsilonGreedy, GaussianTestbed, Ucb1, simulate, simulationFigures } from "../../src"
import { playRun } from "../../src/simulation/play"
import { emptyAccumulator, rewardWindow } from "../../src/simulation/accumulator"

// The report's reward band is the 95% CI across runs of exactly the plotted quantity, each run's
// mean reward over a window: checked against the same windows computed from runs played one by one.
describe("reward windows", () => {
  it.each([
    ["Bernoulli (0/1 rewards)", () => new BernoulliArms([0.2, 0.5, 0.45])],
    ["Gaussian testbed", () => new GaussianTestbed({ arms: 5 })],
  ])("%s: window means and their CI match runs played one at a time", (_name, makeEnv) => {
    const T = 1003
    const R = 7
    const seed = 5
    const env = makeEnv()
    const policies = () => [new Ucb1({ arms: env.nArms }), new EpsilonGreedy({ arms: env.nArms, epsilon: 0.1 })]
    const result = simulate(env, policies(), { horizon: T, runs: R, seed })
    const w = rewardWindow(T)
    expect(w).toBe(6)
    const n = Math.ceil(T / w)
    const ps = policies()
    for (let p = 0; p < ps.length; p++) {
      const perRun: number[][] = []
      for (let r = 0; r < R; r++) {
        const acc = emptyAccumulator(T)
        playRun(env, ps[p], p, r, T, seed, acc, new Float64Array(env.nArms))
        perRun.push(
          Array.from({ length: n }, (_, k) => {
            const end = Math.min(T, (k + 1) * w)
            let s = 0
            for (let t = k * w; t < end; t++) s += acc.reward[t]
            return s / (end - k * w)
          }),
        )
      }
      const win = result.policies[p].window
      expect(win.x[n - 1]).toBe(T)
      for (const k of [0, 17, n - 1]) {
        const v = perRun.map((row) => row[k])
        const mean = v.reduce((a, b) => a + b, 0) / R
        const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1))
        expect(win.mean[k]).toBeCloseTo(mean, 12)
        expect(win.upper[k] - win.mean[k]).toBeCloseTo((1.96 * sd) / Math.sqrt(R), 12)
      }
    }
  })

  it("the reward band of a click-rate report stays in [0, 1] and is narrower than the mean of per-step bands", () => {
    const env = new BernoulliArms([0.05, 0.1])
    const result = simulate(env, [new Ucb1({ arms: 2 })], { horizon: 2000, runs: 5, seed: 1 })
    const band = simulationFigures(result)[0].data[0]
    const ys = Array.from(band.y as ArrayLike<number>)
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...ys)).toBeLessThanOrEqual(1)
    const p = result.policies[0]
    const perStep =
      p.rewardUpper.subarray(0, 10).reduce((a, b) => a + b, 0) / 10 -
      p.rewardLower.subarray(0, 10).reduce((a, b) => a + b, 0) / 10
    expect(p.window.upper[0] - p.window.lower[0]).toBeLessThan(perStep)
  })
})
