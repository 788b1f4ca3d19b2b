import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import type { Rng } from "../../src/random/rng"
import { LinUcb, RidgeArms } from "../../src/bandits"
import { RidgeKernel, pairedRowDots } from "../../src/bandits/ridge-kernel"

/** Row `row` of `rows` (length n) times `v`, in the kernel's documented order: even and odd terms apart, then the odd last term. */
function pairedDot(rows: Float64Array, row: number, v: Float64Array, n: number): number {
  let even = 0
  let odd = 0
  for (let k = 0; k + 1 < n; k += 2) {
    even += rows[row * n + k] * v[k]
    odd += rows[row * n + k + 1] * v[k + 1]
  }
  const s = even + odd
  return n % 2 === 1 ? s + rows[row * n + n - 1] * v[n - 1] : s
}

/** A kernel; WebAssembly is there in the test environment. */
function kernelFor(K: number, d: number): RidgeKernel {
  const kernel = RidgeKernel.create(K, d)
  if (!kernel) throw new Error("no WebAssembly memory")
  return kernel
}

function fill(a: Float64Array, rng: Rng): void {
  for (let i = 0; i < a.length; i++) a[i] = (rng.next() - 0.5) * 4
}

describe("RidgeKernel (WebAssembly SIMD)", () => {
  it("gives exactly the documented order of additions (and pairedRowDots' numbers), and the plain sums to 1e-12, for any d and K", () => {
    const rng = createRng(21)
    for (const d of [1, 2, 3, 4, 5, 7, 20, 30]) {
      for (const K of [1, 2, 3, 4, 5, 8, 9, 50, 300]) {
        const kernel = kernelFor(K, d)
        const P = (d * (d + 1)) / 2
        fill(kernel.inverse, rng)
        fill(kernel.pairs, rng)
        fill(kernel.theta, rng)
        fill(kernel.x, rng)
        const forms = kernel.quadraticForms()
        const means = kernel.means()
        expect(Array.from(pairedRowDots(kernel.inverse, P, K, kernel.pairs, 0, new Float64Array(K)))).toEqual(
          Array.from(forms),
        )
        expect(Array.from(pairedRowDots(kernel.theta, d, K, kernel.x, 0, new Float64Array(K)))).toEqual(
          Array.from(means),
        )
        for (let a = 0; a < K; a++) {
          expect(forms[a]).toBe(pairedDot(kernel.inverse, a, kernel.pairs, P))
          expect(means[a]).toBe(pairedDot(kernel.theta, a, kernel.x, d))
          let plain = 0
          let scale = 0
          for (let k = 0; k < P; k++) {
            plain += kernel.inverse[a * P + k] * kernel.pairs[k]
            scale += Math.abs(kernel.inverse[a * P + k] * kernel.pairs[k])
          }
          expect(Math.abs(forms[a] - plain)).toBeLessThanOrEqual(1e-12 * scale)
        }
      }
    }
  })

  it("kernels of the same d share the compiled code but not their memory", () => {
    const a = kernelFor(3, 4)
    const b = kernelFor(5, 4)
    a.theta.fill(1)
    a.x.fill(1)
    b.theta.fill(2)
    b.x.fill(3)
    expect(Array.from(a.means())).toEqual([4, 4, 4])
    expect(Array.from(b.means())).toEqual([24, 24, 24, 24, 24])
    expect(Array.from(a.means())).toEqual([4, 4, 4])
  })
})

describe("RidgeArms with and without the kernel", () => {
  it("the same updates give the same numbers to the last bit", () => {
    const rng = createRng(13)
    for (const [K, d] of [
      [50, 20],
      [7, 5],
      [2, 1],
    ]) {
      const fast = new RidgeArms(K, d, 0.8)
      const plain = new RidgeArms(K, d, 0.8, { kernel: false })
      for (let n = 0; n < 40 * K; n++) {
        const x = Float64Array.from({ length: d }, () => rng.next() - 0.5)
        const arm = n % K
        const reward = rng.next()
        fast.update(arm, x, 0, reward)
        plain.update(arm, x, 0, reward)
      }
      const x = Float64Array.from({ length: 2 * d }, () => rng.next() - 0.5)
      fast.setPairs(x, d)
      plain.setPairs(x, d)
      expect(Array.from(fast.pairQuadraticForms(new Float64Array(K)))).toEqual(
        Array.from(plain.pairQuadraticForms(new Float64Array(K))),
      )
      expect(Array.from(fast.means(x, d, new Float64Array(K)))).toEqual(
        Array.from(plain.means(x, d, new Float64Array(K))),
      )
      expect(Array.from(fast.inverse)).toEqual(Array.from(plain.inverse))
    }
  })
})

describe("LinUcb with shared features (kernel) against per-arm features (scalar JavaScript)", () => {
  it("indices agree to 1e-12 relative and every decision and tie-breaking draw is the same", () => {
    for (const [d, K, alpha, lambda] of [
      [20, 50, 1, 1],
      [5, 7, 0.3, 0.5],
      [3, 4, 0, 1],
      [1, 3, 2, 2],
    ]) {
      const shared = new LinUcb({ arms: K, dimension: d, alpha, lambda })
      const perArm = new LinUcb({ arms: K, dimension: d, alpha, lambda })
      const rngShared = createRng(5)
      const rngPerArm = createRng(5)
      const data = createRng(6)
      const a = new Float64Array(K)
      const b = new Float64Array(K)
      for (let t = 0; t < 1500; t++) {
        // Binary features half the time, so that equal indices (ties) occur beyond the all-tied start.
        const x = Float64Array.from({ length: d }, () =>
          t % 2 === 0 ? (data.next() < 0.5 ? 1 : 0) : data.next() - 0.5,
        )
        const repeated = new Float64Array(K * d)
        for (let arm = 0; arm < K; arm++) repeated.set(x, arm * d)
        shared.indices({ features: x }, a)
        perArm.indices({ features: repeated }, b)
        for (let arm = 0; arm < K; arm++)
          expect(Math.abs(a[arm] - b[arm])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[arm])))
        const chosen = shared.select({ features: x }, rngShared)
        expect(perArm.select({ features: repeated }, rngPerArm)).toBe(chosen)
        const reward = data.next() < 0.3 + 0.4 * x[0] ? 1 : 0
        shared.update(chosen, reward, { features: x })
        perArm.update(chosen, reward, { features: repeated })
      }
      expect(rngShared.next()).toBe(rngPerArm.next())
    }
  })
})
