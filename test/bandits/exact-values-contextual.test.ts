import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { fastNormal } from "../../src/random/fast-random"
import { LinThompson, LinUcb, RidgeArms, SegmentEpsilonGreedy, TopKSlate, Ucb1 } from "../../src/bandits"
import { featureOffset } from "../../src/bandits/ridge-arms"
import { RidgeKernel, pairedRowDots } from "../../src/bandits/ridge-kernel"
import { policyDescriptor } from "../../src/bandits/registry"
import { historyOf } from "./history-fixture"

/**
 * Exact values of the linear contextual policies against the numbers of
 * test/bandits/reference/linear_posterior.py (numpy, run by hand): d = 3, λ = 0.5, α = 0.8, three arms;
 * arm 1 sees four observations, arm 0 one, arm 2 none; the query is x = (0.5, −0.3, 0.7).
 */
const D = 3
const LAMBDA = 0.5
const ALPHA = 0.8
const OBSERVATIONS: [number, number[], number][] = [
  [1, [1, 0.5, -0.2], 1],
  [1, [0.3, -1, 0.4], 0],
  [1, [-0.6, 0.2, 1], 0.5],
  [1, [0.8, 0.8, 0.1], 1],
  [0, [0.2, 0.4, 0.6], 0.3],
]
const X = Float64Array.from([0.5, -0.3, 0.7])
const THETA = [
  [0.05660377358490566, 0.11320754716981132, 0.169811320754717],
  [0.5671175278828839, 0.45256139992479333, 0.4911310086042016],
  [0, 0, 0],
]
/** A⁻¹ as packed upper triangles (row-major), per arm. */
const INVERSE_UPPER = [
  [
    1.9245283018867925, -0.15094339622641512, -0.22641509433962265, 1.6981132075471699, -0.4528301886792453,
    1.3207547169811322,
  ],
  [
    0.4530158607946645, -0.1212483951850533, 0.1433537248749046, 0.44882423141235744, 0.015200171812682248,
    0.6370504518852238,
  ],
  [2, 0, 0, 2, 0, 2],
]
const MEAN = [0.11320754716981132, 0.4915820499869451, 0]
const WIDTH = [1.3581132075471696, 0.5961409212561605, 1.6599999999999997]
const INDEX = [1.0455124612565003, 1.1092633509860468, 1.03072789813801]
/** Lower Cholesky factors of A, row-major, per arm. */
const CHOLESKY = [
  [
    0.7348469228349535, 0, 0, 0.10886621079036349, 0.8050764858994133, 0, 0.1632993161855452, 0.2760262237369417,
    0.870139561876632,
  ],
  [
    1.6093476939431082, 0, 0, 0.4473862315208641, 1.4932667410230362, 0, -0.3728218596007199, -0.0356296914295317,
    1.2528904126429006,
  ],
  [Math.SQRT1_2, 0, 0, 0, Math.SQRT1_2, 0, 0, 0, Math.SQRT1_2],
]

function feed(policy: { update(arm: number, reward: number, context: { features: Float64Array }): void }): void {
  for (const [arm, x, r] of OBSERVATIONS) policy.update(arm, r, { features: Float64Array.from(x) })
}

/** K·d per-arm features: arm a's block is (a + 1)·x, so its mean scales by (a + 1) and its width by (a + 1)². */
function perArm(x: Float64Array, K: number): Float64Array {
  const out = new Float64Array(K * x.length)
  for (let a = 0; a < K; a++) for (let i = 0; i < x.length; i++) out[a * x.length + i] = (a + 1) * x[i]
  return out
}

/** (x·θ_a) + v·xᵀL_a⁻ᵀz: one posterior draw, by back substitution with the numpy factor. */
function drawOf(arm: number, x: ArrayLike<number>, z: number[], v: number, mean: number): number {
  const L = CHOLESKY[arm]
  const y = z.slice()
  for (let i = D - 1; i >= 0; i--) {
    let s = y[i]
    for (let j = i + 1; j < D; j++) s -= L[j * D + i] * y[j]
    y[i] = s / L[i * D + i]
  }
  let noise = 0
  for (let i = 0; i < D; i++) noise += y[i] * x[i]
  return mean + v * noise
}

