import { describe, expect, it } from "vitest"
import { sliceBanditLog } from "../../src/schema/bandit-log"
import { LinearSoftmaxPolicy, SyntheticBanditProblem } from "../../src/data/bandit-log-synthetic"
import { ContextFreeTarget } from "../../src/evaluation/context-free-target"
import { GreedyModelTarget } from "../../src/evaluation/greedy-model-target"
import { IpwPolicyLearner } from "../../src/evaluation/ipw-policy-learner"
import { evaluateOffPolicy } from "../../src/evaluation/off-policy-evaluation"
import { MlpPolicyLearner } from "../../src/evaluation/mlp-policy-learner"
import { LinearRewardModel } from "../../src/evaluation/reward-model"
import { normal } from "../../src/random/normal"
import { createRng } from "../../src/random/rng"

describe("policies learned from logs (OBP's IPWLearner and QLearner)", () => {
  const K = 4
  const D = 3
  const rng = createRng(90)
  const problem = new SyntheticBanditProblem({ nActions: K, nPositions: 1, nFeatures: D, baseLogit: 0 }, rng)
  const logging = new LinearSoftmaxPolicy(
    "logging",
    Float64Array.from({ length: K * D }, () => normal(rng, 0, 0.3)),
    K,
    D,
    { epsilon: 0.3 },
  )
  const log = problem.sampleLog(16000, logging, rng)
  const train = sliceBanditLog(log, 0, 8000)
  const test = sliceBanditLog(log, 8000, 16000)
  const truth = (policy: Parameters<SyntheticBanditProblem["policyValue"]>[0]): number =>
    problem.policyValue(policy, 100000, createRng(91))
  const uniform = new ContextFreeTarget("uniform", K, 1, new Float64Array(K).fill(1 / K))
  const ipw = new IpwPolicyLearner({ C: 1, epsilon: 0.05 }).fit(train)
  const q = new GreedyModelTarget(new LinearRewardModel({ kind: "logistic" }).fit(train), K, {
    epsilon: 0.05,
    name: "Q-learner (logistic)",
  })

  it("both learn policies better than the logger and than uniform, by the world's ground truth", () => {
    const logger = truth(logging)
    const base = truth(uniform)
    const vIpw = truth(ipw)
    const vQ = truth(q)
    expect(vIpw).toBeGreaterThan(logger + 0.02)
    expect(vQ).toBeGreaterThan(logger + 0.02)
    expect(vIpw).toBeGreaterThan(base + 0.02)
    expect(vQ).toBeGreaterThan(base + 0.02)
  })

  it("off-policy estimates on the held-out half bracket their true values", () => {
    for (const policy of [ipw, q]) {
      const result = evaluateOffPolicy(test, policy, {
        estimators: ["ipw", "snipw", "dr"],
        rng: createRng(1),
        resamples: 0,
      })
      const v = truth(policy)
      for (const e of Object.values(result.estimates))
        expect(Math.abs(e.value - v)).toBeLessThan(3.5 * e.stderr + 0.005)
    }
  })

  it("a seeded MLP policy on TensorFlow.js learns too, and the same seed gives the same policy", async () => {
    const a = await new MlpPolicyLearner({ seed: 3, epochs: 8, batchSize: 512, learningRate: 0.03, epsilon: 0.05 }).fit(
      train,
    )
    const b = await new MlpPolicyLearner({ seed: 3, epochs: 8, batchSize: 512, learningRate: 0.03, epsilon: 0.05 }).fit(
      train,
    )
    const v = truth(a)
    expect(v).toBeGreaterThan(truth(logging) + 0.02)
    const pa = new Float64Array(K)
    const pb = new Float64Array(K)
    for (let i = 0; i < 200; i++) {
      a.actionProbabilities(test, i, pa)
      b.actionProbabilities(test, i, pb)
      expect(Array.from(pa)).toEqual(Array.from(pb))
    }
    const result = evaluateOffPolicy(test, a, { estimators: ["snipw"], rng: createRng(1), resamples: 0 })
    expect(Math.abs(result.estimates.snipw.value - v)).toBeLessThan(3.5 * result.estimates.snipw.stderr + 0.005)
    // Refitting forgets the greedy actions cached for a log under the previous network.
    await b.fit(sliceBanditLog(train, 0, 1000))
    const probabilities = (learner: MlpPolicyLearner) =>
      Array.from({ length: 200 }, (_, i) => {
        learner.actionProbabilities(test, i, pb)
        return Array.from(pb).join()
      })
    const before = probabilities(b)
    await b.fit(train)
    const after = probabilities(b)
    expect(after.filter((p, i) => p !== before[i]).length).toBeGreaterThan(0)
    for (let i = 0; i < 200; i++) {
      a.actionProbabilities(test, i, pa)
      b.actionProbabilities(test, i, pb)
      expect(Array.from(pb)).toEqual(Array.from(pa))
    }
    a.dispose()
    b.dispose()
  }, 120_000)

  it("rejects negative rewards", () => {
    const bad = { ...train, reward: train.reward.map((r) => r - 1) }
    expect(() => new IpwPolicyLearner().fit(bad)).toThrow(/needs rewards >= 0/)
  })
})
