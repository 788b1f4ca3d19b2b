import type { Rng } from "../random/rng"
import { uniform } from "../random/uniform"

/** Shape of a {@link SoftmaxMlp}. */
export interface SoftmaxMlpShape {
  inputDim: number
  /** Hidden tanh units; 0 makes it softmax (multinomial logistic) regression. */
  hidden: number
  classes: number
}

/**
 * A one-hidden-layer classifier on typed arrays whose parameters live in one flat vector, so a
 * meta-learner can add, subtract and interpolate them (Reptile):
 *   z = tanh(W₁x + b₁),  P(y = k | x) = softmax(W₂z + b₂)_k,
 *   L = −(1/n)·Σ_r ln P(y_r | x_r)    (with `hidden: 0`, z = x: softmax regression).
 * Layout: W₁ (hidden × inputDim), b₁, W₂ (classes × hidden), b₂. Gradients by backpropagation,
 * checked against central differences in test/coldstart/softmax-mlp.test.ts.
 * @example
 * const mlp = new SoftmaxMlp({ inputDim: 32, hidden: 16, classes: 4 })
 * const theta = mlp.initParameters(rng)
 * const loss = mlp.gradient(theta, rows, labels, grad)
 */
export class SoftmaxMlp {
  readonly shape: SoftmaxMlpShape
  /** Length of the parameter vector. */
  readonly size: number
  private readonly z: Float64Array
  private readonly p: Float64Array
  private readonly dz: Float64Array

  constructor(shape: SoftmaxMlpShape) {
    for (const key of ["inputDim", "classes"] as const)
      if (!Number.isInteger(shape[key]) || shape[key] < 1)
        throw new Error(`SoftmaxMlp: ${key} must be a positive integer, got ${shape[key]}`)
    if (!Number.isInteger(shape.hidden) || shape.hidden < 0)
      throw new Error(`SoftmaxMlp: hidden must be an integer >= 0, got ${shape.hidden}`)
    this.shape = { ...shape }
    const { inputDim: d, hidden: h, classes: c } = shape
    this.size = h > 0 ? h * d + h + c * h + c : c * d + c
    const width = h > 0 ? h : d
    this.z = new Float64Array(width)
    this.p = new Float64Array(c)
    this.dz = new Float64Array(width)
  }

  /** Glorot-uniform weights, zero biases (Glorot & Bengio 2010), drawn from `rng` in layout order. */
  initParameters(rng: Rng): Float64Array {
    const { inputDim: d, hidden: h, classes: c } = this.shape
    const theta = new Float64Array(this.size)
    const width = h > 0 ? h : d
    let o = 0
    if (h > 0) {
      const a = Math.sqrt(6 / (d + h))
      for (let k = 0; k < h * d; k++) theta[o++] = uniform(rng, -a, a)
      o += h
    }
    const a = Math.sqrt(6 / (width + c))
    for (let k = 0; k < c * width; k++) theta[o++] = uniform(rng, -a, a)
    return theta
  }

  /**
   * Mean cross-entropy of `labels` (0..classes−1) on row-major `rows` (n × inputDim); its gradient
   * with respect to `theta` is written into `grad` (overwritten) when given.
   * @throws on a label outside 0..classes−1 or rows that do not match the labels
   */
  gradient(theta: Float64Array, rows: Float64Array, labels: ArrayLike<number>, grad?: Float64Array): number {
    const { inputDim: d, hidden: h, classes: c } = this.shape
    const n = labels.length
    if (rows.length !== n * d) throw new Error(`SoftmaxMlp: ${rows.length} values for ${n} rows of ${d}`)
    if (grad !== undefined) grad.fill(0)
    const { z, p, dz } = this
    const width = h > 0 ? h : d
    const o2 = h > 0 ? h * d + h : 0
    const ob2 = o2 + c * width
    let loss = 0
    for (let r = 0; r < n; r++) {
      const y = labels[r]
      if (!(Number.isInteger(y) && y >= 0 && y < c))
        throw new Error(`SoftmaxMlp: label ${y} of row ${r} is outside 0..${c - 1}`)
      const x = r * d
      this.forward(theta, rows, x)
      loss -= Math.log(Math.max(p[y], 1e-300)) / n
      if (grad === undefined) continue
      dz.fill(0)
      for (let k = 0; k < c; k++) {
        const g = (p[k] - (k === y ? 1 : 0)) / n
        grad[ob2 + k] += g
        for (let j = 0; j < width; j++) {
          grad[o2 + k * width + j] += g * z[j]
          dz[j] += g * theta[o2 + k * width + j]
        }
      }
      if (h === 0) continue
      for (let j = 0; j < h; j++) {
        const da = dz[j] * (1 - z[j] * z[j])
        grad[h * d + j] += da
        for (let i = 0; i < d; i++) grad[j * d + i] += da * rows[x + i]
      }
    }
    return loss
  }

  /** The most probable class of every row (ties to the smaller class). */
  predict(theta: Float64Array, rows: Float64Array): Int32Array {
    const d = this.shape.inputDim
    const n = rows.length / d
    if (!Number.isInteger(n)) throw new Error(`SoftmaxMlp.predict: rows must hold a multiple of ${d} values`)
    const out = new Int32Array(n)
    for (let r = 0; r < n; r++) {
      this.forward(theta, rows, r * d)
      let best = 0
      for (let k = 1; k < this.shape.classes; k++) if (this.p[k] > this.p[best]) best = k
      out[r] = best
    }
    return out
  }

  /** z and p of the row starting at `x`. */
  private forward(theta: Float64Array, rows: Float64Array, x: number): void {
    const { inputDim: d, hidden: h, classes: c } = this.shape
    const { z, p } = this
    if (h > 0) {
      for (let j = 0; j < h; j++) {
        let a = theta[h * d + j]
        for (let i = 0; i < d; i++) a += theta[j * d + i] * rows[x + i]
        z[j] = Math.tanh(a)
      }
    } else for (let i = 0; i < d; i++) z[i] = rows[x + i]
    const width = h > 0 ? h : d
    const o2 = h > 0 ? h * d + h : 0
    const ob2 = o2 + c * width
    let max = -Infinity
    for (let k = 0; k < c; k++) {
      let s = theta[ob2 + k]
      for (let j = 0; j < width; j++) s += theta[o2 + k * width + j] * z[j]
      p[k] = s
      if (s > max) max = s
    }
    let total = 0
    for (let k = 0; k < c; k++) total += p[k] = Math.exp(p[k] - max)
    for (let k = 0; k < c; k++) p[k] /= total
  }
}