const setting = { arms: 3, seed: 4, features: () => D, users: () => 2 }

describe("RidgeArms against numpy", () => {
  for (const kernel of [true, false]) {
    it(`A⁻¹, θ, the means and the widths after five updates (kernel: ${kernel})`, () => {
      const model = new RidgeArms(3, D, LAMBDA, { kernel })
      for (const [arm, x, r] of OBSERVATIONS) model.update(arm, Float64Array.from(x), 0, r)
      expect(model.packedSize).toBe(6)
      for (let a = 0; a < 3; a++) {
        let k = 0
        for (let i = 0; i < D; i++)
          for (let j = i; j < D; j++) {
            expect(model.inverseAt(a, i, j)).toBeCloseTo(INVERSE_UPPER[a][k], 14)
            expect(model.inverseAt(a, j, i)).toBeCloseTo(INVERSE_UPPER[a][k++], 14)
          }
        for (let i = 0; i < D; i++) expect(model.theta[a * D + i]).toBeCloseTo(THETA[a][i], 14)
      }
      // x at offset 2 of a longer array.
      const padded = Float64Array.from([9, 9, ...X])
      model.setPairs(padded, 2)
      const widths = model.pairQuadraticForms(new Float64Array(3))
      const means = model.means(padded, 2, new Float64Array(3))
      for (let a = 0; a < 3; a++) {
        expect(widths[a]).toBeCloseTo(WIDTH[a], 14)
        expect(model.pairQuadraticForm(a)).toBeCloseTo(WIDTH[a], 14)
        expect(model.quadraticForm(a, padded, 2)).toBeCloseTo(WIDTH[a], 14)
        expect(means[a]).toBeCloseTo(MEAN[a], 14)
        expect(model.mean(a, padded, 2)).toBeCloseTo(MEAN[a], 14)
      }
      const u = new Float64Array(D)
      expect(model.inverseTimes(1, padded, 2, u)).toBeCloseTo(WIDTH[1], 14)
      const shared = model.exactMeans("who", X)
      const stacked = model.exactMeans("who", perArm(X, 3))
      for (let a = 0; a < 3; a++) {
        expect(shared[a]).toBeCloseTo(MEAN[a], 14)
        expect(stacked[a]).toBeCloseTo((a + 1) * MEAN[a], 14)
      }
      expect(() => model.exactMeans("who", new Float64Array(4))).toThrow(
        "who: context.features must have length 3 (shared) or 9 (per arm), got 4",
      )
      model.reset()
      for (let a = 0; a < 3; a++)
        for (let i = 0; i < D; i++) {
          for (let j = 0; j < D; j++) expect(model.inverseAt(a, i, j)).toBe(i === j ? 2 : 0)
          expect(model.theta[a * D + i]).toBe(0)
        }
    })
  }

  it("featureOffset: 0 for shared features, a·d per arm, else one line naming the lengths", () => {
    expect(featureOffset("p", new Float64Array(3), 2, 4, 3)).toBe(0)
    expect(featureOffset("p", new Float64Array(12), 2, 4, 3)).toBe(6)
    expect(() => featureOffset("p", new Float64Array(5), 0, 4, 3)).toThrow(
      "p: context.features must have length 3 (shared) or 12 (per arm), got 5",
    )
  })
})

