import { describe, expect, it } from "vitest"
import { IpwPolicyLearner } from "../../src/evaluation/ipw-policy-learner"
import type { BanditLog } from "../../src/schema/bandit-log"

/**
 * Eight rounds, K = 3, features (x, 5) with a constant second feature; action 1 is rewarded where
 * x > 0 and action 0 where x < 0, action 2 never. Rewards 0.5 to 2, propensities 0.2 to 0.8.
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

/** Matchers for values equal to 14 digits. */
const near = (values: number[]) => values.map((v) => expect.closeTo(v, 14))

/** The design row of round i: the standardised features, then a one-hot position when there are several. */
function designOf(log: BanditLog, i: number, mean: ArrayLike<number>, scale: ArrayLike<number>, nPos: number) {
  const d = log.featureNames.length
  const z = Array.from({ length: d }, (_, j) => (log.context[i * d + j] - mean[j]) / scale[j])
  for (let p = 0; p < nPos; p++) z.push(log.position[i] === p ? 1 : 0)
  return z
}

/** ∇ of ½‖W‖² + C Σᵢ (rᵢ/pᵢ)(−log softmax(W zᵢ + b)_{aᵢ}) written out independently of the learner. */
function ipwGradient(learner: IpwPolicyLearner, log: BanditLog, C: number): number[] {
  const st = learner.state_ as NonNullable<IpwPolicyLearner["state_"]>
  const K = log.nActions
  const w = st.width
  const grad = Array.from(st.params.subarray(0, K * w)).concat(new Array(K).fill(0))
  for (let i = 0; i < log.length; i++) {
    if (log.reward[i] === 0) continue
    const z = designOf(log, i, st.mean, st.scale, st.nPositions)
    const s = Array.from(
      { length: K },
      (_, a) => st.params[K * w + a] + z.reduce((t, v, j) => t + v * st.params[a * w + j], 0),
    )
    const e = s.map((v) => Math.exp(v))
    const total = e.reduce((t, v) => t + v, 0)
    for (let a = 0; a < K; a++) {
      const g = C * (log.reward[i] / log.propensity[i]) * (e[a] / total - (a === log.action[i] ? 1 : 0))
      for (let j = 0; j < w; j++) grad[a * w + j] += g * z[j]
      grad[K * w + a] += g
    }
  }
  return grad
}

