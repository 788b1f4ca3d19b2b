import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import {
  BayesUcb,
  BetaThompson,
  DiscountedThompson,
  DiscountedUcb,
  EpsilonGreedy,
  Exp3,
  FeedbackReweighting,
  GaussianThompson,
  GradientBandit,
  Greedy,
  KlUcb,
  LinThompson,
  LinUcb,
  OptimisticGreedy,
  RandomPolicy,
  SegmentEpsilonGreedy,
  SlidingWindowThompson,
  SlidingWindowUcb,
  Softmax,
  Ucb,
  Ucb1,
} from "../../src/bandits"
import {
  BootstrappedInterestMlp,
  Club,
  EnsembleSampling,
  FriendThompson,
  HierarchicalThompson,
  HybridLinUcb,
  PerUserThompson,
  PerUserUcb,
} from "../../src/bandits"
import type { Policy } from "../../src/bandits"

const K = 6
const D = 4
/** A context carrying everything any policy reads: features, segment, user. */
function contextAt(t: number): { features: Float64Array; segment: number; user: number } {
  const rng = createRng(99, t)
  const features = new Float64Array(D)
  for (let i = 0; i < D; i++) features[i] = rng.next() - 0.5
  return { features, segment: t % 2, user: t % 3 }
}
/** Bernoulli rewards with means 0.1 … 0.6 (arm a: 0.1·(a + 1)). */
function rewardOf(arm: number, rng: ReturnType<typeof createRng>): number {
  return rng.next() < 0.1 * (arm + 1) ? 1 : 0
}

const factories: [string, () => Policy<never>][] = [
  ["random", () => new RandomPolicy({ arms: K })],
  ["greedy", () => new Greedy({ arms: K })],
  ["epsilon-greedy", () => new EpsilonGreedy({ arms: K, epsilon: 0.1 })],
  ["epsilon-greedy decaying", () => new EpsilonGreedy({ arms: K, epsilon: 1, decay: 0.05, stepSize: 0.2 })],
  ["optimistic", () => new OptimisticGreedy({ arms: K })],
  ["softmax", () => new Softmax({ arms: K, temperature: 0.2 })],
  ["softmax annealed", () => new Softmax({ arms: K, temperature: 1, anneal: 0.1 })],
  ["ucb", () => new Ucb({ arms: K, c: 2 })],
  ["ucb1", () => new Ucb1({ arms: K })],
  ["kl-ucb", () => new KlUcb({ arms: K })],
  ["bayes-ucb", () => new BayesUcb({ arms: K })],
  ["thompson", () => new BetaThompson({ arms: K, probabilityDraws: 500, seed: 3 })],
  ["gaussian thompson", () => new GaussianThompson({ arms: K, probabilityDraws: 500 })],
  ["gradient", () => new GradientBandit({ arms: K, alpha: 0.1 })],
  ["gradient no baseline", () => new GradientBandit({ arms: K, alpha: 0.1, baseline: false })],
  ["exp3", () => new Exp3({ arms: K, gamma: 0.1 })],
  ["discounted ucb", () => new DiscountedUcb({ arms: K, discount: 0.95 })],
  ["sliding-window ucb", () => new SlidingWindowUcb({ arms: K, window: 30 })],
  ["discounted thompson", () => new DiscountedThompson({ arms: K, discount: 0.95, probabilityDraws: 500 })],
  ["sliding-window thompson", () => new SlidingWindowThompson({ arms: K, window: 30, probabilityDraws: 500 })],
  ["linucb", () => new LinUcb({ arms: K, dimension: D, alpha: 0.5 })],
  ["lin-thompson", () => new LinThompson({ arms: K, dimension: D, v: 0.3, probabilityDraws: 500 })],
  ["segment-aware", () => new SegmentEpsilonGreedy({ arms: K, epsilons: [0.05, 0.3], users: 3 })],
  ["feedback re-weighting", () => new FeedbackReweighting({ arms: K, users: 3 })],
  ["per-user thompson", () => new PerUserThompson({ arms: K, users: 3, probabilityDraws: 500 })],
  ["per-user ucb", () => new PerUserUcb({ arms: K, users: 3 })],
  ["hierarchical thompson", () => new HierarchicalThompson({ arms: K, users: 3, probabilityDraws: 500 })],
  ["friend thompson", () => new FriendThompson({ arms: K, users: 3, probabilityDraws: 500 })],
  [
    "bootstrapped interest mlp",
    () => new BootstrappedInterestMlp({ arms: K, dimension: D, users: 3, batch: 8, seed: 1 }),
  ],
  ["club", () => new Club({ arms: K, users: 3 })],
  ["ensemble sampling", () => new EnsembleSampling({ arms: K, users: 3, seed: 2 })],
  ["hybrid linucb", () => new HybridLinUcb({ arms: K, dimension: D, users: 3, alpha: 0.5 })],
] as unknown as [string, () => Policy<never>][]