describe("RidgeKernel and pairedRowDots on small hand-checked rows", () => {
  it("K = 5 rows (one block of four, one alone), odd and even lengths, with a vector offset", () => {
    // Rows 1..3, 4..6, …: row r of length 3 times (1, 10, 100) is 100·(3r + 3) + 10·(3r + 2) + (3r + 1).
    const rows = Float64Array.from({ length: 15 }, (_, i) => i + 1)
    const expected = [321, 654, 987, 1320, 1653]
    expect(Array.from(pairedRowDots(rows, 3, 5, Float64Array.from([7, 1, 10, 100]), 1, new Float64Array(5)))).toEqual(
      expected,
    )
    expect(Array.from(pairedRowDots(rows, 2, 3, Float64Array.from([1, 10]), 0, new Float64Array(3)))).toEqual([
      21, 43, 65,
    ])
    for (const d of [2, 3]) {
      const kernel = RidgeKernel.create(5, d)
      if (!kernel) throw new Error("no WebAssembly memory")
      const P = (d * (d + 1)) / 2
      expect([kernel.nArms, kernel.dimension, kernel.pairs.length, kernel.x.length]).toEqual([5, d, P, d])
      expect([kernel.inverse.length, kernel.theta.length]).toEqual([5 * P, 5 * d])
      kernel.inverse.set(Float64Array.from({ length: 5 * P }, (_, i) => i + 1))
      kernel.pairs.set(Float64Array.from({ length: P }, (_, k) => 10 ** k))
      kernel.theta.set(Float64Array.from({ length: 5 * d }, (_, i) => i + 1))
      kernel.x.set(Float64Array.from({ length: d }, (_, k) => 10 ** k))
      const forms = Array.from(kernel.quadraticForms())
      const means = Array.from(kernel.means())
      for (let a = 0; a < 5; a++) {
        let f = 0
        for (let k = 0; k < P; k++) f += (a * P + k + 1) * 10 ** k
        let m = 0
        for (let k = 0; k < d; k++) m += (a * d + k + 1) * 10 ** k
        expect(forms[a]).toBe(f)
        expect(means[a]).toBe(m)
      }
    }
  })
})

describe("LinUcb exact bounds (numpy reference)", () => {
  it("indices, propensities, choice and explanation with shared features", () => {
    const p = new LinUcb({ arms: 3, dimension: D, alpha: ALPHA, lambda: LAMBDA })
    expect(p.name).toBe("linucb-0.8")
    expect(p.config).toEqual({ arms: 3, dimension: 3, alpha: 0.8, lambda: 0.5 })
    feed(p)
    const idx = p.indices({ features: X }, new Float64Array(3))
    for (let a = 0; a < 3; a++) expect(idx[a]).toBeCloseTo(INDEX[a], 13)
    const scores = p.scores({ features: X }, createRng(1), new Float64Array(3))
    for (let a = 0; a < 3; a++) expect(scores[a]).toBeCloseTo(INDEX[a], 13)
    expect(Array.from(p.probabilities({ features: X }))).toEqual([0, 1, 0])
    expect(p.select({ features: X }, createRng(1))).toBe(1)
    const e0 = p.explain(0, { features: X })
    expect(e0.score).toBeCloseTo(INDEX[0], 13)
    expect(e0.kind).toBe("explore")
    expect(e0.contributions[0].value).toBeCloseTo(MEAN[0], 13)
    expect(e0.contributions[1].value).toBeCloseTo(ALPHA * Math.sqrt(WIDTH[0]), 13)
    expect(e0.text).toBe(
      "Arm 0: x·θ 0.113 + bonus 0.932 = index 1.05; arm 1 has the best x·θ (0.492) but a smaller bonus: exploration",
    )
    const e1 = p.explain(1, { features: X })
    expect(e1.kind).toBe("exploit")
    expect(e1.score).toBeCloseTo(INDEX[1], 13)
    p.reset()
    const fresh = p.indices({ features: X }, new Float64Array(3))
    for (let a = 0; a < 3; a++) expect(fresh[a]).toBeCloseTo(ALPHA * Math.sqrt(WIDTH[2]), 13)
  })

  it("per-arm features: each arm reads and learns its own block", () => {
    const p = new LinUcb({ arms: 3, dimension: D, alpha: ALPHA, lambda: LAMBDA })
    // Arm a's block of the update context is (a + 1)·x/(a + 1) = x: blocks differ, arm a reads its own.
    for (const [arm, x, r] of OBSERVATIONS) {
      const features = new Float64Array(3 * D)
      for (let b = 0; b < 3; b++) for (let i = 0; i < D; i++) features[b * D + i] = b === arm ? x[i] : 100 + b
      p.update(arm, r, { features })
    }
    const idx = p.indices({ features: perArm(X, 3) }, new Float64Array(3))
    for (let a = 0; a < 3; a++)
      expect(idx[a]).toBeCloseTo((a + 1) * MEAN[a] + ALPHA * (a + 1) * Math.sqrt(WIDTH[a]), 13)
    const e2 = p.explain(2, { features: perArm(X, 3) })
    expect(e2.score).toBeCloseTo(3 * ALPHA * Math.sqrt(WIDTH[2]), 13)
    expect(e2.contributions[0].value).toBe(0)
    expect(() => p.indices({ features: new Float64Array(4) }, new Float64Array(3))).toThrow(
      "linucb-0.8: context.features must have length 3 (shared) or 9 (per arm), got 4",
    )
  })

  it("checks its options, arms and rewards, naming itself; the registry passes the feature dimension", () => {
    expect(() => new LinUcb({ arms: 0, dimension: 2 })).toThrow("LinUcb: arms must be an integer >= 1, got 0")
    expect(() => new LinUcb({ arms: 2, dimension: 0 })).toThrow("LinUcb: dimension must be an integer >= 1, got 0")
    expect(() => new LinUcb({ arms: 2, dimension: 2, alpha: -1 })).toThrow(/^LinUcb: alpha/)
    const p = new LinUcb({ arms: 2, dimension: 2, name: "mine" })
    expect(p.name).toBe("mine")
    expect(p.config).toEqual({ arms: 2, dimension: 2, alpha: 1, lambda: 1 })
    expect(() => p.update(2, 1, { features: new Float64Array(2) })).toThrow(
      "mine: arm must be an integer in [0, 1], got 2",
    )
    expect(() => p.update(0, Number.NaN, { features: new Float64Array(2) })).toThrow(
      "mine: reward must be finite, got NaN",
    )
    expect(() => p.update(0, 1, { features: new Float64Array(3) })).toThrow("mine: context.features must have length 2")
    const built = policyDescriptor("linucb").create({ alpha: ALPHA, lambda: LAMBDA }, setting) as LinUcb
    expect(built.config).toEqual({ arms: 3, dimension: 3, alpha: 0.8, lambda: 0.5 })
  })
})

