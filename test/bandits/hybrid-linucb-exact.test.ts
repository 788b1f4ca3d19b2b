import { afterEach, describe, expect, it, vi } from "vitest"
import { createRng } from "../../src/random/rng"
import { HybridLinUcb, hybridLinUcbPolicy } from "../../src/bandits/hybrid-linucb"
import { fitUserArmFactors } from "../../src/bandits/user-arm-factors"
import { historyCounts } from "../../src/bandits/user-arm-table"
import { formatValue } from "../../src/schema/explanation"
import { historyOf } from "./history-fixture"

afterEach(() => {
  vi.unstubAllGlobals()
})

/** A policy built where WebAssembly is missing (the JavaScript fall-back) when `noWasm`. */
function make(options: ConstructorParameters<typeof HybridLinUcb>[0], noWasm: boolean): HybridLinUcb {
  if (noWasm) vi.stubGlobal("WebAssembly", undefined)
  try {
    return new HybridLinUcb(options)
  } finally {
    vi.unstubAllGlobals()
  }
}

type Matrix = number[][]

/** The inverse of an n × n matrix by Gauss–Jordan elimination with partial pivoting, for the reference. */
function inverse(A: Matrix): Matrix {
  const n = A.length
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r
    ;[M[c], M[p]] = [M[p], M[c]]
    const pivot = M[c][c]
    for (let j = 0; j < 2 * n; j++) M[c][j] /= pivot
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = M[r][c]
        for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j]
      }
  }
  return M.map((row) => row.slice(n))
}
const mul = (A: Matrix, B: Matrix): Matrix =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)))
const T = (A: Matrix): Matrix => A[0].map((_, j) => A.map((row) => row[j]))
const col = (v: number[]): Matrix => v.map((x) => [x])
const eye = (n: number, s: number): Matrix =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? s : 0)))
const plus = (A: Matrix, B: Matrix, s = 1): Matrix => A.map((row, i) => row.map((v, j) => v + s * B[i][j]))
const scalar = (A: Matrix): number => A[0][0]

/**
 * Algorithm 2 of Li, Chu, Langford & Schapire (2010) written out literally (A₀ = λI_k, A_a = λI_d,
 * full matrices, explicit inverses, the paper's four-term s), with z_a of HybridLinUcb's doc comment
 * computed from this reference's own tallies (the history's counts, then every update) and the
 * user and arm factors p_u, q_a given.
 */
