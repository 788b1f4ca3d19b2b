import { describe, expect, it } from "vitest"
import { SoftmaxMlp } from "../../src/coldstart/softmax-mlp"
import { createRng } from "../../src/random/rng"
import { normal } from "../../src/random/normal"

function data(n: number, d: number, classes: number, seed: number): { rows: Float64Array; labels: Int32Array } {
  const rng = createRng(seed)
  const rows = Float64Array.from({ length: n * d }, () => normal(rng))
  const labels = Int32Array.from({ length: n }, (_, r) => r % classes)
  return { rows, labels }
}

describe("SoftmaxMlp", () => {
  for (const hidden of [0, 5]) {
    it(`backpropagation equals central differences (hidden ${hidden})`, () => {
      const mlp = new SoftmaxMlp({ inputDim: 4, hidden, classes: 3 })
      const theta = mlp.initParameters(createRng(1))
      for (let j = 0; j < theta.length; j++) theta[j] += 0.1 * Math.sin(j)
      const { rows, labels } = data(7, 4, 3, 2)
      const grad = new Float64Array(mlp.size)
      mlp.gradient(theta, rows, labels, grad)
      const h = 1e-6
      for (let j = 0; j < theta.length; j++) {
        const plus = Float64Array.from(theta)
        const minus = Float64Array.from(theta)
        plus[j] += h
        minus[j] -= h
        const numeric = (mlp.gradient(plus, rows, labels) - mlp.gradient(minus, rows, labels)) / (2 * h)
        expect(grad[j]).toBeCloseTo(numeric, 7)
      }
    })
  }

  it("with zero parameters predicts the uniform distribution: loss ln C", () => {
    const mlp = new SoftmaxMlp({ inputDim: 3, hidden: 2, classes: 4 })
    const { rows, labels } = data(5, 3, 4, 3)
    expect(mlp.gradient(new Float64Array(mlp.size), rows, labels)).toBeCloseTo(Math.log(4), 12)
    expect(mlp.size).toBe(2 * 3 + 2 + 4 * 2 + 4)
  })

  it("names bad shapes and labels", () => {
    expect(() => new SoftmaxMlp({ inputDim: 0, hidden: 1, classes: 2 })).toThrow(
      /inputDim must be a positive integer, got 0/,
    )
    expect(() => new SoftmaxMlp({ inputDim: 2, hidden: -1, classes: 2 })).toThrow(/hidden must be an integer >= 0/)
    const mlp = new SoftmaxMlp({ inputDim: 2, hidden: 0, classes: 2 })
    expect(() => mlp.gradient(new Float64Array(mlp.size), new Float64Array(2), [2])).toThrow(
      /label 2 of row 0 is outside 0..1/,
    )
  })
})
