import type { Rng } from "../random/rng"
import { type DenseLayerWeights, denseJs, denseKernel, type WasmDense } from "./dense-stack"
import { adamJs, adamModuleBytes } from "./kernels/adam-module"

// ES2022 and @types/node declare no WebAssembly global: the members used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

/** `adam` of {@link adamModuleBytes}: byte addresses, count, then the nine f32 scalars. */
type WasmAdam = (w: number, g: number, m: number, v: number, count: number, ...scalars: number[]) => void

let adamCompiled: object | undefined

function adamModule(): object {
  adamCompiled ??= new WebAssembly.Module(adamModuleBytes())
  return adamCompiled
}

/** Options of {@link DenseTrainer}; the defaults are tfjs's `tf.train.adam(learningRate)`. */
export interface DenseTrainerOptions {
  /** Largest batch a step takes. */
  batchSize: number
  /** Adam step size α [0.001]. */
  learningRate?: number
  /** L2 penalty λ·Σw² on the kernels of the hidden (ReLU) layers, as `kernelRegularizer: l2` there [0]. */
  l2?: number
  /** Inverted dropout after each hidden layer, rate in [0, 1) [0]. */
  dropout?: number
  /** Draws the dropout masks (needed when dropout > 0). */
  dropoutRng?: Rng
  /** false: the JavaScript path (same bits) [true]. */
  wasm?: boolean
}

const BETA1 = Math.fround(0.9)
const BETA2 = Math.fround(0.999)
const ONE_MINUS_BETA1 = Math.fround(1 - BETA1)
const ONE_MINUS_BETA2 = Math.fround(1 - BETA2)
/** tfjs's Adam ε (the backend's float32 epsilon) and its clipping of p in binary cross-entropy. */
const EPSILON = Math.fround(1e-7)
const TWO32 = 4294967296

interface LayerPlan {
  inputs: number
  units: number
  /** Widths padded to multiples of 8. */
  k: number
  n: number
  relu: boolean
  /**
   * Heap offsets (floats): W (k × n row-major), Wᵀ (n × k row-major), b, ∂W (strips of 8 rows of k),
   * activations out, Adam's moments of W (k × n) and of b.
   */
  w: number
  wt: number
  b: number
  dw: number
  out: number
  m: number
  v: number
  mb: number
  vb: number
}

const up8 = (v: number) => Math.ceil(v / 8) * 8

/**
 * Mini-batch training of a Dense ReLU stack ending in one sigmoid unit, on typed arrays: forward pass,
 * binary cross-entropy, backpropagation, L2 and inverted dropout after each hidden layer, and Adam
 * (Kingma & Ba 2015) with tfjs's constants (β₁ 0.9, β₂ 0.999, ε 1e-7):
 *   forward  aₗ = dropout(relu(aₗ₋₁Wₗ + bₗ)),  p = σ(a_{L−1}W_L + b_L)
 *   loss     −mean(y log p + (1 − y) log(1 − p)) + λ Σ‖Wₗ‖²  (p clipped to [1e-7, 1 − 1e-7])
 *   backward ∂z_L = (p − y)/B,  ∂Wₗ = aₗ₋₁ᵀ∂zₗ + 2λWₗ,  ∂bₗ = 1ᵀ∂zₗ,  ∂zₗ₋₁ = (∂zₗWₗᵀ) ⊙ mₗ₋₁ ⊙ [aₗ₋₁ > 0]
 *   Adam     m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  w ← w − α (m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)
 * Every matrix product (aW, aᵀ∂z, ∂zWᵀ) is one call of the WebAssembly SIMD kernel of the forward pass
 * ({@link denseJs} where WebAssembly is missing: the same bits); the element-wise steps run in f32 in
 * JavaScript. Dropout masks come from `dropoutRng` (one 32-bit draw per hidden unit and row, row-major),
 * so they differ from tfjs's; the trained weights equal tfjs's only to a tolerance (test/neural/dense-trainer.test.ts),
 * and PyTorch's on the same initial weights and batches (test/neural/reference/dense_trainer_torch.py).
 * @example
 * const trainer = new DenseTrainer(initialLayers, { batchSize: 64, learningRate: 0.001 })
 * const loss = trainer.step(z, cols, y, order.subarray(0, 64))
 * const trained = trainer.layers()
 */
export class DenseTrainer {
  /** Whether the products run in WebAssembly. */
  readonly wasm: boolean
  /** Adam steps taken. */
  steps = 0
  private readonly heap: Float32Array
  private readonly dense: WasmDense | null
  private readonly plan: LayerPlan[]
  private readonly capacity: number
  private readonly x: number
  private readonly zero: number
  private readonly dz: number
  private readonly da: number
  private readonly at: number
  private readonly dzRow: number
  private readonly grad: number
  private readonly adamWasm: WasmAdam | null
  private readonly learningRate: number
  private readonly l2: number
  private readonly dropout: number
  private readonly dropoutRng: Rng | undefined
  private readonly keepScale: number
  private readonly dropThreshold: number
  private accBeta1 = BETA1
  private accBeta2 = BETA2