describe("IpwPolicyLearner on eight hand-made rounds", () => {
  it("standardises the features (population sd, 1 for a constant) and reaches the weighted objective's stationary point", () => {
    for (const C of [1, 3]) {
      const learner = new IpwPolicyLearner({ C }).fit(handLog())
      const st = learner.state_ as NonNullable<IpwPolicyLearner["state_"]>
      expect(st.width).toBe(2)
      expect(st.nPositions).toBe(0)
      expect(st.mean[0]).toBeCloseTo(0, 15)
      expect(st.mean[1]).toBeCloseTo(5, 14)
      // population variance of x: Σx²/8 = 15/8
      expect(st.scale[0]).toBeCloseTo(Math.sqrt(15 / 8), 14)
      expect(st.scale[1]).toBe(1)
      expect(st.params.length).toBe(3 * 2 + 3)
      for (const g of ipwGradient(learner, handLog(), C)) expect(Math.abs(g)).toBeLessThan(1e-5)
      // the rewarded actions win on their side of x = 0
      const out = new Float64Array(3)
      learner.actionProbabilities(handLog(), 1, out)
      expect(Array.from(out)).toEqual([1, 0, 0])
      learner.actionProbabilities(handLog(), 4, out)
      expect(Array.from(out)).toEqual([0, 1, 0])
    }
  })

  it("standardises every feature by its own mean and population sd", () => {
    // the second feature varies too: c = (1, 2, 0, 3, 1, 0, 2, 1), mean 10/8, Σ(c − mean)² = 7.5
    const c = [1, 2, 0, 3, 1, 0, 2, 1]
    const base = handLog()
    const log = { ...base, context: base.context.map((v, j) => (j % 2 === 1 ? c[(j - 1) / 2] : v)) }
    const learner = new IpwPolicyLearner({ C: 2 }).fit(log)
    const st = learner.state_ as NonNullable<IpwPolicyLearner["state_"]>
    expect(st.mean[1]).toBeCloseTo(10 / 8, 14)
    expect(st.scale[1]).toBeCloseTo(Math.sqrt(7.5 / 8), 14)
    expect(st.scale[0]).toBeCloseTo(Math.sqrt(15 / 8), 14)
    for (const g of ipwGradient(learner, log, 2)) expect(Math.abs(g)).toBeLessThan(1e-5)
  })

  it("adds a one-hot position to the design when the log has several positions", () => {
    const log = handLog(2)
    const learner = new IpwPolicyLearner({ C: 2 }).fit(log)
    const st = learner.state_ as NonNullable<IpwPolicyLearner["state_"]>
    expect(st.width).toBe(4)
    expect(st.nPositions).toBe(2)
    expect(st.params.length).toBe(3 * 4 + 3)
    for (const g of ipwGradient(learner, log, 2)) expect(Math.abs(g)).toBeLessThan(1e-5)
  })

  it("is ε-greedy on the scores W z + b, the first action on ties, a position past the fit's adding nothing", () => {
    const log = handLog(2)
    const learner = new IpwPolicyLearner({ epsilon: 0.3 }).fit(log)
    const st = learner.state_ as NonNullable<IpwPolicyLearner["state_"]>
    // scores: action a = intercept b_a + W_a · (z_x, z_c, 1[pos 0], 1[pos 1])
    st.params = Float64Array.of(0, 0, 0, 0, 1, 0, -1, 2, 0, 0, 1, 0, 0, 0.5, 0)
    const out = new Float64Array(3)
    const zx = (i: number) => log.context[i * 2] / st.scale[0]
    // scores (0, 0.5 + z_x − 1[pos 0] + 2·1[pos 1], 1[pos 0]); z_x = x/sd (x has mean 0)
    for (const i of [0, 3, 4, 6]) {
      const z = [zx(i), 0, log.position[i] === 0 ? 1 : 0, log.position[i] === 1 ? 1 : 0]
      const s = [0, 0.5 + z[0] - z[2] + 2 * z[3], z[2]]
      const best = s.indexOf(Math.max(...s))
      learner.actionProbabilities(log, i, out)
      expect(Array.from(out), `round ${i}`).toEqual(near([0, 1, 2].map((a) => (a === best ? 0.8 : 0.1))))
    }
    // ties: every score 0 → the first action
    st.params = new Float64Array(15)
    learner.actionProbabilities(log, 2, out)
    expect(Array.from(out)).toEqual(near([0.8, 0.1, 0.1]))
    // the last action alone is best
    st.params[14] = 1e-9
    learner.actionProbabilities(log, 2, out)
    expect(Array.from(out)).toEqual(near([0.1, 0.1, 0.8]))
    // a position the fit never saw adds no one-hot
    st.params = Float64Array.of(0, 0, 0, 0, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0.1, 0)
    learner.actionProbabilities({ ...log, position: new Int32Array(8).fill(2) }, 0, out)
    expect(Array.from(out)).toEqual(near([0.1, 0.8, 0.1]))
  })

  it("is named after its ε, and names bad options, a negative reward and a missing fit", () => {
    expect(new IpwPolicyLearner().name).toBe("IPW learner (weighted softmax regression)")
    expect(new IpwPolicyLearner({ epsilon: 0.1 }).name).toBe("IPW learner (weighted softmax regression, 0.1-greedy)")
    expect(() => new IpwPolicyLearner({ C: 0 })).toThrow("IpwPolicyLearner: C must be > 0, got 0")
    expect(() => new IpwPolicyLearner({ C: Number.NaN })).toThrow("C must be > 0, got NaN")
    for (const e of [-0.01, 1.01, Number.NaN])
      expect(() => new IpwPolicyLearner({ epsilon: e })).toThrow(
        `IpwPolicyLearner: epsilon must be in [0, 1], got ${e}`,
      )
    expect(() => new IpwPolicyLearner({ epsilon: 0 })).not.toThrow()
    expect(() => new IpwPolicyLearner({ epsilon: 1 })).not.toThrow()
    const out = new Float64Array(3)
    const uniform = new IpwPolicyLearner({ epsilon: 1 }).fit(handLog())
    uniform.actionProbabilities(handLog(), 0, out)
    expect(Array.from(out)).toEqual([1 / 3, 1 / 3, 1 / 3])
    const bad = { ...handLog(), reward: Float64Array.of(1, 0, 0, -0.5, 0, 0, 0, 0) }
    expect(() => new IpwPolicyLearner().fit(bad)).toThrow(
      "IpwPolicyLearner: round 3 has reward -0.5; weighted classification needs rewards >= 0",
    )
    expect(() => new IpwPolicyLearner().actionProbabilities(handLog(), 0, out)).toThrow(
      "IpwPolicyLearner: call fit first",
    )
  })

  it("stops at maxIter: one iteration is not yet stationary", () => {
    const learner = new IpwPolicyLearner({ maxIter: 1 }).fit(handLog())
    expect(Math.max(...ipwGradient(learner, handLog(), 1).map(Math.abs))).toBeGreaterThan(1e-3)
  })
})