describe("LinThompson exact draws (numpy Cholesky factors)", () => {
  it("select draws x·θ_a + v·xᵀL_a⁻ᵀz per arm, plays the largest, and explains that draw", () => {
    const v = 0.3
    const p = new LinThompson({ arms: 3, dimension: D, v, lambda: LAMBDA, seed: 2 })
    expect(p.name).toBe("lin-thompson-0.3")
    expect(p.config).toEqual({ arms: 3, dimension: 3, v: 0.3, lambda: 0.5, probabilityDraws: 1000, seed: 2 })
    feed(p)
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const normals = createRng(seed)
      const draws = [0, 1, 2].map((a) =>
        drawOf(
          a,
          X,
          Array.from({ length: D }, () => fastNormal(normals)),
          v,
          MEAN[a],
        ),
      )
      const best = draws.indexOf(Math.max(...draws))
      expect(p.select({ features: X }, createRng(seed))).toBe(best)
      const e = p.explain(best, { features: X })
      expect(e.score).toBeCloseTo(draws[best], 13)
      expect(e.contributions[0].value).toBeCloseTo(MEAN[best], 13)
    }
    // Per-arm features: arm a draws with its own block (a + 1)·x.
    const stacked = perArm(X, 3)
    const normals = createRng(9)
    const draws = [0, 1, 2].map((a) =>
      drawOf(
        a,
        stacked.subarray(a * D, (a + 1) * D),
        Array.from({ length: D }, () => fastNormal(normals)),
        v,
        (a + 1) * MEAN[a],
      ),
    )
    const best = draws.indexOf(Math.max(...draws))
    expect(p.select({ features: stacked }, createRng(9))).toBe(best)
    expect(p.explain(best, { features: stacked }).score).toBeCloseTo(draws[best], 13)
  })

  it("propensities are the Monte Carlo share of these draws from the seeded generator", () => {
    const v = 0.3
    const p = new LinThompson({ arms: 3, dimension: D, v, lambda: LAMBDA, seed: 7, probabilityDraws: 40 })
    feed(p)
    const rng = createRng(7, 0)
    const wins = [0, 0, 0]
    for (let t = 0; t < 40; t++) {
      const draws = [0, 1, 2].map((a) =>
        drawOf(
          a,
          X,
          Array.from({ length: D }, () => fastNormal(rng)),
          v,
          MEAN[a],
        ),
      )
      wins[draws.indexOf(Math.max(...draws))]++
    }
    const probs = p.probabilities({ features: X })
    for (let a = 0; a < 3; a++) expect(probs[a]).toBeCloseTo(wins[a] / 40, 12)
    expect(wins.filter((w) => w > 0).length).toBeGreaterThan(1)
    expect(() => p.probabilities({ features: new Float64Array(4) })).toThrow("context.features must have length 3")
  })

  it("with v = 0 it is greedy on x·θ (first arm on ties); reset returns to the prior; checks its input", () => {
    const p = new LinThompson({ arms: 3, dimension: D, v: 0, lambda: LAMBDA })
    expect(p.select({ features: X }, createRng(1))).toBe(0)
    expect(p.explain(0, { features: X }).kind).toBe("exploit")
    feed(p)
    expect(p.select({ features: X }, createRng(1))).toBe(1)
    expect(Array.from(p.probabilities({ features: X }))).toEqual([0, 1, 0])
    const q = new LinThompson({ arms: 3, dimension: D, v: 1, lambda: LAMBDA, seed: 3 })
    feed(q)
    q.reset()
    const normals = createRng(5)
    // After reset every arm is at the prior N(0, A⁻¹ = I/λ): arm 2's factor (it saw nothing) for all.
    const draws = [0, 1, 2].map(() =>
      drawOf(
        2,
        X,
        Array.from({ length: D }, () => fastNormal(normals)),
        1,
        0,
      ),
    )
    const best = draws.indexOf(Math.max(...draws))
    expect(q.select({ features: X }, createRng(5))).toBe(best)
    expect(q.explain(best, { features: X }).score).toBeCloseTo(draws[best], 13)
    expect(() => p.select({ features: new Float64Array(4) }, createRng(1))).toThrow(
      "lin-thompson-0: context.features must have length 3 (shared) or 9 (per arm), got 4",
    )
    expect(() => p.update(3, 1, { features: X })).toThrow("lin-thompson-0: arm must be an integer in [0, 2], got 3")
    expect(() => p.update(0, Infinity, { features: X })).toThrow("lin-thompson-0: reward must be finite")
    expect(() => new LinThompson({ arms: 2, dimension: 0 })).toThrow("LinThompson: dimension must be an integer >= 1")
    expect(() => new LinThompson({ arms: 0, dimension: 1 })).toThrow("LinThompson: arms must be")
    expect(() => new LinThompson({ arms: 2, dimension: 1, seed: -1 })).toThrow(
      "LinThompson: seed must be an integer >= 0",
    )
    expect(() => new LinThompson({ arms: 2, dimension: 1, v: -1 })).toThrow(/^LinThompson: v/)
    expect(new LinThompson({ arms: 2, dimension: 1, name: "t" }).name).toBe("t")
    const built = policyDescriptor("lin-thompson").create(
      { v: 0.3, lambda: 0.5, probabilityDraws: 10 },
      setting,
    ) as LinThompson
    expect(built.config).toEqual({ arms: 3, dimension: 3, v: 0.3, lambda: 0.5, probabilityDraws: 10, seed: 4 })
  })

  it("per-arm update contexts: arm a learns from its own block", () => {
    const v = 0.3
    const p = new LinThompson({ arms: 3, dimension: D, v, lambda: LAMBDA })
    for (const [arm, x, r] of OBSERVATIONS) {
      const features = new Float64Array(3 * D)
      for (let b = 0; b < 3; b++) for (let i = 0; i < D; i++) features[b * D + i] = b === arm ? x[i] : 50 - b
      p.update(arm, r, { features })
    }
    const normals = createRng(3)
    const draws = [0, 1, 2].map((a) =>
      drawOf(
        a,
        X,
        Array.from({ length: D }, () => fastNormal(normals)),
        v,
        MEAN[a],
      ),
    )
    const best = draws.indexOf(Math.max(...draws))
    expect(p.select({ features: X }, createRng(3))).toBe(best)
    expect(p.explain(best, { features: X }).score).toBeCloseTo(draws[best], 13)
  })
})