  constructor(layers: DenseLayerWeights[], options: DenseTrainerOptions) {
    const who = "DenseTrainer"
    if (layers.length === 0) throw new Error(`${who}: at least one layer`)
    const last = layers[layers.length - 1]
    if (last.units !== 1 || last.relu) throw new Error(`${who}: the last layer must be one linear (sigmoid) unit`)
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
      throw new Error(`${who}: batchSize must be a positive integer, got ${options.batchSize}`)
    this.learningRate = Math.fround(options.learningRate ?? 0.001)
    this.l2 = Math.fround(options.l2 ?? 0)
    this.dropout = options.dropout ?? 0
    if (!(this.dropout >= 0 && this.dropout < 1))
      throw new Error(`${who}: dropout must be in [0, 1), got ${this.dropout}`)
    if (this.dropout > 0 && options.dropoutRng === undefined) throw new Error(`${who}: dropout needs a dropoutRng`)
    this.dropoutRng = options.dropoutRng
    this.keepScale = Math.fround(1 / Math.fround(1 - this.dropout))
    this.dropThreshold = Math.round(this.dropout * TWO32)
    const capacity = up8(options.batchSize)
    this.capacity = capacity
    let at = 0
    const alloc = (floats: number) => {
      const from = at
      at += floats
      return from
    }
    let widest = 0
    const k0 = up8(layers[0].inputs)
    this.x = alloc(capacity * k0)
    const plan: Omit<LayerPlan, "out">[] = layers.map((layer, l) => {
      if (l > 0 && layer.inputs !== layers[l - 1].units)
        throw new Error(
          `${who}: layer ${l} takes ${layer.inputs} inputs, the layer before gives ${layers[l - 1].units}`,
        )
      if (l < layers.length - 1 && !layer.relu) throw new Error(`${who}: hidden layer ${l} must be ReLU`)
      const k = up8(layer.inputs)
      const n = up8(layer.units)
      widest = Math.max(widest, k, n)
      return {
        inputs: layer.inputs,
        units: layer.units,
        k,
        n,
        relu: layer.relu,
        w: alloc(k * n),
        wt: alloc(n * k),
        b: alloc(n),
        dw: alloc(k * n),
        m: alloc(k * n),
        v: alloc(k * n),
        mb: alloc(n),
        vb: alloc(n),
      }
    })
    this.plan = plan.map((p) => ({ ...p, out: alloc(capacity * p.n) }))
    this.zero = alloc(widest)
    this.dz = alloc(capacity * widest)
    this.da = alloc(capacity * widest)
    this.at = alloc(capacity * widest)
    this.dzRow = alloc(capacity * widest)
    this.grad = alloc(widest * widest)
    const kernel = denseKernel(at, options.wasm !== false)
    this.heap = kernel.heap
    this.dense = kernel.dense
    this.adamWasm =
      kernel.memory === null
        ? null
        : (new WebAssembly.Instance(adamModule(), { env: { memory: kernel.memory } }).exports.adam as WasmAdam)
    this.wasm = this.dense !== null
    this.setLayers(layers)
  }

  /** Loads weights (kernel inputs × units row-major, bias) into the trainer; Adam's moments are kept. */
  setLayers(layers: DenseLayerWeights[]): void {
    const heap = this.heap
    this.plan.forEach((p, l) => {
      const { kernel, bias } = layers[l]
      if (kernel.length !== p.inputs * p.units || bias.length !== p.units)
        throw new Error(`DenseTrainer: layer ${l} needs a ${p.inputs} × ${p.units} kernel and ${p.units} biases`)
      for (let i = 0; i < p.inputs; i++) {
        for (let c = 0; c < p.units; c++) {
          heap[p.w + i * p.n + c] = kernel[i * p.units + c]
          heap[p.wt + c * p.k + i] = kernel[i * p.units + c]
        }
      }
      heap.set(bias, p.b)
    })
  }

  /** The current weights as fresh arrays, in {@link DenseLayerWeights} form. */
  layers(): DenseLayerWeights[] {
    return this.plan.map((p) => {
      const kernel = new Float32Array(p.inputs * p.units)
      for (let i = 0; i < p.inputs; i++)
        kernel.set(this.heap.subarray(p.w + i * p.n, p.w + i * p.n + p.units), i * p.units)
      return { kernel, bias: this.heap.slice(p.b, p.b + p.units), inputs: p.inputs, units: p.units, relu: p.relu }
    })
  }