function play(policy: Policy<unknown>, seed: number, steps: number): number[] {
  const rng = createRng(seed, 1)
  const envRng = createRng(seed, 2)
  const arms: number[] = []
  for (let t = 0; t < steps; t++) {
    const c = contextAt(t)
    const a = policy.select(c, rng)
    arms.push(a)
    policy.update(a, rewardOf(a, envRng), c)
  }
  return arms
}

describe.each(factories)("Policy contract: %s", (_label, make) => {
  it("probabilities sum to 1, are in [0, 1], finite, and do not change state", () => {
    const policy = make() as Policy<unknown>
    play(policy, 1, 200)
    for (let t = 200; t < 205; t++) {
      const p = policy.probabilities(contextAt(t))
      expect(p.length).toBe(K)
      let total = 0
      for (const v of p) {
        expect(Number.isFinite(v)).toBe(true)
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
        total += v
      }
      expect(total).toBeCloseTo(1, 12)
      expect(Array.from(policy.probabilities(contextAt(t)))).toEqual(Array.from(p))
    }
  })

  it("same seed ⇒ same choices; reset returns to the initial state", () => {
    const a = make() as Policy<unknown>
    const b = make() as Policy<unknown>
    const first = play(a, 7, 300)
    expect(play(b, 7, 300)).toEqual(first)
    a.reset()
    expect(play(a, 7, 300)).toEqual(first)
  })

  it("no NaN after updates, including extreme rewards", () => {
    const policy = make() as Policy<unknown>
    play(policy, 3, 100)
    for (let t = 0; t < 50; t++) policy.update(t % K, t % 2, contextAt(t))
    const p = policy.probabilities(contextAt(0))
    for (const v of p) expect(Number.isNaN(v)).toBe(false)
  })

  it("select draws arms with the stated probabilities", () => {
    const policy = make() as Policy<unknown>
    play(policy, 5, 150)
    const c = contextAt(150)
    const p = policy.probabilities(c)
    const rng = createRng(11)
    const n = 4000
    const counts = new Float64Array(K)
    for (let i = 0; i < n; i++) counts[policy.select(c, rng)]++
    // Binomial 4.5σ band plus the Monte Carlo error of estimated propensities (500 draws: ≤ 0.5/√500 ≈ 0.022).
    for (let a = 0; a < K; a++) expect(Math.abs(counts[a] / n - p[a])).toBeLessThan(4.5 * Math.sqrt(0.25 / n) + 0.05)
  })

  it("rejects an invalid arm and a non-finite reward with the policy's name", () => {
    const policy = make() as Policy<unknown>
    expect(() => policy.update(K, 1, contextAt(0))).toThrow(/arm must be an integer/)
    expect(() => policy.update(0, NaN, contextAt(0))).toThrow(/reward must be/)
  })
})

describe("option validation names the parameter", () => {
  it.each([
    [() => new EpsilonGreedy({ arms: 3, epsilon: 1.5 }), /epsilon must be in \[0, 1\], got 1.5/],
    [() => new EpsilonGreedy({ arms: 0 }), /arms must be an integer >= 1/],
    [() => new Softmax({ arms: 3, temperature: 0 }), /temperature must be a finite number > 0/],
    [() => new Ucb({ arms: 3, c: -1 }), /c must be a finite number >= 0/],
    [() => new LinUcb({ arms: 3, dimension: 0 }), /dimension must be an integer >= 1/],
    [() => new DiscountedUcb({ arms: 3, discount: 0 }), /discount must be in \(0, 1\]/],
    [() => new SegmentEpsilonGreedy({ arms: 3, epsilons: [0.1, 2] }), /epsilons\[1\] must be in \[0, 1\]/],
    [() => new BetaThompson({ arms: 3, probabilityDraws: 0 }), /probabilityDraws must be an integer >= 1/],
  ])("%#", (make, message) => {
    expect(make).toThrow(message)
  })
})
