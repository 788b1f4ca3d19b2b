import { describe, expect, it } from "vitest"
import { MlpPolicyLearner } from "../../src/evaluation/mlp-policy-learner"
import { loadTf } from "../../src/neural/tf"
import type { NetworkWeight } from "../../src/neural/network-weights"
import type { BanditLog } from "../../src/schema/bandit-log"

/**
 * Eight rounds, K = 3, features (x, 5) with a constant second feature; action 1 is rewarded where
 * x > 0 and action 0 where x < 0, action 2 never (the IPW learner's test log).
 */
function handLog(nPositions = 1): BanditLog {
  const x = [-2, -1, -0.5, 0.5, 1, 2, -1.5, 1.5]
  return {
    length: 8,
    nActions: 3,
    nPositions,
    action: Int32Array.of(0, 0, 2, 1, 1, 1, 0, 2),
    position: nPositions > 1 ? Int32Array.of(0, 1, 0, 1, 0, 1, 1, 0) : new Int32Array(8),
    reward: Float64Array.of(1, 2, 0, 1, 0.5, 1, 0, 0),
    propensity: Float64Array.of(0.5, 0.25, 0.4, 0.8, 0.2, 0.5, 0.3, 0.6),
    featureNames: ["x", "c"],
    context: Float64Array.from(x.flatMap((v) => [v, 5])),
    categoricalNames: [],
    categorical: new Int32Array(0),
    categoricalLevels: [],
    source: "hand",
  }
}

/** argmax of softmax(relu(z W₁ + b₁) W₂ + b₂), one hidden layer, from the saved weights. */
function greedyOf(weights: NetworkWeight[], z: number[]): number {
  const [w1, b1, w2, b2] = weights
  const h = w1.shape[1]
  const K = w2.shape[1]
  const hidden = Array.from({ length: h }, (_, u) =>
    Math.max(0, b1.values[u] + z.reduce((s, v, j) => s + v * w1.values[j * h + u], 0)),
  )
  const logits = Array.from(
    { length: K },
    (_, a) => b2.values[a] + hidden.reduce((s, v, u) => s + v * w2.values[u * K + a], 0),
  )
  return logits.indexOf(Math.max(...logits))
}

function probabilities(learner: MlpPolicyLearner, log: BanditLog): number[][] {
  const out = new Float64Array(log.nActions)
  return Array.from({ length: log.length }, (_, i) => {
    learner.actionProbabilities(log, i, out)
    return Array.from(out)
  })
}

