import { describe, expect, it } from "vitest"
import { fastNormal } from "../../src/random/fast-random"
import { createRng } from "../../src/random/rng"
import type { Policy } from "../../src/bandits/policy"
import { POLICY_REGISTRY } from "../../src/bandits/registry"
import { checkOptions } from "../../src/config/option-schema"
import { EpsilonGreedy } from "../../src/bandits/epsilon-greedy"
import { Exp3 } from "../../src/bandits/exp3"
import { ExploreThenCommit } from "../../src/bandits/explore-then-commit"
import { GaussianThompson } from "../../src/bandits/thompson-gaussian"
import { HierarchicalThompson } from "../../src/bandits/hierarchical-thompson"
import { HybridLinUcb } from "../../src/bandits/hybrid-linucb"
import { LinUcb } from "../../src/bandits/linucb"
import { RandomPolicy } from "../../src/bandits/random-policy"
import { Ucb1 } from "../../src/bandits/ucb1"
import type { Explanation } from "../../src/schema/explanation"

const K = 5
const D = 4
/** A context carrying everything any policy reads: features, user. */
function contextAt(t: number): { features: Float64Array; user: number } {
  const rng = createRng(99, t)
  const features = new Float64Array(D)
  for (let i = 0; i < D; i++) features[i] = rng.next() - 0.5
  return { features, user: t % 3 }
}
/** Bernoulli rewards with means 0.1 … 0.5 (arm a: 0.1·(a + 1)). */
function rewardOf(arm: number, rng: ReturnType<typeof createRng>): number {
  return rng.next() < 0.1 * (arm + 1) ? 1 : 0
}

/** Options a registry entry needs beyond its defaults. */
const REQUIRED: Record<string, Record<string, unknown>> = { "segment-epsilon-greedy": { epsilons: [0.05, 0.3] } }

function build(type: string): Policy<unknown> {
  const d = POLICY_REGISTRY.find((p) => p.type === type)
  if (!d) throw new Error(type)
  const checked = checkOptions(type, d.optionsSchema, REQUIRED[type] ?? {}) as Record<string, unknown>
  // a null means "not set" (as the config factory and persistence read it)
  const options = Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== null))
  return (d as { create(o: unknown, s: unknown): Policy<unknown> }).create(options, {
    arms: K,
    seed: 3,
    features: () => D,
    users: () => 3,
  })
}

/** Plays `steps` rounds; with `explain`, explains every pick before its update. */
function play(
  policy: Policy<unknown>,
  steps: number,
  explain: boolean,
): { arms: number[]; explanations: Explanation[] } {
  const rng = createRng(7)
  const rewards = createRng(8)
  const arms: number[] = []
  const explanations: Explanation[] = []
  for (let t = 0; t < steps; t++) {
    const context = contextAt(t)
    const arm = policy.select(context, rng)
    if (explain) explanations.push((policy.explain as NonNullable<Policy<unknown>["explain"]>)(arm, context))
    arms.push(arm)
    policy.update(arm, rewardOf(arm, rewards), context)
  }
  return { arms, explanations }
}