describe("TopKSlate exact feedback", () => {
  it("cascade without a click: every shown item gets 0; position-based: unclicked items get 0, clicked 1/κ", () => {
    const base = new Ucb1({ arms: 4 })
    const slate = new TopKSlate(base, { k: 3, clickModel: "cascade" })
    expect(slate.name).toBe("top3-cascade-ucb1")
    expect(slate.config).toEqual({ k: 3, clickModel: "cascade", examination: null })
    slate.update(Int32Array.from([3, 1, 0]), Uint8Array.from([0, 0, 0]), undefined)
    expect(Array.from(base.counts)).toEqual([1, 1, 0, 1])
    slate.reset()
    expect(Array.from(base.counts)).toEqual([0, 0, 0, 0])
    const pbm = new TopKSlate(base, { k: 3, clickModel: "position-based", examination: [1, 0.5, 0.25, 0.1] })
    expect(pbm.config.examination).toEqual([1, 0.5, 0.25, 0.1])
    pbm.update(Int32Array.from([2, 0, 1]), Uint8Array.from([1, 0, 1]), undefined)
    expect(Array.from(base.counts)).toEqual([1, 1, 1, 0])
    expect(Array.from(base.means)).toEqual([0, 4, 1, 0])
    // Scores (UCB1 indices): arm 3 untried (∞) first, then arm 1 (mean 4), arm 2, arm 0.
    expect(Array.from(pbm.select(undefined, createRng(1), new Int32Array(4).fill(-1)))).toEqual([3, 1, 2, -1])
  })

  it("ties go to the smaller arm whatever their order; bad options are refused in one line", () => {
    const base = new Ucb1({ arms: 5 })
    const slate = new TopKSlate(base, { k: 5, clickModel: "cascade" })
    expect(Array.from(slate.select(undefined, createRng(1), new Int32Array(5)))).toEqual([0, 1, 2, 3, 4])
    for (const a of [4, 3, 2, 1, 0]) base.update(a, a === 2 ? 0 : 0.5)
    expect(Array.from(slate.select(undefined, createRng(1), new Int32Array(5)))).toEqual([0, 1, 3, 4, 2])
    // Scores (1.5, 1.5, 1.9): the first pick swaps arm 2 to the front, then the tie 1 vs 0 goes to arm 0.
    const three = new Ucb1({ arms: 3 })
    three.update(0, 0.5)
    three.update(1, 0.5)
    three.update(2, 0.9)
    const tied = new TopKSlate(three, { k: 3, clickModel: "cascade" })
    expect(Array.from(tied.select(undefined, createRng(1), new Int32Array(3)))).toEqual([2, 0, 1])
    expect(() => new TopKSlate(base, { k: 6, clickModel: "cascade" })).toThrow(
      "TopKSlate: k must be <= the base policy's 5 arms, got 6",
    )
    expect(() => new TopKSlate(base, { k: 0, clickModel: "cascade" })).toThrow("TopKSlate: k must be an integer >= 1")
    expect(() => new TopKSlate(base, { k: 2, clickModel: "dbn" as "cascade" })).toThrow(
      'TopKSlate: clickModel must be "cascade" or "position-based", got dbn',
    )
    expect(() => new TopKSlate(base, { k: 2, clickModel: "position-based", examination: [1] })).toThrow(
      'TopKSlate: examination must list κ for at least k = 2 positions with clickModel "position-based"',
    )
    expect(() => new TopKSlate(base, { k: 2, clickModel: "position-based", examination: [1, 0] })).toThrow(
      "TopKSlate: examination[1] must be in (0, 1], got 0",
    )
    expect(new TopKSlate(base, { k: 2, clickModel: "position-based", examination: [1, 1] }).name).toBe(
      "top2-position-based-ucb1",
    )
  })
})

