import { describe, expect, it } from "vitest"
import { ExploreThenCommit } from "../../src/bandits/explore-then-commit"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"

/**
 * Plays explore-then-commit on two unit-variance Gaussian arms with means 0 and −Δ for `runs` runs
 * of `horizon` steps; returns the share of runs that committed to the worse arm and the mean regret.
 */
function twoGaussianArms(delta: number, m: number, horizon: number, runs: number): { wrong: number; regret: number } {
  const policy = new ExploreThenCommit({ arms: 2, explorations: m })
  const rng = createRng(2024)
  let wrong = 0
  let regret = 0
  for (let run = 0; run < runs; run++) {
    policy.reset()
    let arm = 0
    for (let t = 0; t < horizon; t++) {
      arm = policy.select(undefined, rng)
      if (arm === 1) regret += delta
      policy.update(arm, normal(rng, arm === 0 ? 0 : -delta, 1))
    }
    if (arm === 1) wrong++
  }
  return { wrong: wrong / runs, regret: regret / runs }
}

describe("explore-then-commit", () => {
  // Closed form and an independent numpy simulation: test/bandits/reference/explore_then_commit.py.
  it.each([
    { delta: 0.5, m: 10, horizon: 200, runs: 4000, pWrong: 0.131776, regret: 16.859861 },
    { delta: 0.2, m: 30, horizon: 500, runs: 2000, pWrong: 0.219289, regret: 25.297433 },
  ])(
    "Δ = $delta, m = $m, n = $horizon: commits wrongly with probability Φ(−Δ√(m/2)) and has regret mΔ + (n − 2m)Δ·Φ(−Δ√(m/2))",
    (c) => {
      const { wrong, regret } = twoGaussianArms(c.delta, c.m, c.horizon, c.runs)
      const se = Math.sqrt((c.pWrong * (1 - c.pWrong)) / c.runs)
      expect(Math.abs(wrong - c.pWrong)).toBeLessThan(4 * se)
      expect(Math.abs(regret - c.regret)).toBeLessThan(4 * se * (c.horizon - 2 * c.m) * c.delta)
    },
  )

  it("explores the arms in turn, m times each, then plays the best sample mean for good, with propensity 1", () => {
    const policy = new ExploreThenCommit({ arms: 3, explorations: 2 })
    const rng = createRng(1)
    const rewards = [0.2, 0.9, 0.5]
    const played: number[] = []
    for (let t = 0; t < 10; t++) {
      const p = Array.from(policy.probabilities())
      const arm = policy.select(undefined, rng)
      expect(p[arm]).toBe(1)
      played.push(arm)
      policy.update(arm, t < 6 ? rewards[arm] : 1 - rewards[arm])
    }
    expect(played).toEqual([0, 1, 2, 0, 1, 2, 1, 1, 1, 1])
    expect(Array.from(policy.means)).toEqual(rewards)
    expect(Array.from(policy.counts)).toEqual([2, 2, 2])
    policy.reset()
    expect(policy.select(undefined, rng)).toBe(0)
    expect(Array.from(policy.counts)).toEqual([0, 0, 0])
  })

  it("splits the propensity of a tie at the commit, draws once, and stays with the drawn arm", () => {
    const committed = new Set<number>()
    for (let seed = 0; seed < 40; seed++) {
      const policy = new ExploreThenCommit({ arms: 3, explorations: 1 })
      const rng = createRng(seed)
      for (const r of [1, 1, 0]) policy.update(policy.select(undefined, rng), r)
      expect(Array.from(policy.probabilities())).toEqual([0.5, 0.5, 0])
      const arm = policy.select(undefined, rng)
      committed.add(arm)
      expect(Array.from(policy.probabilities())).toEqual(arm === 0 ? [1, 0, 0] : [0, 1, 0])
      for (let t = 0; t < 5; t++) policy.update(policy.select(undefined, rng), 0)
      expect(policy.select(undefined, rng)).toBe(arm)
    }
    expect([...committed].sort()).toEqual([0, 1])
  })

  it("refuses a number of explorations that is not an integer >= 1, naming the option", () => {
    expect(() => new ExploreThenCommit({ arms: 2, explorations: 0 })).toThrow(
      "ExploreThenCommit: explorations must be an integer >= 1, got 0",
    )
    expect(() => new ExploreThenCommit({ arms: 2, explorations: 2.5 })).toThrow(
      "ExploreThenCommit: explorations must be an integer >= 1, got 2.5",
    )
  })
})
