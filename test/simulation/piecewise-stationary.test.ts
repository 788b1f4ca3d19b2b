import { describe, expect, it } from "vitest"
import {
  BetaThompson,
  DiscountedThompson,
  DiscountedUcb,
  EpsilonGreedy,
  SlidingWindowThompson,
  SlidingWindowUcb,
  Ucb1,
  type Policy,
} from "../../src/bandits"
import { createRng } from "../../src/random/rng"
import {
  AbruptChangeArms,
  createEnvironment,
  environmentSpecSchema,
  environmentStream,
  interval,
  policyStream,
  RandomWalkArms,
  simulate,
  type Interval,
} from "../../src/simulation"
import type { Environment } from "../../src/schema"

/** Per-run share of optimal plays in each [from, to) window, as a mean with its 95% CI over runs. */
function windowShares(
  env: Environment<undefined>,
  policy: Policy<unknown>,
  windows: [number, number][],
  runs: number,
  seed: number,
): Interval[] {
  const horizon = Math.max(...windows.map((w) => w[1]))
  const means = new Float64Array(env.nArms)
  const perRun = windows.map(() => new Float64Array(runs))
  for (let r = 0; r < runs; r++) {
    const envRng = environmentStream(seed, r)
    const rng = policyStream(seed, 0, r)
    env.reset(envRng)
    policy.reset()
    for (let t = 0; t < horizon; t++) {
      env.context(t, envRng)
      const arm = policy.select(undefined, rng)
      env.expectedRewards(undefined, means)
      const optimal = means[arm] === Math.max(...means)
      policy.update(arm, env.reward(arm, undefined, envRng), undefined)
      if (!optimal) continue
      windows.forEach(([from, to], w) => {
        if (t >= from && t < to) perRun[w][r] += 1 / (to - from)
      })
    }
  }
  return perRun.map((v) => interval(v))
}

describe("AbruptChangeArms with settable change points", () => {
  it("switches to the next segment exactly at each change point, and starts again on reset", () => {
    const env = new AbruptChangeArms({
      arms: 2,
      changePoints: [3, 5],
      segments: [
        [0.1, 0.2],
        [0.3, 0.4],
        [0.5, 0.6],
      ],
    })
    const rng = createRng(1)
    const seen: number[] = []
    for (let pass = 0; pass < 2; pass++) {
      env.reset(rng)
      for (let t = 0; t < 7; t++) {
        env.context(t, rng)
        seen.push(env.expectedReward(1))
      }
    }
    expect(seen).toEqual([0.2, 0.2, 0.2, 0.4, 0.4, 0.6, 0.6, 0.2, 0.2, 0.2, 0.4, 0.4, 0.6, 0.6])
  })

  it("without segments redraws uniformly in [low, high] at the listed change points only", () => {
    const env = new AbruptChangeArms({ arms: 3, changePoints: [10], low: 0.2, high: 0.4 })
    const rng = createRng(2)
    env.reset(rng)
    const first = Array.from(env.probabilities)
    for (let t = 0; t < 10; t++) env.context(t, rng)
    expect(Array.from(env.probabilities)).toEqual(first)
    env.context(10, rng)
    const second = Array.from(env.probabilities)
    expect(second).not.toEqual(first)
    for (const p of [...first, ...second]) expect(p >= 0.2 && p <= 0.4).toBe(true)
    for (let t = 11; t < 1000; t++) env.context(t, rng)
    expect(Array.from(env.probabilities)).toEqual(second)
  })

  it("rewards are Bernoulli with the current segment's probabilities", () => {
    const env = new AbruptChangeArms({ arms: 1, changePoints: [20000], segments: [[0.3], [0.8]] })
    const rng = createRng(3)
    env.reset(rng)
    const sums = [0, 0]
    for (let t = 0; t < 40000; t++) {
      env.context(t, rng)
      sums[t < 20000 ? 0 : 1] += env.reward(0, undefined, rng)
    }
    // SE of a proportion over 20000 draws ≤ 0.0035: ±0.012 is > 3 SE.
    expect(Math.abs(sums[0] / 20000 - 0.3)).toBeLessThan(0.012)
    expect(Math.abs(sums[1] / 20000 - 0.8)).toBeLessThan(0.012)
  })

  it("a simulation config can set the change points and segments", async () => {
    const spec = environmentSpecSchema.parse({
      type: "abrupt-change",
      arms: 2,
      changePoints: [4],
      segments: [
        [0.9, 0.1],
        [0.1, 0.9],
      ],
    })
    const env = await createEnvironment(spec)
    const rng = createRng(5)
    env.reset(rng)
    for (let t = 0; t <= 4; t++) env.context(t, rng)
    expect(Array.from(env.expectedRewards(undefined, new Float64Array(2)))).toEqual([0.1, 0.9])
    expect(environmentSpecSchema.safeParse({ type: "abrupt-change", arms: 2, changePoints: [0] }).success).toBe(false)
  })

  it("names bad change points and segments", () => {
    expect(() => new AbruptChangeArms({ arms: 2 })).toThrow(
      "AbruptChangeArms: give exactly one of period and changePoints",
    )
    expect(() => new AbruptChangeArms({ arms: 2, period: 5, changePoints: [3] })).toThrow(
      "give exactly one of period and changePoints",
    )
    expect(() => new AbruptChangeArms({ arms: 2, changePoints: [5, 5] })).toThrow(
      "AbruptChangeArms: changePoints[1] must be an integer >= 1 and above the previous one, got 5",
    )
    expect(() => new AbruptChangeArms({ arms: 2, changePoints: [0] })).toThrow(
      "changePoints[0] must be an integer >= 1",
    )
    expect(() => new AbruptChangeArms({ arms: 2, changePoints: [5], segments: [[0.1, 0.2]] })).toThrow(
      "segments must have changePoints.length + 1 = 2 rows, got 1",
    )
    expect(() => new AbruptChangeArms({ arms: 2, changePoints: [5], segments: [[0.1, 0.2], [0.3]] })).toThrow(
      "segments[1] must have 2 probabilities, got 1",
    )
    expect(
      () =>
        new AbruptChangeArms({
          arms: 2,
          changePoints: [5],
          segments: [
            [0.1, 0.2],
            [0.3, 1.5],
          ],
        }),
    ).toThrow("segments[1][1] must be in [0, 1], got 1.5")
    expect(() => new AbruptChangeArms({ arms: 2, period: 5, segments: [[0.1, 0.2]] })).toThrow(
      "segments need changePoints",
    )
  })
})

