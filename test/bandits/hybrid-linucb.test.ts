import { describe, expect, it, vi } from "vitest"
import { createRng } from "../../src/random/rng"
import { HybridLinUcb } from "../../src/bandits"
import { historyOf } from "./history-fixture"

/** The inverse of an n × n matrix (arrays of rows) by Gauss–Jordan elimination, for the reference. */
function inverse(A: number[][]): number[][] {
  const n = A.length
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r
    ;[M[c], M[p]] = [M[p], M[c]]
    const d = M[c][c]
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const f = M[r][c]
        for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j]
      }
  }
  return M.map((row) => row.slice(n))
}
const mul = (A: number[][], B: number[][]) =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, v, k) => s + v * B[k][j], 0)))
const T = (A: number[][]) => A[0].map((_, j) => A.map((row) => row[j]))
const col = (v: number[]) => v.map((x) => [x])
const eye = (n: number, s: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? s : 0)))
const add = (A: number[][], B: number[][], s = 1) => A.map((row, i) => row.map((v, j) => v + s * B[i][j]))

/**
 * Algorithm 2 of Li, Chu, Langford & Schapire (2010) written out literally with full matrices and
 * explicit inverses (no Sherman–Morrison, no rearrangement), with the shared features z_a of the
 * policy's doc comment computed here from the reference's own tallies.
 */
class ReferenceHybrid {
  A0: number[][]
  b0: number[][]
  A: number[][][]
  B: number[][][]
  b: number[][][]
  clicks: number[][]
  shows: number[][]
  constructor(
    readonly K: number,
    readonly d: number,
    readonly users: number,
    readonly alpha: number,
    readonly m: number,
  ) {
    const k = 2
    this.A0 = eye(k, 1)
    this.b0 = col(Array(k).fill(0))
    this.A = Array.from({ length: K }, () => eye(d, 1))
    this.B = Array.from({ length: K }, () => Array.from({ length: d }, () => Array(k).fill(0)))
    this.b = Array.from({ length: K }, () => col(Array(d).fill(0)))
    this.clicks = Array.from({ length: users }, () => Array(K).fill(0))
    this.shows = Array.from({ length: users }, () => Array(K).fill(0))
  }
  z(u: number, a: number): number[][] {
    let armClicks = 0
    let armShows = 0
    for (let v = 0; v < this.users; v++) {
      armClicks += this.clicks[v][a]
      armShows += this.shows[v][a]
    }
    const mu = (armClicks + 1) / (armShows + 2)
    const userClicks = this.clicks[u].reduce((s, c) => s + c, 0)
    return col([
      (this.clicks[u][a] + this.m * mu) / (this.shows[u][a] + this.m),
      (this.K * (this.clicks[u][a] + 1 / this.K)) / (userClicks + 1),
    ])
  }
  indices(u: number, xs: number[]): number[] {
    const x = col(xs)
    const A0i = inverse(this.A0)
    const beta = mul(A0i, this.b0)
    return Array.from({ length: this.K }, (_, a) => {
      const z = this.z(u, a)
      const Ai = inverse(this.A[a])
      const theta = mul(Ai, add(this.b[a], mul(this.B[a], beta), -1))
      const s =
        mul(mul(T(z), A0i), z)[0][0] -
        2 * mul(mul(mul(mul(mul(T(z), A0i), T(this.B[a])), Ai), x), [[1]])[0][0] +
        mul(mul(T(x), Ai), x)[0][0] +
        mul(mul(mul(mul(mul(mul(T(x), Ai), this.B[a]), A0i), T(this.B[a])), Ai), x)[0][0]
      return mul(T(z), beta)[0][0] + mul(T(x), theta)[0][0] + this.alpha * Math.sqrt(s)
    })
  }
  update(u: number, a: number, r: number, xs: number[]): void {
    const x = col(xs)
    const z = this.z(u, a)
    const Ai = inverse(this.A[a])
    this.A0 = add(this.A0, mul(mul(T(this.B[a]), Ai), this.B[a]))
    this.b0 = add(this.b0, mul(mul(T(this.B[a]), Ai), this.b[a]))
    this.A[a] = add(this.A[a], mul(x, T(x)))
    this.B[a] = add(this.B[a], mul(x, T(z)))
    this.b[a] = add(
      this.b[a],
      x.map(([v]) => [r * v]),
    )
    const Ai2 = inverse(this.A[a])
    this.A0 = add(add(this.A0, mul(z, T(z))), mul(mul(T(this.B[a]), Ai2), this.B[a]), -1)
    this.b0 = add(
      add(
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

describe("HybridLinUcb", () => {
  it.each([
    ["WebAssembly", false],
    ["JavaScript fall-back", true],
  ])("gives the indices of Li et al. (2010) algorithm 2 written out with explicit inverses (%s)", (_, noWasm) => {
    const K = 4
    const d = 3
    const users = 3
    if (noWasm) vi.stubGlobal("WebAssembly", undefined)
    const p = new HybridLinUcb({ arms: K, dimension: d, users, factors: 0, alpha: 0.7, smoothing: 2 })
    vi.unstubAllGlobals()
    expect(p.wasmKernel === null).toBe(noWasm)
    const ref = new ReferenceHybrid(K, d, users, 0.7, 2)
    const rng = createRng(8)
    const env = createRng(9)
    const got = new Float64Array(K)
    for (let t = 0; t < 120; t++) {
      const u = t % users
      const xs = [1, env.next() - 0.5, env.next()]
      const ctx = { user: u, features: Float64Array.from(xs) }
      p.indices(ctx, got)
      const want = ref.indices(u, xs)
      for (let a = 0; a < K; a++) expect(got[a]).toBeCloseTo(want[a], 9)
      const arm = p.select(ctx, rng)
      const r = env.next() < 0.15 * (arm + 1) + 0.2 * (u === arm ? 1 : 0) ? 1 : 0
      p.update(arm, r, ctx)
      ref.update(u, arm, r, xs)
    }
  })

  it("learns from the shared features which arm each user likes, where the visit features say nothing", () => {
    // Each user clicks only their own arm (u mod K) at rate 0.5; the history shows it; x is constant.
    const K = 5
    const users = 40
    const rows: [number, number, number][] = []
    for (let u = 0; u < users; u++) for (let i = 0; i < 10; i++) rows.push([u, i % K, i % K === u % K && i < 5 ? 1 : 0])
    const p = new HybridLinUcb({ arms: K, dimension: 1, users, alpha: 0.2 })
    p.warmStart(historyOf(users, K, rows), createRng(1))
    const rng = createRng(2)
    const env = createRng(3)
    let hits = 0
    for (let t = 0; t < 2000; t++) {
      const ctx = { user: t % users, features: Float64Array.of(1) }
      const arm = p.select(ctx, rng)
      if (t >= 1000 && arm === ctx.user % K) hits++
      p.update(arm, arm === ctx.user % K && env.next() < 0.5 ? 1 : 0, ctx)
    }
    expect(hits / 1000).toBeGreaterThan(0.9)
  })

  it("rejects features of the wrong length and a missing user, naming them", () => {
    const p = new HybridLinUcb({ arms: 3, dimension: 2, users: 2 })
    expect(() => p.select({ user: 0, features: new Float64Array(3) }, createRng(1))).toThrow(
      /context.features must be a Float64Array of length 2, got length 3/,
    )
    expect(() => p.select({ user: 2, features: new Float64Array(2) }, createRng(1))).toThrow(
      /context.user must be an integer in \[0, 1\]/,
    )
  })
})