  /** λ Σ‖Wₗ‖² over the hidden layers (f64). */
  penalty(): number {
    if (this.l2 === 0) return 0
    let s = 0
    for (const p of this.plan) {
      if (!p.relu) continue
      for (let i = 0; i < p.inputs; i++) for (let c = 0; c < p.units; c++) s += this.heap[p.w + i * p.n + c] ** 2
    }
    return this.l2 * s
  }

  /**
   * One Adam step on the rows `batch` of `z` (standardised, `cols` per row) with labels `y`; returns the
   * batch's loss (mean cross-entropy with dropout active, plus the L2 penalty before the step), as tfjs's `trainOnBatch`.
   */
  step(z: Float32Array, cols: number, y: ArrayLike<number>, batch: ArrayLike<number>): number {
    const rows = batch.length
    if (rows < 1 || rows > this.capacity)
      throw new Error(`DenseTrainer.step: a batch of 1 to ${this.capacity} rows, got ${rows}`)
    const penalty = this.penalty()
    const m = this.load(z, cols, batch)
    this.forward(m, rows, true)
    const heap = this.heap
    const outPlan = this.plan[this.plan.length - 1]
    let loss = 0
    const scale = 1 / rows
    heap.fill(0, this.dz, this.dz + m * outPlan.n)
    for (let i = 0; i < rows; i++) {
      const at = (i >> 3) * outPlan.n * 8 + (i & 7)
      const p = Math.fround(1 / (1 + Math.exp(-heap[outPlan.out + at])))
      const label = y[batch[i]]
      const q = Math.min(Math.max(p, EPSILON), 1 - EPSILON)
      loss -= label * Math.log(q) + (1 - label) * Math.log(1 - q)
      heap[this.dz + at] = Math.fround((p - label) * scale)
    }
    this.backward(m, rows)
    return loss / rows + penalty
  }

  /** Logits (before the sigmoid) of the rows of `z`, without dropout. */
  logits(z: Float32Array, cols: number, rows: number): Float32Array {
    const out = new Float32Array(rows)
    const outPlan = this.plan[this.plan.length - 1]
    const index = new Int32Array(this.capacity)
    for (let from = 0; from < rows; from += this.capacity) {
      const count = Math.min(this.capacity, rows - from)
      for (let i = 0; i < count; i++) index[i] = from + i
      const m = this.load(z, cols, index.subarray(0, count))
      this.forward(m, count, false)
      for (let i = 0; i < count; i++) out[from + i] = this.heap[outPlan.out + (i >> 3) * outPlan.n * 8 + (i & 7)]
    }
    return out
  }

  /** Packs the batch rows into strips of 8 (padding rows and columns zero); returns the padded row count. */
  private load(z: Float32Array, cols: number, batch: ArrayLike<number>): number {
    const first = this.plan[0]
    if (cols !== first.inputs) throw new Error(`DenseTrainer: expected ${first.inputs} columns, got ${cols}`)
    const m = up8(batch.length)
    const heap = this.heap
    heap.fill(0, this.x, this.x + m * first.k)
    for (let i = 0; i < batch.length; i++) {
      const dst = this.x + (i >> 3) * first.k * 8 + (i & 7)
      const src = batch[i] * cols
      for (let c = 0; c < cols; c++) heap[dst + c * 8] = z[src + c]
    }
    return m
  }

  private product(m: number, k: number, n: number, x: number, w: number, b: number, y: number, lo: number): void {
    if (this.dense !== null) this.dense(m, k, n, x * 4, w * 4, b * 4, y * 4, lo)
    else denseJs(this.heap, m, k, n, x, w, b, y, lo)
  }

  private forward(m: number, rows: number, training: boolean): void {
    const heap = this.heap
    let input = this.x
    for (const p of this.plan) {
      this.product(m, p.k, p.n, input, p.w, p.b, p.out, p.relu ? 0 : -Infinity)
      if (p.relu && training && this.dropout > 0) {
        const rng = this.dropoutRng as Rng
        for (let i = 0; i < rows; i++) {
          const row = p.out + (i >> 3) * p.n * 8 + (i & 7)
          for (let c = 0; c < p.units; c++) {
            const at = row + c * 8
            heap[at] = rng.nextUint32() < this.dropThreshold ? 0 : Math.fround(heap[at] * this.keepScale)
          }
        }
      }
      input = p.out
    }
  }