class Reference {
  A0: Matrix
  b0: Matrix
  A: Matrix[]
  B: Matrix[]
  b: Matrix[]
  clicks: number[][]
  shows: number[][]
  constructor(
    readonly K: number,
    readonly d: number,
    readonly f: number,
    readonly users: number,
    readonly alpha: number,
    readonly lambda: number,
    readonly m: number,
    readonly userFactors: Float64Array,
    readonly armFactors: Float64Array,
    clicks: Float64Array,
    shows: Float64Array,
  ) {
    const k = 2 + f
    this.A0 = eye(k, lambda)
    this.b0 = col(Array(k).fill(0))
    this.A = Array.from({ length: K }, () => eye(d, lambda))
    this.B = Array.from({ length: K }, () => Array.from({ length: d }, () => Array(k).fill(0)))
    this.b = Array.from({ length: K }, () => col(Array(d).fill(0)))
    this.clicks = Array.from({ length: users }, (_, u) => Array.from({ length: K }, (_, a) => clicks[u * K + a]))
    this.shows = Array.from({ length: users }, (_, u) => Array.from({ length: K }, (_, a) => shows[u * K + a]))
  }
  z(u: number, a: number): Matrix {
    let armClicks = 0
    let armShows = 0
    for (let v = 0; v < this.users; v++) {
      armClicks += this.clicks[v][a]
      armShows += this.shows[v][a]
    }
    const mu = (armClicks + 1) / (armShows + 2)
    const userClicks = this.clicks[u].reduce((s, c) => s + c, 0)
    const factors = Array.from(
      { length: this.f },
      (_, i) => this.userFactors[u * this.f + i] * this.armFactors[a * this.f + i],
    )
    return col([
      (this.clicks[u][a] + this.m * mu) / (this.shows[u][a] + this.m),
      (this.K * (this.clicks[u][a] + 1 / this.K)) / (userClicks + 1),
      ...factors,
    ])
  }
  beta(): Matrix {
    return mul(inverse(this.A0), this.b0)
  }
  /** Per arm: p_a, the mean z_aᵀβ̂ + xᵀθ̂_a, and the arm's own xᵀA_a⁻¹b_a. */
  parts(u: number, xs: number[]): { index: number; mean: number; own: number }[] {
    const x = col(xs)
    const A0i = inverse(this.A0)
    const beta = this.beta()
    return Array.from({ length: this.K }, (_, a) => {
      const z = this.z(u, a)
      const Ai = inverse(this.A[a])
      const theta = mul(Ai, plus(this.b[a], mul(this.B[a], beta), -1))
      const s =
        scalar(mul(mul(T(z), A0i), z)) -
        2 * scalar(mul(mul(mul(mul(T(z), A0i), T(this.B[a])), Ai), x)) +
        scalar(mul(mul(T(x), Ai), x)) +
        scalar(mul(mul(mul(mul(mul(mul(T(x), Ai), this.B[a]), A0i), T(this.B[a])), Ai), x))
      const mean = scalar(mul(T(z), beta)) + scalar(mul(T(x), theta))
      return { index: mean + this.alpha * Math.sqrt(s), mean, own: scalar(mul(T(x), mul(Ai, this.b[a]))) }
    })
  }
  update(u: number, a: number, r: number, xs: number[]): void {
    const x = col(xs)
    const z = this.z(u, a)
    const Ai = inverse(this.A[a])
    this.A0 = plus(this.A0, mul(mul(T(this.B[a]), Ai), this.B[a]))
    this.b0 = plus(this.b0, mul(mul(T(this.B[a]), Ai), this.b[a]))
    this.A[a] = plus(this.A[a], mul(x, T(x)))
    this.B[a] = plus(this.B[a], mul(x, T(z)))
    this.b[a] = plus(
      this.b[a],
      x.map(([v]) => [r * v]),
    )
    const Ai2 = inverse(this.A[a])
    this.A0 = plus(plus(this.A0, mul(z, T(z))), mul(mul(T(this.B[a]), Ai2), this.B[a]), -1)
    this.b0 = plus(
      plus(
        this.b0,
        z.map(([v]) => [r * v]),
      ),
      mul(mul(T(this.B[a]), Ai2), this.b[a]),
      -1,
    )
    this.clicks[u][a] += r
    this.shows[u][a] += 1
  }
}

/** A history of `rows` logged visits of `users` users to K arms, drawn from `seed`. */
function drawnHistory(users: number, K: number, rows: number, seed: number) {
  const env = createRng(seed)
  const triples: [number, number, number][] = []
  for (let i = 0; i < rows; i++) {
    const u = Math.floor(env.next() * users)
    const a = Math.floor(env.next() * K)
    triples.push([u, a, env.next() < 0.2 + 0.2 * a + (u === a ? 0.3 : 0) ? 1 : 0])
  }
  return historyOf(users, K, triples)
}