describe("SegmentEpsilonGreedy exact values", () => {
  /** Users 0, 1 click arm 0 only; users 2, 3 click arms 1 and 2 alike; user 4 has no history. */
  function history() {
    const rows: [number, number, number][] = []
    for (let u = 0; u < 4; u++)
      for (let a = 0; a < 3; a++) rows.push([u, a, u < 2 ? (a === 0 ? 1 : 0) : a === 0 ? 0 : 1])
    return historyOf(5, 3, rows)
  }

  it("segments by click shares, ordered focused first; estimates shrink toward the segment's mean", () => {
    const p = new SegmentEpsilonGreedy({ arms: 3, epsilons: [0.1, 0.4], priorStrengths: [2, 3] })
    expect(p.name).toBe("segment-eps-0.1/0.4")
    expect(p.config).toEqual({ arms: 3, users: 1, epsilons: [0.1, 0.4], priorStrengths: [2, 3] })
    p.warmStart(history(), createRng(3))
    expect(Array.from(p.segment)).toEqual([0, 0, 1, 1, 1])
    // Centres: φ_u = (S_ua + 1/3)/(S_u + 1): focused (2/3·(2) …): (1 + 1/3)/2, (1/3)/2, (1/3)/2.
    const c = Array.from(p.centres)
    ;[4 / 6, 1 / 6, 1 / 6, 1 / 9, 4 / 9, 4 / 9].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 12))
    expect(Array.from(p.segmentClicks)).toEqual([2, 0, 0, 0, 2, 2])
    expect(Array.from(p.segmentShows)).toEqual([2, 2, 2, 2, 2, 2])
    // User 0 (segment 0, w = 2): m = (3/4, 1/4, 1/4); Q = (1 + 2·3/4)/3, (0 + 2/4)/3, (0 + 2/4)/3.
    const probs0 = p.probabilities({ user: 0 })
    expect(probs0[0]).toBeCloseTo(0.9 + 0.1 / 3, 12)
    expect(probs0[1]).toBeCloseTo(0.1 / 3, 12)
    const q0 = p.explain(0, { user: 0 })
    expect(q0.contributions[0].value).toBeCloseTo(2.5 / 3, 12)
    expect(q0.contributions[1].value).toBe(0.1)
    // User 4 (no clicks: uniform shares) is nearest to the broad centre; Q = m = (1/4, 3/4, 3/4).
    const probs4 = p.probabilities({ user: 4 })
    expect(probs4[0]).toBeCloseTo(0.4 / 3, 12)
    expect(probs4[1]).toBeCloseTo(0.3 + 0.4 / 3, 12)
    expect(p.explain(1, { user: 4 }).contributions[1].value).toBe(0.4)
    expect(() => p.probabilities({ user: 5 })).toThrow(
      "segment-eps-0.1/0.4: context.user must be an integer in [0, 4] (users given by the option `users` or the warm-start history), got 5",
    )
  })

  it("select: the coin of the user's segment, then the greedy arm; a click can move a user; reset forgets", () => {
    const p = new SegmentEpsilonGreedy({ arms: 3, epsilons: [0, 1], priorStrengths: [2, 3], users: 5 })
    p.warmStart(history(), createRng(3))
    for (let t = 0; t < 20; t++) expect(p.select({ user: 0 }, createRng(t))).toBe(0)
    expect(p.explain(0, { user: 0 }).kind).toBe("exploit")
    const arms = new Set<number>()
    for (let t = 0; t < 40; t++) arms.add(p.select({ user: 4 }, createRng(t)))
    expect(p.explain(0, { user: 4 }).kind).toBe("explore")
    expect(arms.size).toBe(3)
    // User 4 clicks arm 0 twice: φ = (2 + 1/3, 1/3, 1/3)/3 is nearest the focused centre.
    p.update(0, 1, { user: 4 })
    p.update(0, 1, { user: 4 })
    expect(p.segment[4]).toBe(0)
    expect(Array.from(p.segmentClicks)).toEqual([4, 0, 0, 0, 2, 2])
    expect(Array.from(p.segmentShows)).toEqual([4, 2, 2, 2, 2, 2])
    // A miss does not move anyone.
    p.update(1, 0, { user: 2 })
    expect(p.segment[2]).toBe(1)
    expect(Array.from(p.segmentShows)).toEqual([4, 2, 2, 2, 3, 2])
    expect(() => p.update(3, 1, { user: 0 })).toThrow("arm must be an integer in [0, 2], got 3")
    expect(() => p.update(0, Number.NaN, { user: 0 })).toThrow("reward must be finite")
    p.reset()
    expect(Array.from(p.segment)).toEqual([1, 1, 1, 1, 1])
    expect(Array.from(p.centres)).toEqual([0, 0, 0, 0, 0, 0])
    expect(Array.from(p.probabilities({ user: 0 }))).toEqual([1 / 3, 1 / 3, 1 / 3])
  })

  it("fewer active users than segments: no fit, everyone broadest; a larger history enlarges the tables", () => {
    const p = new SegmentEpsilonGreedy({ arms: 2, epsilons: [0.1, 0.2, 0.5] })
    p.warmStart(
      historyOf(4, 2, [
        [3, 0, 1],
        [1, 1, 1],
      ]),
      createRng(1),
    )
    expect(Array.from(p.segment)).toEqual([2, 2, 2, 2])
    expect(Array.from(p.clicks)).toEqual([0, 0, 0, 1, 0, 0, 1, 0])
    expect(Array.from(p.segmentClicks)).toEqual([0, 0, 0, 0, 1, 1])
    const probs = p.probabilities({ user: 3 })
    // Q_3 = ((1 + 5·2/3)/6, (0 + 5·2/3)/6): arm 0 greedy under ε = 0.5.
    expect(probs[0]).toBeCloseTo(0.5 + 0.25, 12)
    expect(policyDescriptor("segment-epsilon-greedy").create({ epsilons: [0.1] }, setting).name).toBe("segment-eps-0.1")
  })
})