  /** ∂z of the last layer is in `dz` (strips); back-propagates it and takes the Adam step of every layer. */
  private backward(m: number, rows: number): void {
    const heap = this.heap
    this.steps++
    const c1 = Math.fround(1 - this.accBeta1)
    const c2 = Math.fround(1 - this.accBeta2)
    for (let l = this.plan.length - 1; l >= 0; l--) {
      const p = this.plan[l]
      const input = l === 0 ? this.x : this.plan[l - 1].out
      // ∂W = aᵀ ∂z: aᵀ as strips of 8 of its k rows, ∂z row-major.
      transposeStrips(heap, input, m, p.k, this.at)
      stripsToRows(heap, this.dz, m, p.n, this.dzRow)
      this.product(p.k, m, p.n, this.at, this.dzRow, this.zero, p.dw, -Infinity)
      // ∂a = ∂z Wᵀ with the weights before this step; padding rows of ∂z are 0, so those of ∂a are too.
      if (l > 0) this.product(m, p.n, p.k, this.dz, p.wt, this.zero, this.da, -Infinity)
      this.adam(p, rows, c1, c2)
      if (l > 0) {
        // Through dropout (×1/(1 − rate) where kept) and ReLU: a > 0 exactly where both pass.
        const below = this.plan[l - 1]
        const keep = this.dropout > 0 ? this.keepScale : 1
        const dz = this.dz
        const da = this.da
        const a = below.out
        const count = m * below.n
        for (let i = 0; i < count; i++) heap[dz + i] = heap[a + i] > 0 ? Math.fround(heap[da + i] * keep) : 0
      }
    }
    this.accBeta1 = Math.fround(this.accBeta1 * BETA1)
    this.accBeta2 = Math.fround(this.accBeta2 * BETA2)
  }

  /** ∂W (strips) and ∂b to row-major gradients, the Adam step of W and b, then Wᵀ. */
  private adam(p: LayerPlan, rows: number, c1: number, c2: number): void {
    const heap = this.heap
    const fr = Math.fround
    const g = this.grad
    stripsToRows(heap, p.dw, p.k, p.n, g)
    const decay = p.relu ? fr(2 * this.l2) : 0
    this.adamStep(p.w, g, p.m, p.v, p.k * p.n, c1, c2, decay)
    // ∂b_c = Σᵢ ∂z_ic over the batch rows in order, each sum rounded to f32 by the store.
    const n = p.n
    heap.fill(0, g, g + n)
    for (let i = 0; i < rows; i++) {
      const row = this.dzRow + i * n
      for (let c = 0; c < n; c++) heap[g + c] += heap[row + c]
    }
    this.adamStep(p.b, g, p.mb, p.vb, n, c1, c2, 0)
    transposeRows(heap, p.w, p.k, n, p.wt)
  }

  private adamStep(w: number, g: number, m: number, v: number, count: number, c1: number, c2: number, decay: number) {
    const lr = this.learningRate
    if (this.adamWasm !== null)
      this.adamWasm(
        w * 4,
        g * 4,
        m * 4,
        v * 4,
        count,
        lr,
        c1,
        c2,
        decay,
        BETA1,
        ONE_MINUS_BETA1,
        BETA2,
        ONE_MINUS_BETA2,
        EPSILON,
      )
    else
      adamJs(this.heap, w, g, m, v, count, {
        lr,
        c1,
        c2,
        decay,
        b1: BETA1,
        ob1: ONE_MINUS_BETA1,
        b2: BETA2,
        ob2: ONE_MINUS_BETA2,
        eps: EPSILON,
      })
  }
}

/** Strips of 8 rows (element (i, j) of an r × c matrix at (i >> 3)·8c + 8j + (i & 7)) to row-major at `dst`. */
function stripsToRows(f: Float32Array, src: number, r: number, c: number, dst: number): void {
  for (let s = 0; s < r; s += 8) {
    const strip = src + s * c
    for (let j = 0; j < c; j++) {
      const from = strip + j * 8
      const to = dst + s * c + j
      for (let t = 0; t < 8; t++) f[to + t * c] = f[from + t]
    }
  }
}

/** An r × c matrix in strips of 8 rows to its transpose (c × r) in strips of 8 rows: 8 × 8 blocks, each transposed. */
function transposeStrips(f: Float32Array, src: number, r: number, c: number, dst: number): void {
  for (let bi = 0; bi < r; bi += 8) {
    for (let bj = 0; bj < c; bj += 8) {
      const from = src + bi * c + bj * 8
      const to = dst + bj * r + bi * 8
      for (let a = 0; a < 8; a++) for (let b = 0; b < 8; b++) f[to + b * 8 + a] = f[from + a * 8 + b]
    }
  }
}

/** Row-major r × c at `src` to row-major c × r at `dst`. */
function transposeRows(f: Float32Array, src: number, r: number, c: number, dst: number): void {
  for (let i = 0; i < r; i++) {
    const row = src + i * c
    for (let j = 0; j < c; j++) f[dst + j * r + i] = f[row + j]
  }
}
