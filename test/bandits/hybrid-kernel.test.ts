import { createHash } from "node:crypto"
import { afterEach, describe, expect, it, vi } from "vitest"
import { createRng } from "../../src/random/rng"
import type { Rng } from "../../src/random/rng"
import { HybridLinUcb, RidgeArms } from "../../src/bandits"
import { HybridKernel, hybridScores } from "../../src/bandits/hybrid-kernel"
import { pairedRowDots } from "../../src/bandits/ridge-kernel"
import { historyOf } from "./history-fixture"

afterEach(() => {
  vi.unstubAllGlobals()
})

/** What `make` builds where WebAssembly is missing (as under node --jitless): the JavaScript fall-back. */
function withoutWebAssembly<T>(make: () => T): T {
  vi.stubGlobal("WebAssembly", undefined)
  try {
    return make()
  } finally {
    vi.unstubAllGlobals()
  }
}

function kernelFor(K: number, d: number, k: number): HybridKernel {
  const kernel = HybridKernel.create(K, d, k)
  if (!kernel) throw new Error("no WebAssembly memory")
  return kernel
}

function fill(a: Float64Array, rng: Rng): void {
  for (let i = 0; i < a.length; i++) a[i] = (rng.next() - 0.5) * 4
}

const bits = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? "-0" : String(v)))

/** A policy, its history and a seeded run of `steps` decisions: the index bits of each step, the picks, the state. */
function run(make: () => HybridLinUcb, K: number, d: number, steps: number) {
  const users = 40
  const env = createRng(31)
  const rows: [number, number, number][] = []
  for (let i = 0; i < 400; i++) rows.push([i % users, Math.floor(env.next() * K), env.next() < 0.3 ? 1 : 0])
  const p = make()
  p.warmStart(historyOf(users, K, rows), createRng(32))
  const rng = createRng(33)
  const hash = createHash("sha256")
  const index = new Float64Array(K)
  const picks: number[] = []
  for (let t = 0; t < steps; t++) {
    const x = Float64Array.from({ length: d }, (_, i) => (i === 0 ? 1 : env.next() - 0.5))
    const context = { user: t % users, features: x }
    p.indices(context, index)
    hash.update(new Uint8Array(index.buffer))
    const arm = p.select(context, rng)
    hash.update(Int32Array.of(arm))
    picks.push(arm)
    p.update(arm, env.next() < 0.1 + 0.05 * (arm % 5) ? 1 : 0, context)
  }
  hash.update(new Uint8Array(Float64Array.from(p.beta).buffer))
  return { policy: p, picks, digest: hash.digest("hex") }
}

describe("HybridKernel (WebAssembly)", () => {
  it("decide gives the bits of the JavaScript steps (pair products, row dots, hybridScores), negative widths included", () => {
    const rng = createRng(5)
    for (const [K, d, k] of [
      [1, 1, 1],
      [2, 3, 2],
      [5, 4, 3],
      [9, 7, 6],
      [50, 20, 6],
    ]) {
      const kernel = kernelFor(K, d, k)
      fill(kernel.ridge.inverse, rng) // not positive definite: some s_a < 0, whose width is 0
      fill(kernel.ridge.theta, rng)
      fill(kernel.rows, rng)
      fill(kernel.x, rng)
      fill(kernel.z.subarray(0, K * k), rng)
      fill(kernel.beta, rng)
      fill(kernel.inverse, rng)
      kernel.alpha[0] = 0.7
      const got = Float64Array.from(kernel.decide())
      const js = new RidgeArms(K, d, 1, { kernel: false })
      js.inverse.set(kernel.ridge.inverse)
      js.theta.set(kernel.ridge.theta)
      js.setPairs(kernel.x, 0)
      const widths = js.pairQuadraticForms(new Float64Array(K))
      const means = pairedRowDots(js.theta, d, K, kernel.x, 0, new Float64Array(K))
      const w = pairedRowDots(kernel.rows, d, K * k, kernel.x, 0, new Float64Array(K * k))
      const z = kernel.z.slice(0, K * k)
      const want = hybridScores(
        K,
        k,
        z,
        w,
        widths,
        means,
        kernel.beta,
        kernel.inverse,
        0.7,
        new Float64Array(k),
        new Float64Array(K),
      )
      expect(bits(got)).toEqual(bits(want))
      if (K === 50) expect(Array.from(widths).some((s) => s < 0)).toBe(true)
    }
  })

  it("a policy with the kernel and one without give the same indices, picks and state to the last bit", () => {
    for (const [K, d, f] of [
      [50, 20, 4],
      [7, 5, 0],
      [3, 1, 2],
      [4, 65, 1], // d > 64: the kernel decides, JavaScript updates
    ]) {
      const options = { arms: K, dimension: d, users: 40, factors: f, alpha: 0.8 }
      const wasm = run(() => new HybridLinUcb(options), K, d, d > 64 ? 150 : 600)
      const js = run(() => withoutWebAssembly(() => new HybridLinUcb(options)), K, d, d > 64 ? 150 : 600)
      expect(wasm.policy.wasmKernel).not.toBeNull()
      expect(wasm.policy.wasmKernel?.updates).toBe(d <= 64)
      if (d > 64) expect(() => wasm.policy.wasmKernel?.update(0, 1)).toThrow(/no update for d = 65 > 64/)
      expect(js.policy.wasmKernel).toBeNull()
      expect(wasm.picks).toEqual(js.picks)
      expect(wasm.digest).toBe(js.digest)
      expect(bits(wasm.policy.model.inverse)).toEqual(bits(js.policy.model.inverse))
      expect(bits(wasm.policy.model.theta)).toEqual(bits(js.policy.model.theta))
      expect(bits(wasm.policy["mTransposed"])).toEqual(bits(js.policy["mTransposed"]))
      expect(bits(wasm.policy["a0Inverse"])).toEqual(bits(js.policy["a0Inverse"]))
      expect(bits(wasm.policy.beta)).toEqual(bits(js.policy.beta))
      expect(new Set(wasm.picks).size).toBeGreaterThan(1)
    }
  })

  it("gives the indices and picks of the implementation before the kernel, bit for bit", () => {
    // SHA-256 of every step's index bits, pick and the final β̂ of this run, recorded by
    // test/bandits/reference/hybrid-linucb-golden.js on the build of commit 82d4f3d (JavaScript
    // index loop, M_aᵀx by RidgeKernel, JavaScript update), with and without WebAssembly.
    const recorded: [number, number, number, string][] = [
      [50, 20, 4, "0c1f63506341275ee2bd564559fd80f414ad37b04457c76ed7be19a513d5f536"],
      [7, 5, 0, "1e38c4909904c06408bca58711274e6b1cafb24bee903cdcd717ae02e7ecab41"],
      [3, 1, 2, "5de39a07b5e6b069b254377fca9955173f6f405f156f82ca2422977d012364ab"],
    ]
    for (const [K, d, f, digest] of recorded) {
      const options = { arms: K, dimension: d, users: 40, factors: f, alpha: 0.8 }
      expect(run(() => new HybridLinUcb(options), K, d, 1500).digest).toBe(digest)
      expect(run(() => withoutWebAssembly(() => new HybridLinUcb(options)), K, d, 1500).digest).toBe(digest)
    }
  })
})