describe("LinThompson details found by mutation testing", () => {
  it("select draws exactly K·d normals; per-arm propensities; explain names the policy on bad features", () => {
    const p = new LinThompson({ arms: 3, dimension: D, v: 0.3, lambda: LAMBDA, seed: 5, probabilityDraws: 30 })
    feed(p)
    const rng = createRng(4)
    p.select({ features: X }, rng)
    const reference = createRng(4)
    for (let i = 0; i < 3 * D; i++) fastNormal(reference)
    expect(rng.next()).toBe(reference.next())
    // Per-arm propensities: the Monte Carlo share with each arm's own block (a + 1)·x.
    const stacked = perArm(X, 3)
    const draws = createRng(5, 0)
    const wins = [0, 0, 0]
    for (let t = 0; t < 30; t++) {
      const values = [0, 1, 2].map((a) =>
        drawOf(
          a,
          stacked.subarray(a * D, (a + 1) * D),
          Array.from({ length: D }, () => fastNormal(draws)),
          0.3,
          (a + 1) * MEAN[a],
        ),
      )
      wins[values.indexOf(Math.max(...values))]++
    }
    const probs = p.probabilities({ features: stacked })
    for (let a = 0; a < 3; a++) expect(probs[a]).toBeCloseTo(wins[a] / 30, 12)
    expect(() => p.explain(0, { features: new Float64Array(2) })).toThrow(
      "lin-thompson-0.3: context.features must have length 3 (shared) or 9 (per arm), got 2",
    )
  })
})