describe("MlpPolicyLearner on eight hand-made rounds", () => {
  it("is named after its layers, and names bad options, a log without reward and a missing fit", async () => {
    expect(new MlpPolicyLearner({ seed: 1 }).name).toBe("MLP policy 32-K (IPW-weighted cross-entropy)")
    expect(new MlpPolicyLearner({ seed: 1, hidden: [4, 3] }).name).toBe("MLP policy 4-3-K (IPW-weighted cross-entropy)")
    expect(() => new MlpPolicyLearner({ seed: 1.5 })).toThrow("MlpPolicyLearner: seed must be a safe integer, got 1.5")
    for (const e of [-0.01, 1.01, Number.NaN])
      expect(() => new MlpPolicyLearner({ seed: 1, epsilon: e })).toThrow(
        `MlpPolicyLearner: epsilon must be in [0, 1], got ${e}`,
      )
    expect(() => new MlpPolicyLearner({ seed: 1, epsilon: 0 })).not.toThrow()
    expect(() => new MlpPolicyLearner({ seed: 1, epsilon: 1 })).not.toThrow()
    const learner = new MlpPolicyLearner({ seed: 1 })
    expect(learner.fittedNetwork()).toBeUndefined()
    expect(() => learner.actionProbabilities(handLog(), 0, new Float64Array(3))).toThrow(
      "MlpPolicyLearner: call fit first",
    )
    await expect(learner.fit({ ...handLog(), reward: new Float64Array(8) })).rejects.toThrow(
      "MlpPolicyLearner.fit: no round has a positive reward; there is nothing to learn from",
    )
  })

  it("defaults to one hidden layer of 32, 30 epochs, batches of 256 and a learning rate of 0.01; the seed decides the weights", async () => {
    const byDefault = await new MlpPolicyLearner({ seed: 4 }).fit(handLog())
    const explicit = await new MlpPolicyLearner({
      seed: 4,
      hidden: [32],
      epochs: 30,
      batchSize: 256,
      learningRate: 0.01,
      epsilon: 0,
    }).fit(handLog())
    const saved = byDefault.fittedNetwork()
    expect(saved?.weights.map((w) => w.shape)).toEqual([[2, 32], [32], [32, 3], [3]])
    expect(saved?.weights).toEqual(explicit.fittedNetwork()?.weights)
    expect(saved?.fitted.nActions).toBe(3)
    expect(saved?.fitted.nPositions).toBe(0)
    const mean = saved?.fitted.mean as Float64Array
    const scale = saved?.fitted.scale as Float64Array
    expect(mean[0]).toBeCloseTo(0, 15)
    expect(mean[1]).toBeCloseTo(5, 14)
    expect(scale[0]).toBeCloseTo(Math.sqrt(15 / 8), 14)
    expect(scale[1]).toBe(1)
    const seed4 = await new MlpPolicyLearner({ seed: 4, hidden: [2], epochs: 1 }).fit(handLog())
    const seed5 = await new MlpPolicyLearner({ seed: 5, hidden: [2], epochs: 1 }).fit(handLog())
    expect(seed5.fittedNetwork()?.weights).not.toEqual(seed4.fittedNetwork()?.weights)
    for (const l of [byDefault, explicit, seed4, seed5]) l.dispose()
    expect(byDefault.fittedNetwork()).toBeUndefined()
  })

  it("is ε-greedy on the network's scores of the standardised context and the one-hot position", async () => {
    const log = handLog(2)
    const learner = await new MlpPolicyLearner({ seed: 2, hidden: [4], epochs: 3, epsilon: 0.3 }).fit(log)
    const saved = learner.fittedNetwork()
    if (saved === undefined) throw new Error("fitted")
    expect(saved.fitted.nPositions).toBe(2)
    expect(saved.weights.map((w) => w.shape)).toEqual([[4, 4], [4], [4, 3], [3]])
    const scale = Math.sqrt(15 / 8)
    // a third position, unseen in the fit, adds no one-hot
    const unseen = { ...log, position: new Int32Array(8).fill(2) }
    for (const probe of [log, unseen]) {
      const got = probabilities(learner, probe)
      for (let i = 0; i < 8; i++) {
        const z = [probe.context[2 * i] / scale, 0, probe.position[i] === 0 ? 1 : 0, probe.position[i] === 1 ? 1 : 0]
        const best = greedyOf(saved.weights, z)
        expect(got[i], `round ${i}`).toEqual([0, 1, 2].map((a) => expect.closeTo(a === best ? 0.8 : 0.1, 14)))
      }
    }
    learner.dispose()
  })

  it("learns the IPW-weighted rewarded actions: action 0 where x < 0, action 1 where x > 0", async () => {
    const learner = await new MlpPolicyLearner({ seed: 3, hidden: [8], epochs: 40, learningRate: 0.1 }).fit(handLog())
    expect(probabilities(learner, handLog()).map((p) => p.indexOf(1))).toEqual([0, 0, 0, 1, 1, 1, 0, 1])
    learner.dispose()
  })

  it("restores a saved network that predicts as the fitted one, forgetting what it cached", async () => {
    const log = handLog(2)
    const fitted = await new MlpPolicyLearner({ seed: 6, hidden: [4], epochs: 2, epsilon: 0.2 }).fit(log)
    const saved = fitted.fittedNetwork()
    if (saved === undefined) throw new Error("fitted")
    const expected = probabilities(fitted, log)
    const restored = new MlpPolicyLearner({ seed: 99, hidden: [4], epsilon: 0.2 })
    await restored.restoreNetwork(saved)
    expect(probabilities(restored, log)).toEqual(expected)
    expect(restored.fittedNetwork()?.fitted).toEqual(saved.fitted)
    expect(restored.fittedNetwork()?.weights).toEqual(saved.weights)
    // a network whose last bias makes action 2 the greedy one everywhere, restored over the first
    const biased = {
      fitted: saved.fitted,
      weights: saved.weights.map((w, i) => (i === 3 ? { shape: w.shape, values: Float32Array.of(-50, -50, 50) } : w)),
    }
    await restored.restoreNetwork(biased)
    expect(probabilities(restored, log)).toEqual(new Array(8).fill([0.2 / 3, 0.2 / 3, 0.2 / 3 + 0.8]))
    fitted.dispose()
    restored.dispose()
  })
  it("weights each rewarded round by r/p: the rarely logged action rewarded once beats the common one rewarded twice", async () => {
    // one context; action 0 rewarded twice at p = 0.9 (weights 10/9 each), action 1 once at p = 0.1 (weight 10)
    const log: BanditLog = {
      ...handLog(),
      length: 4,
      action: Int32Array.of(0, 0, 1, 1),
      position: new Int32Array(4),
      reward: Float64Array.of(1, 1, 1, 0),
      propensity: Float64Array.of(0.9, 0.9, 0.1, 0.1),
      context: new Float64Array(8),
    }
    const learner = await new MlpPolicyLearner({ seed: 1, hidden: [2], epochs: 40, learningRate: 0.1 }).fit(log)
    expect(probabilities(learner, log)).toEqual(new Array(4).fill([0, 1, 0]))
    learner.dispose()
  })

  it("standardises every feature by its own mean and population sd", async () => {
    // c = (1, 2, 0, 3, 1, 0, 2, 1): mean 10/8, Σ(c − mean)² = 7.5
    const c = [1, 2, 0, 3, 1, 0, 2, 1]
    const base = handLog()
    const log = { ...base, context: base.context.map((v, j) => (j % 2 === 1 ? c[(j - 1) / 2] : v)) }
    const learner = await new MlpPolicyLearner({ seed: 1, hidden: [2], epochs: 1 }).fit(log)
    const saved = learner.fittedNetwork()
    if (saved === undefined) throw new Error("fitted")
    expect((saved.fitted.mean as Float64Array)[1]).toBeCloseTo(10 / 8, 14)
    expect((saved.fitted.scale as Float64Array)[1]).toBeCloseTo(Math.sqrt(7.5 / 8), 14)
    expect((saved.fitted.scale as Float64Array)[0]).toBeCloseTo(Math.sqrt(15 / 8), 14)
    learner.dispose()
  })

  it("reads a hand-set network: standardised x, the constant feature at 0, the one-hot position", async () => {
    // hidden = relu(identity · (x/sd, c − 5, 1[pos 0], 1[pos 1])); logits (0.5 + h₀, h₃, h₁ + 1.4 h₂)
    const identity = new Float32Array(16)
    for (let u = 0; u < 4; u++) identity[u * 4 + u] = 1
    const saved = {
      fitted: { nActions: 3, nPositions: 2, mean: Float64Array.of(0, 5), scale: Float64Array.of(Math.sqrt(15 / 8), 1) },
      weights: [
        { shape: [4, 4], values: identity },
        { shape: [4], values: new Float32Array(4) },
        { shape: [4, 3], values: Float32Array.of(1, 0, 0, 0, 0, 1, 0, 0, 1.4, 0, 1, 0) },
        { shape: [3], values: Float32Array.of(0.5, 0, 0) },
      ],
    }
    const learner = new MlpPolicyLearner({ seed: 1, hidden: [4] })
    learner.dispose()
    await learner.restoreNetwork(saved)
    const log = handLog(2)
    // position 0 rows (x = −2, −0.5, 1, 1.5): 1.4 beats 0.5 + x/sd until x/sd > 0.9; position 1 rows: 1 beats 0.5 + x/sd until x/sd > 0.5
    expect(probabilities(learner, log).map((p) => p.indexOf(1))).toEqual([2, 1, 2, 1, 2, 0, 1, 0])
    // a position the network was not fitted on adds no one-hot: 0.5 + relu(x/sd) wins everywhere
    const unseen = { ...log, position: new Int32Array(8).fill(2) }
    expect(probabilities(learner, unseen).map((p) => p.indexOf(1))).toEqual(new Array(8).fill(0))
    await expect(learner.restoreNetwork({ fitted: {}, weights: saved.weights })).rejects.toThrow(
      "MlpPolicyLearner: fitted.nActions must be an integer ≥ 1, got undefined",
    )
    learner.dispose()
  })

  it("names a bad epoch count, and frees its tensors: a refit holds as many as the first fit", async () => {
    await expect(new MlpPolicyLearner({ seed: 1, epochs: 0 }).fit(handLog())).rejects.toThrow(
      "MlpPolicyLearner: epochs must be a positive integer, got 0",
    )
    const tf = loadTf()
    const learner = new MlpPolicyLearner({ seed: 1, hidden: [2], epochs: 2 })
    await learner.fit(handLog())
    const afterFirst = tf.memory().numTensors
    await learner.fit(handLog())
    await learner.fit(handLog())
    expect(tf.memory().numTensors).toBe(afterFirst)
    learner.dispose()
  })
})