/**
 * A three-arm switching problem in the spirit of Garivier & Moulines (2011, §6): arm 3 jumps from
 * 0.4 to 0.9 at t = 3000 and falls back at t = 5000, so after the second change the arm a stationary
 * policy has played most is no longer the best. Forgetting policies use G&M's tuning for Υ = 2
 * changes in T ≈ 10⁴ steps: γ = 1 − ¼√(Υ/T) ≈ 0.995 and τ = 2√(T ln T / Υ) ≈ 300 (the Thompson
 * variants a shorter memory, γ = 0.99, τ = 200). 100 runs; each policy's share of optimal plays is
 * measured in a settled window of each segment, with its 95% CI over runs.
 */
describe("piecewise-stationary Bernoulli arms (Garivier & Moulines 2011)", () => {
  const env = new AbruptChangeArms({
    arms: 3,
    changePoints: [3000, 5000],
    segments: [
      [0.5, 0.3, 0.4],
      [0.5, 0.3, 0.9],
      [0.5, 0.3, 0.4],
    ],
  })
  const windows: [number, number][] = [
    [1000, 3000],
    [3500, 5000],
    [5500, 7000],
  ]
  const runs = 100
  const forgetting = () => [
    new DiscountedUcb({ arms: 3, discount: 0.995 }),
    new SlidingWindowUcb({ arms: 3, window: 300 }),
    new DiscountedThompson({ arms: 3, discount: 0.99 }),
    new SlidingWindowThompson({ arms: 3, window: 200 }),
  ]
  const stationary = () => [new Ucb1({ arms: 3 }), new BetaThompson({ arms: 3 })]

  it("discounted and sliding-window UCB/Thompson recover after each change; UCB1 and Beta-Thompson stay on the old best arm", () => {
    const recovered: number[] = []
    for (const policy of forgetting()) {
      const [before, during, after] = windowShares(env, policy, windows, runs, 11)
      // the new best arm is found within 500 steps of the first change
      expect(during.ci95[0], policy.name).toBeGreaterThan(0.75)
      // after the second change the means are those of the first segment again, and so is the behaviour
      expect(Math.abs(after.mean - before.mean), policy.name).toBeLessThan(0.05)
      expect(after.ci95[0], policy.name).toBeGreaterThan(0.45)
      recovered.push(after.ci95[0])
    }
    for (const policy of stationary()) {
      const [before, , after] = windowShares(env, policy, windows, runs, 11)
      expect(before.ci95[0], policy.name).toBeGreaterThan(0.8)
      expect(after.ci95[1], policy.name).toBeLessThan(Math.min(...recovered))
      expect(after.ci95[1], policy.name).toBeLessThan(before.ci95[0] - 0.4)
    }
  })
})

describe("RandomWalkArms (Sutton & Barto 2018, exercise 2.5)", () => {
  it("every mean is a Gaussian random walk: after t steps its variance across runs is t·σ²", () => {
    const env = new RandomWalkArms({ arms: 10, walkSd: 0.1, start: 2 })
    const rng = createRng(4)
    const finals: number[] = []
    for (let r = 0; r < 400; r++) {
      env.reset()
      for (let t = 0; t < 100; t++) env.context(t, rng)
      finals.push(...env.means)
    }
    const mean = finals.reduce((s, v) => s + v, 0) / finals.length
    const variance = finals.reduce((s, v) => s + (v - mean) ** 2, 0) / (finals.length - 1)
    // 4000 draws of N(2, 1): SE of the mean 0.016, of the variance ≈ √(2/4000) ≈ 0.022
    expect(Math.abs(mean - 2)).toBeLessThan(0.07)
    expect(Math.abs(variance - 100 * 0.01)).toBeLessThan(0.09)
  })

  it("a constant step size α = 0.1 tracks the drift and beats sample averages (the exercise's answer)", () => {
    const result = simulate(
      new RandomWalkArms({ arms: 10, walkSd: 0.01 }),
      [new EpsilonGreedy({ arms: 10, epsilon: 0.1, stepSize: 0.1 }), new EpsilonGreedy({ arms: 10, epsilon: 0.1 })],
      { horizon: 5000, runs: 100, seed: 25 },
    )
    const [constant, average] = result.policies
    const meanOfLast = (curve: Float64Array) => curve.subarray(2500).reduce((s, v) => s + v, 0) / 2500
    // measured 0.70 vs 0.45 optimal in the second half; a run's share has sd ≈ 0.3, so each mean has SE ≈ 0.03
    expect(meanOfLast(constant.optimalRate)).toBeGreaterThan(meanOfLast(average.optimalRate) + 0.15)
    expect(constant.finals.meanReward.mean).toBeGreaterThan(average.finals.meanReward.mean)
  })
})