describe("HybridLinUcb against algorithm 2 written out, with λ ≠ 1, user × arm factors and a warm start", () => {
  it.each([
    ["WebAssembly", false],
    ["JavaScript fall-back", true],
  ])("indices, β̂, A₀⁻¹, M_a and θ_a after every step; the history enlarges the user table (%s)", (_, noWasm) => {
    const K = 3
    const d = 2
    const f = 2
    const users = 4
    const alpha = 0.6
    const lambda = 0.5
    const smoothing = 3
    const p = make({ arms: K, dimension: d, users: 2, factors: f, alpha, lambda, smoothing }, noWasm)
    expect(p.wasmKernel === null).toBe(noWasm)
    const history = drawnHistory(users, K, 40, 7)
    p.warmStart(history, createRng(4))
    expect([p.clicks.length, p.shows.length, p.userClicks.length, p.userFactors.length]).toEqual([12, 12, 4, 8])
    const counts = historyCounts(history, users)
    expect(Array.from(p.clicks)).toEqual(Array.from(counts.clicks))
    expect(Array.from(p.shows)).toEqual(Array.from(counts.shows))
    const fit = fitUserArmFactors(counts.clicks, counts.shows, users, K, f, 1, 10, createRng(4))
    expect(Array.from(p.userFactors)).toEqual(Array.from(fit.users))
    expect(Array.from(p.armFactors)).toEqual(Array.from(fit.arms))
    const ref = new Reference(
      K,
      d,
      f,
      users,
      alpha,
      lambda,
      smoothing,
      fit.users,
      fit.arms,
      counts.clicks,
      counts.shows,
    )
    const env = createRng(9)
    const got = new Float64Array(K)
    for (let t = 0; t < 40; t++) {
      const u = t % users
      const xs = [1, env.next() - 0.5]
      p.indices({ user: u, features: Float64Array.from(xs) }, got)
      const want = ref.parts(u, xs)
      for (let a = 0; a < K; a++) expect(got[a]).toBeCloseTo(want[a].index, 9)
      // The update comes from another user than the decision, so z_a must be recomputed for it.
      const arm = Math.floor(env.next() * K)
      const reward = [0, 1, 0.5][Math.floor(env.next() * 3)]
      const other = (3 * t + 1) % users
      const ys = [1, env.next()]
      p.update(arm, reward, { user: other, features: Float64Array.from(ys) })
      ref.update(other, arm, reward, ys)
    }
    const k = 2 + f
    const beta = ref.beta()
    for (let i = 0; i < k; i++) expect(p.beta[i]).toBeCloseTo(beta[i][0], 9)
    const A0i = inverse(ref.A0)
    const a0Inverse = p["a0Inverse"]
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(a0Inverse[i * k + j]).toBeCloseTo(A0i[i][j], 9)
    const Mt = p["mTransposed"]
    for (let a = 0; a < K; a++) {
      const Ai = inverse(ref.A[a])
      const M = mul(Ai, ref.B[a])
      const theta = mul(Ai, ref.b[a])
      for (let j = 0; j < k; j++) for (let r = 0; r < d; r++) expect(Mt[(a * k + j) * d + r]).toBeCloseTo(M[r][j], 9)
      for (let r = 0; r < d; r++) expect(p.model.theta[a * d + r]).toBeCloseTo(theta[r][0], 9)
    }
    expect(Array.from(p.clicks)).toEqual(ref.clicks.flat())
    expect(Array.from(p.shows)).toEqual(ref.shows.flat())
    expect(Array.from(p.userClicks)).toEqual(ref.clicks.map((row) => row.reduce((s, c) => s + c, 0)))
  })

  it("explain splits the bound into the arm's own x·θ, the shared part and the bonus, naming the best mean", () => {
    const K = 3
    const p = new HybridLinUcb({ arms: K, dimension: 2, users: 3, factors: 1, alpha: 0.6, lambda: 0.5, smoothing: 3 })
    const history = drawnHistory(3, K, 30, 11)
    p.warmStart(history, createRng(4))
    const counts = historyCounts(history, 3)
    const ref = new Reference(K, 2, 1, 3, 0.6, 0.5, 3, p.userFactors, p.armFactors, counts.clicks, counts.shows)
    const env = createRng(12)
    for (let t = 0; t < 20; t++) {
      const xs = [1, env.next() - 0.5]
      const arm = t % K
      const reward = env.next() < 0.3 + 0.3 * arm ? 1 : 0
      p.update(arm, reward, { user: t % 3, features: Float64Array.from(xs) })
      ref.update(t % 3, arm, reward, xs)
    }
    const xs = [1, 0.25]
    const context = { user: 1, features: Float64Array.from(xs) }
    const want = ref.parts(1, xs)
    let best = 0
    for (let a = 1; a < K; a++) if (want[a].mean > want[best].mean) best = a
    const f = formatValue
    for (let arm = 0; arm < K; arm++) {
      const e = p.explain(arm, context)
      expect(e.item).toBe(arm)
      expect(e.combine).toBe("sum")
      expect(e.score).toBeCloseTo(want[arm].index, 9)
      expect(e.contributions.map((c) => c.label)).toEqual([
        "the arm's own x·θ",
        "the shared part (z − Mᵀx)·β",
        "exploration bonus",
      ])
      const [own, shared, bonus] = e.contributions.map((c) => c.value)
      expect(own).toBeCloseTo(want[arm].own, 9)
      expect(shared).toBeCloseTo(want[arm].mean - want[arm].own, 9)
      expect(bonus).toBeCloseTo(want[arm].index - want[arm].mean, 9)
      const mean = own + shared
      expect(e.kind).toBe(arm === best ? "exploit" : "explore")
      const head = `Arm ${arm}: mean ${f(mean)} + bonus ${f(e.score - mean)} = index ${f(e.score)}`
      if (arm === best) expect(e.text).toBe(`${head}; it also has the best mean: exploitation`)
      else {
        const b = p.explain(best, context).contributions
        expect(e.text).toBe(
          `${head}; arm ${best} has the best mean (${f(b[0].value + b[1].value)}) but a smaller bonus: exploration`,
        )
      }
    }
    expect(() => p.explain(3, context)).toThrow(/arm must be an integer in \[0, 2\], got 3/)
  })

  it("explain names the first of two arms tied for the best mean", () => {
    // Arms 0 and 2 are never played: equal z (equal tallies), θ = 0 and M = 0, so equal means z·β̂;
    // a click on arm 1 by user 1 makes β̂ non-zero, and at x = (−1, 0) arm 1's mean is the lowest.
    const p = new HybridLinUcb({ arms: 3, dimension: 2, users: 2, factors: 0, alpha: 0.5 })
    p.update(1, 1, { user: 1, features: Float64Array.of(1, 0.5) })
    const context = { user: 0, features: Float64Array.of(-1, 0) }
    const mean = (arm: number) => {
      const [own, shared] = p.explain(arm, context).contributions
      return own.value + shared.value
    }
    expect(mean(0)).toBe(mean(2))
    expect(mean(0)).toBeCloseTo(0.3571428571428571, 12)
    expect(mean(1)).toBeCloseTo(0.09523809523809523, 12)
    const e = p.explain(1, context)
    expect(e.kind).toBe("explore")
    expect(e.text).toMatch(/; arm 0 has the best mean \(0\.357\) but a smaller bonus: exploration$/)
    expect(p.explain(2, context).kind).toBe("exploit")
  })

  it("probabilities put the mass on the largest bounds, shared among ties; select plays one of them", () => {
    const p = new HybridLinUcb({ arms: 3, dimension: 2, users: 1, factors: 0, alpha: 0.5 })
    const context = { user: 0, features: Float64Array.of(1, 0.5) }
    expect(Array.from(p.probabilities(context))).toEqual([1 / 3, 1 / 3, 1 / 3])
    const picks = new Set<number>()
    const rng = createRng(3)
    for (let i = 0; i < 30; i++) picks.add(p.select(context, rng))
    expect([...picks].sort()).toEqual([0, 1, 2])
    // A click and then two misses on arm 1: arms 0 and 2 (never played) tie above it.
    for (const r of [1, 0, 0]) p.update(1, r, context)
    const index = p.indices(context, new Float64Array(3))
    expect(index[0]).toBe(index[2])
    expect(index[0]).toBeCloseTo(0.5930444776055975, 12)
    expect(index[1]).toBeCloseTo(0.5157162285529835, 12)
    expect(Array.from(p.probabilities(context))).toEqual([0.5, 0, 0.5])
    picks.clear()
    for (let i = 0; i < 30; i++) picks.add(p.select(context, rng))
    expect([...picks].sort()).toEqual([0, 2])
  })
})

