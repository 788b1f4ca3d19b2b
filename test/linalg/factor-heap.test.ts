import { describe, expect, it } from "vitest"
import { FactorHeap } from "../../src/linalg/kernels/factor-heap"
import { createRng } from "../../src/random/rng"

/** The same random contents in a WebAssembly heap and a JavaScript one. */
function twin(doubles: number, ints: number, f: number, seed: number): [FactorHeap, FactorHeap] {
  const wasm = FactorHeap.create(doubles, ints, { f })
  const js = FactorHeap.create(doubles, ints, { f, wasm: false })
  const rng = createRng(seed)
  for (let i = 0; i < doubles; i++)
    wasm.f64[i] = js.f64[i] = (2 * rng.next() - 1) * 10 ** Math.floor(6 * rng.next() - 3)
  return [wasm, js]
}

/** The textbook dot product with four partial sums, written out independently. */
function referenceDot(a: Float64Array, b: Float64Array): number {
  const s = [0, 0, 0, 0]
  for (let k = 0; k < a.length; k++) s[k < a.length - (a.length % 4) ? k % 4 : 0] += a[k] * b[k]
  return s[0] + s[1] + s[2] + s[3]
}

describe("the factor-row kernel", () => {
  it("runs in WebAssembly SIMD where f is a multiple of 4, else in JavaScript", () => {
    expect(FactorHeap.create(8, 0, { f: 8 }).isWasm).toBe(true)
    expect(FactorHeap.create(8, 0, { f: 6 }).isWasm).toBe(false)
    expect(FactorHeap.create(8, 0, { f: 8, wasm: false }).isWasm).toBe(false)
  })

  for (const f of [4, 8, 64]) {
    it(`gives the same bits in WebAssembly and in JavaScript, f = ${f}`, () => {
      const rows = 12
      const nnz = 30
      const doubles = rows * f + f * f + 2 * f + nnz
      const [w, j] = twin(doubles, nnz, f, f)
      const rng = createRng(100 + f)
      for (let p = 0; p < nnz; p++) w.i32[p] = j.i32[p] = Math.floor(rng.next() * rows)
      const g = rows * f
      const v = g + f * f
      const out = v + f
      const values = out + f
      for (let a = 0; a < rows; a++) {
        const d = w.dot(a * f, v, f)
        expect(d).toBe(j.dot(a * f, v, f))
        expect(d).toBe(referenceDot(w.f64.slice(a * f, a * f + f), w.f64.slice(v, v + f)))
      }
      for (const heap of [w, j]) heap.symv(g, v, out, f)
      expect(Array.from(w.f64.subarray(out, out + f))).toEqual(Array.from(j.f64.subarray(out, out + f)))
      for (let r = 0; r < f; r++)
        expect(w.f64[out + r]).toBe(referenceDot(w.f64.slice(g + r * f, g + r * f + f), w.f64.slice(v, v + f)))
      for (const heap of [w, j]) heap.residualTerms(0, values, 3, 25, 0, v, out, f, 10)
      expect(Array.from(w.f64.subarray(out, out + f))).toEqual(Array.from(j.f64.subarray(out, out + f)))
      for (const heap of [w, j]) heap.productTerms(0, values, 0, nnz, 0, out, v, f, 2.5)
      expect(Array.from(w.f64.subarray(v, v + f))).toEqual(Array.from(j.f64.subarray(v, v + f)))
      for (const heap of [w, j]) heap.productTerms(0, values, 5, 5, 0, out, v, f, 2.5)
      expect(Array.from(w.f64)).toEqual(Array.from(j.f64))
    })
  }

  it("adds each interaction's term as the formula says", () => {
    const f = 4
    const heap = FactorHeap.create(3 * f + 1, 1, { f })
    heap.f64.set([1, 2, 3, 4], 0) // y_0
    heap.f64.set([1, 0, 1, 0], f) // x
    heap.f64[3 * f] = 2 // value
    heap.residualTerms(0, 3 * f, 0, 1, 0, f, 2 * f, f, 0.5)
    // c = 1 + 0.5·2 = 2, y·x = 4, coef = 2 − 1·4 = −2
    expect(Array.from(heap.f64.subarray(2 * f, 3 * f))).toEqual([-2, -4, -6, -8])
    heap.productTerms(0, 3 * f, 0, 1, 0, f, 2 * f, f, 0.5)
    // coef = (0.5·2)·4 = 4
    expect(Array.from(heap.f64.subarray(2 * f, 3 * f))).toEqual([2, 4, 6, 8])
  })
})