describe.each(POLICY_REGISTRY.map((d) => d.type))("explain: %s", (type) => {
  it("every registered policy explains each pick: the arm, a kind, a sentence, contributions that make the score", () => {
    const policy = build(type)
    expect(typeof policy.explain).toBe("function")
    const { arms, explanations } = play(policy, 300, true)
    explanations.forEach((e, t) => {
      expect(e.item).toBe(arms[t])
      expect(["exploit", "explore"]).toContain(e.kind)
      expect(e.text).toMatch(/exploitation|exploration/)
      expect(e.text).toContain(`${arms[t]}`)
      if (e.combine === "sum" && Number.isFinite(e.score))
        expect(e.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(e.score, 9)
    })
    // the random policy only explores; every other policy exploits in the last 100 rounds
    const late = explanations.slice(200).filter((e) => e.kind === "exploit").length
    if (type === "random") expect(explanations.every((e) => e.kind === "explore")).toBe(true)
    else expect(late).toBeGreaterThan(0)
  })

  it("explaining changes nothing: the same picks with and without explain", () => {
    expect(play(build(type), 200, true).arms).toEqual(play(build(type), 200, false).arms)
  })
})

describe("policy explanations against hand computations", () => {
  it("UCB1: estimate X̄(a) plus bonus sqrt(2 ln t / N(a)) equals the index; exploit iff the best mean", () => {
    const p = new Ucb1({ arms: 3 })
    const rewards = [1, 0, 1, 1, 0, 0, 1]
    const arms = [0, 1, 2, 0, 1, 2, 0]
    arms.forEach((a, i) => p.update(a, rewards[i]))
    // means: arm 0: 1, arm 1: 0, arm 2: 0.5; counts 3, 2, 2; t = 7
    const e = p.explain(2)
    expect(e.contributions[0].value).toBe(0.5)
    expect(e.contributions[1].value).toBeCloseTo(Math.sqrt((2 * Math.log(7)) / 2), 12)
    expect(e.score).toBe(p.indices(new Float64Array(3))[2])
    expect(e.kind).toBe("explore")
    expect(p.explain(0).kind).toBe("exploit")
    expect(new Ucb1({ arms: 3 }).explain(1).text).toBe(
      "Arm 1 had not been tried yet, and untried arms go first: exploration",
    )
  })

  it("ε-greedy: the explanation says explore exactly when the seeded ε-coin fired", () => {
    const p = new EpsilonGreedy({ arms: 4, epsilon: 0.3 })
    const rng = createRng(11)
    const rewards = createRng(12)
    let fired = 0
    for (let t = 0; t < 500; t++) {
      const coin = rng.clone().nextUint32() < 0.3 * 4294967296
      const arm = p.select(undefined, rng)
      expect(p.explain(arm).kind).toBe(coin ? "explore" : "exploit")
      fired += coin ? 1 : 0
      p.update(arm, rewardOf(arm, rewards))
    }
    expect(fired / 500).toBeGreaterThan(0.24)
    expect(fired / 500).toBeLessThan(0.36)
  })

  it("Gaussian Thompson: the draw is the winning m_a + s_a·z_a of the select, re-drawn here from a clone of the generator", () => {
    const p = new GaussianThompson({ arms: 3, priorMean: 0, priorSd: 1, noiseSd: 1 })
    ;[0, 1, 1, 2].forEach((a, i) => p.update(a, [1, 0.5, 0.7, -1][i]))
    const rng = createRng(5)
    const probe = rng.clone()
    const arm = p.select(undefined, rng)
    // posterior: precision 1 + n, mean S / (1 + n): arm 0 (n 1, S 1), arm 1 (n 2, S 1.2), arm 2 (n 1, S −1)
    const means = [1 / 2, 1.2 / 3, -1 / 2]
    const sds = [1 / Math.sqrt(2), 1 / Math.sqrt(3), 1 / Math.sqrt(2)]
    const draws = means.map((m, a) => m + sds[a] * fastNormal(probe))
    const e = p.explain(arm)
    expect(e.score).toBe(Math.max(...draws))
    expect(e.contributions[0].value).toBeCloseTo(means[arm], 12)
    expect(e.kind).toBe(arm === 0 ? "exploit" : "explore")
  })

  it("EXP3: the probability of the pick against the top probability", () => {
    const p = new Exp3({ arms: 3, gamma: 0.3 })
    p.update(1, 1)
    const probabilities = p.probabilities()
    const e = p.explain(0)
    expect(e.score).toBe(probabilities[0])
    expect(e.contributions[1].value).toBe(probabilities[1])
    expect(e.kind).toBe("explore")
    expect(p.explain(1).kind).toBe("exploit")
  })

  it("LinUCB: x·θ_a plus α·sqrt(xᵀA_a⁻¹x) by hand equals the kernel's bound", () => {
    const p = new LinUcb({ arms: 3, dimension: D, alpha: 0.7 })
    for (let t = 0; t < 40; t++) p.update(t % 3, t % 2, contextAt(t))
    const context = contextAt(100)
    const x = context.features
    const index = p.indices(context, new Float64Array(3))
    for (let a = 0; a < 3; a++) {
      let mean = 0
      let quad = 0
      for (let i = 0; i < D; i++) {
        mean += p.model.theta[a * D + i] * x[i]
        for (let j = 0; j < D; j++) quad += x[i] * p.model.inverseAt(a, i, j) * x[j]
      }
      const e = p.explain(a, context)
      expect(e.contributions[0].value).toBeCloseTo(mean, 12)
      expect(e.contributions[1].value).toBeCloseTo(0.7 * Math.sqrt(quad), 12)
      expect(e.score).toBeCloseTo(index[a], 12)
    }
  })

  it("hierarchical Thompson: the user's rate and the population's, weighted n/(n + s), make (α + S)/(s + n)", () => {
    const p = new HierarchicalThompson({ arms: 2, users: 2, strength: 4 })
    for (let t = 0; t < 20; t++) p.update(t % 2, t % 3 === 0 ? 1 : 0, { user: t % 4 < 2 ? 0 : 1 })
    const e = p.explain(1, { user: 0 })
    const s = p.successes[1]
    const n = s + p.failures[1]
    expect(p.strength(1)).toBeCloseTo(4, 12)
    expect(e.score).toBeCloseTo((p.priorAlpha[1] + s) / (4 + n), 12)
    expect(e.contributions[0].value).toBeCloseTo((n / (n + 4)) * (s / n), 12)
  })

  it("hybrid LinUCB: with α = 0 the bonus vanishes, so the recomputed mean is the policy's own bound", () => {
    const p = new HybridLinUcb({ arms: K, dimension: D, users: 3, alpha: 0 })
    const q = new HybridLinUcb({ arms: K, dimension: D, users: 3, alpha: 1 })
    const rewards = createRng(4)
    for (let t = 0; t < 60; t++) {
      const r = rewardOf(t % K, rewards)
      p.update(t % K, r, contextAt(t))
      q.update(t % K, r, contextAt(t))
    }
    for (let a = 0; a < K; a++) {
      expect(p.explain(a, contextAt(500)).contributions[2].value).toBeCloseTo(0, 12)
      const e = q.explain(a, contextAt(500))
      expect(e.contributions[2].value).toBeGreaterThan(0)
      expect(e.contributions[0].value + e.contributions[1].value).toBeCloseTo(p.explain(a, contextAt(500)).score, 12)
    }
  })

  it("explore-then-commit explores for m·K rounds then exploits; the random policy always explores", () => {
    const p = new ExploreThenCommit({ arms: 2, explorations: 3 })
    const rng = createRng(1)
    const kinds: string[] = []
    for (let t = 0; t < 10; t++) {
      const arm = p.select(undefined, rng)
      kinds.push(p.explain(arm).kind)
      p.update(arm, arm)
    }
    expect(kinds).toEqual([...Array(6).fill("explore"), ...Array(4).fill("exploit")])
    expect(new RandomPolicy({ arms: 3 }).explain(2).kind).toBe("explore")
  })
})