describe("HybridLinUcb options, reset, errors and registry entry", () => {
  it("defaults: α = 1, λ = 1, f = 2, m = 2, one user; its name carries α", () => {
    const p = new HybridLinUcb({ arms: 2, dimension: 3 })
    expect(p.name).toBe("hybrid-linucb-1")
    expect(p.config).toEqual({ arms: 2, dimension: 3, users: 1, factors: 2, alpha: 1, lambda: 1, smoothing: 2 })
    expect(p.sharedDimension).toBe(4)
    expect([p.beta.length, p.userFactors.length, p.armFactors.length, p.clicks.length]).toEqual([4, 2, 4, 2])
    expect(Array.from(p["a0Inverse"])).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
    expect(p.wasmKernel?.alpha[0]).toBe(1)
    expect(new HybridLinUcb({ arms: 2, dimension: 1, alpha: 0.25, name: "mine" }).name).toBe("mine")
    expect(new HybridLinUcb({ arms: 2, dimension: 1, alpha: 0.25 }).name).toBe("hybrid-linucb-0.25")
  })

  it.each([
    ["WebAssembly", false],
    ["JavaScript fall-back", true],
  ])("reset returns to the state of a new policy, A₀⁻¹ = I/λ (%s)", (_, noWasm) => {
    const options = { arms: 3, dimension: 2, users: 2, factors: 1, alpha: 0.4, lambda: 0.25 }
    const p = make(options, noWasm)
    const fresh = make(options, noWasm)
    const k = 3
    const a0 = Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 4 : 0))
    expect(Array.from(p["a0Inverse"])).toEqual(a0)
    p.warmStart(drawnHistory(2, 3, 20, 5), createRng(1))
    const env = createRng(2)
    for (let t = 0; t < 10; t++)
      p.update(t % 3, env.next() < 0.5 ? 1 : 0, { user: t % 2, features: Float64Array.of(1, env.next()) })
    p.reset()
    expect(Array.from(p["a0Inverse"])).toEqual(a0)
    for (const name of ["beta", "clicks", "shows", "userClicks", "userFactors", "armFactors"] as const)
      expect(Array.from(p[name])).toEqual(Array.from(fresh[name]))
    for (const name of ["b0", "mTransposed", "armClicks", "armShows", "armRate"] as const)
      expect(Array.from(p[name])).toEqual(Array.from(fresh[name]))
    expect(Array.from(p["armRate"])).toEqual([0.5, 0.5, 0.5])
    expect(Array.from(p.model.inverse)).toEqual(Array.from(fresh.model.inverse))
    expect(Array.from(p.model.theta)).toEqual(Array.from(fresh.model.theta))
    const context = { user: 1, features: Float64Array.of(1, 0.3) }
    expect(Array.from(p.indices(context, new Float64Array(3)))).toEqual(
      Array.from(fresh.indices(context, new Float64Array(3))),
    )
  })

  it("warm start tallies the history: user clicks, each arm's smoothed rate (S + 1)/(n + 2)", () => {
    const p = new HybridLinUcb({ arms: 2, dimension: 1, users: 2, factors: 0 })
    // user 0: arm 0 shown twice, clicked once; arm 1 shown once, clicked. user 1: arm 1 shown twice, no click.
    const history = historyOf(2, 2, [
      [0, 0, 1],
      [0, 0, 0],
      [0, 1, 1],
      [1, 1, 0],
      [1, 1, 0],
    ])
    p.warmStart(history, createRng(1))
    expect(Array.from(p.clicks)).toEqual([1, 1, 0, 0])
    expect(Array.from(p.shows)).toEqual([2, 1, 0, 2])
    expect(Array.from(p.userClicks)).toEqual([2, 0])
    expect(Array.from(p["armClicks"])).toEqual([1, 1])
    expect(Array.from(p["armShows"])).toEqual([2, 3])
    expect(Array.from(p["armRate"])).toEqual([2 / 4, 2 / 5])
    // z for user 0 (m = 2, share K/(S_u + 1) = 2/3): arm 0 ((1 + 2·0.5)/(2 + 2), 2/3·(1 + 1/2)); arm 1 ((1 + 2·0.4)/(1 + 2), 2/3·(1 + 1/2)).
    p.indices({ user: 0, features: Float64Array.of(1) }, new Float64Array(2))
    expect(Array.from(p["z"]).slice(0, 4)).toEqual([
      0.5,
      (2 / 3) * (1 + 1 / 2),
      (1 + 2 * 0.4) / 3,
      (2 / 3) * (1 + 1 / 2),
    ])
    // An update adds to the tallies and refreshes the arm's rate.
    p.update(1, 1, { user: 1, features: Float64Array.of(1) })
    expect(Array.from(p.clicks)).toEqual([1, 1, 0, 1])
    expect(Array.from(p.shows)).toEqual([2, 1, 0, 3])
    expect(Array.from(p.userClicks)).toEqual([2, 1])
    expect(Array.from(p["armRate"])).toEqual([2 / 4, 3 / 6])
    // z_a was written before the tallies: user 1, arm 1 with S = 0, n = 2, μ = 0.4, S_u = 0.
    expect(Array.from(p["z"]).slice(2, 4)).toEqual([(0 + 2 * 0.4) / (2 + 2), 2 * (0 + 1 / 2)])
    // A second warm start with as many users adds to what the table holds.
    p.warmStart(history, createRng(1))
    expect(Array.from(p.clicks)).toEqual([2, 2, 0, 1])
    expect(Array.from(p.shows)).toEqual([4, 2, 0, 5])
    expect(Array.from(p.userClicks)).toEqual([4, 1])
    expect(Array.from(p["armRate"])).toEqual([3 / 6, 4 / 9])
  })

  it("rejects bad options, features, users, arms, rewards and histories, naming the field and the value", () => {
    expect(() => new HybridLinUcb({ arms: 0, dimension: 2 })).toThrow(
      "HybridLinUcb: arms must be an integer >= 1, got 0",
    )
    expect(() => new HybridLinUcb({ arms: 2, dimension: 0 })).toThrow(
      "HybridLinUcb: dimension must be an integer >= 1, got 0",
    )
    expect(() => new HybridLinUcb({ arms: 2, dimension: 2, users: 0 })).toThrow(
      "HybridLinUcb: users must be an integer >= 1, got 0",
    )
    expect(() => new HybridLinUcb({ arms: 2, dimension: 2, alpha: -1 })).toThrow(/^HybridLinUcb: alpha/)
    expect(() => new HybridLinUcb({ arms: 2, dimension: 2, lambda: 0 })).toThrow(/^HybridLinUcb: lambda/)
    expect(() => new HybridLinUcb({ arms: 2, dimension: 2, factors: 1.5 })).toThrow(/^HybridLinUcb: factors/)
    expect(() => new HybridLinUcb({ arms: 2, dimension: 2, smoothing: 0 })).toThrow(/^HybridLinUcb: smoothing/)
    expect(new HybridLinUcb({ arms: 2, dimension: 2, alpha: 0, factors: 0 }).config.factors).toBe(0)
    const p = new HybridLinUcb({ arms: 3, dimension: 2, users: 2, name: "mine" })
    const rng = createRng(1)
    expect(() => p.select({ user: 0, features: new Float64Array(3) }, rng)).toThrow(
      "mine: context.features must be a Float64Array of length 2, got length 3",
    )
    expect(() => p.select(undefined as never, rng)).toThrow(
      "mine: context.features must be a Float64Array of length 2, got undefined",
    )
    expect(() => p.select({ user: 0 }, rng)).toThrow(
      "mine: context.features must be a Float64Array of length 2, got undefined",
    )
    expect(() => p.select({ user: 0, features: [1, 2] as unknown as Float64Array }, rng)).toThrow(
      "mine: context.features must be a Float64Array of length 2, got 1,2",
    )
    expect(() => p.select({ user: 2, features: new Float64Array(2) }, rng)).toThrow(
      /^mine: context.user must be an integer in \[0, 1\]/,
    )
    const context = { user: 0, features: new Float64Array(2) }
    expect(() => p.update(3, 1, context)).toThrow("mine: arm must be an integer in [0, 2], got 3")
    expect(() => p.update(0, Number.NaN, context)).toThrow("mine: reward must be in [0, 1], got NaN")
    // Rewards are clicks, tallied into z_a: a reward of −1 would make the share K/(S_u + 1) infinite.
    expect(() => p.update(0, -1, context)).toThrow("mine: reward must be in [0, 1], got -1")
    expect(() => p.update(0, 1.5, context)).toThrow("mine: reward must be in [0, 1], got 1.5")
    expect(() => p.update(0, 1, { user: 0, features: new Float64Array(1) })).toThrow(
      "mine: context.features must be a Float64Array of length 2, got length 1",
    )
    expect(() => p.update(0, 1, { user: 5, features: new Float64Array(2) })).toThrow(/^mine: context.user/)
    expect(() => p.warmStart(historyOf(1, 2, [[0, 1, 1]]), rng)).toThrow("mine: the history has 2 arms, the policy 3")
    expect(Array.from(p.shows)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it("the registry builds it with the setting's arms, features and users", () => {
    const setting = { arms: 4, seed: 1, features: () => 3, users: () => 5 }
    expect(hybridLinUcbPolicy.type).toBe("hybrid-linucb")
    expect(hybridLinUcbPolicy.savable).toBe(HybridLinUcb)
    const p = hybridLinUcbPolicy.create({ alpha: 0.5, lambda: 2, factors: 1, smoothing: 4 }, setting) as HybridLinUcb
    expect(p).toBeInstanceOf(HybridLinUcb)
    expect(p.name).toBe("hybrid-linucb-0.5")
    expect(p.config).toEqual({ arms: 4, dimension: 3, users: 5, factors: 1, alpha: 0.5, lambda: 2, smoothing: 4 })
    const named = hybridLinUcbPolicy.create({ alpha: 1, lambda: 1, factors: 2, smoothing: 2, name: "h" }, setting)
    expect(named.name).toBe("h")
  })
})
