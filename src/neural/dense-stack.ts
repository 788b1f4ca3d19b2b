import { denseForwardModuleBytes } from "./kernels/dense-forward-module"

// ES2022 and @types/node declare no WebAssembly global: the members used here.
export interface WasmMemory {
  buffer: ArrayBuffer
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => WasmMemory
}

/** `dense` on byte addresses, as exported by the module of {@link denseForwardModuleBytes}. */
export type WasmDense = (
  m: number,
  k: number,
  n: number,
  x: number,
  w: number,
  b: number,
  y: number,
  lo: number,
) => void

/** One Dense layer as tfjs holds it: kernel `inputs × units` row-major, bias of `units`. */
export interface DenseLayerWeights {
  kernel: Float32Array
  bias: Float32Array
  inputs: number
  units: number
  /** ReLU after the layer; else the layer is linear (the caller applies any output activation). */
  relu: boolean
}

/** Rows per pass through the stack: the activations of a chunk stay in cache between layers. */
const CHUNK = 256
const PAGE = 65536
let compiled: object | null | undefined

/** The compiled module, or null where WebAssembly SIMD is missing (then the JavaScript path runs). */
function denseModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === "undefined" ? null : new WebAssembly.Module(denseForwardModuleBytes())
    } catch {
      compiled = null
    }
  }
  return compiled
}

/**
 * A heap of `floats` f32 and the `dense` function of {@link denseForwardModuleBytes} on it: in a fresh
 * WebAssembly memory when `wasm` is true and the module compiles, else a plain array and null (then
 * {@link denseJs} runs on the heap).
 */
export function denseKernel(
  floats: number,
  wasm: boolean,
): { heap: Float32Array; dense: WasmDense | null; memory: WasmMemory | null } {
  const module = wasm ? denseModule() : null
  if (module === null) return { heap: new Float32Array(floats), dense: null, memory: null }
  const memory = new WebAssembly.Memory({ initial: Math.ceil((floats * 4) / PAGE) })
  const dense = new WebAssembly.Instance(module, { env: { memory } }).exports.dense as WasmDense
  return { heap: new Float32Array(memory.buffer, 0, floats), dense, memory }
}

/**
 * The module's arithmetic in JavaScript, on float offsets into `f`: Y ← max(X·W + 1bᵀ, lo) with X and Y
 * packed in strips of 8 rows (element (r, p) of a strip at p·8 + r), W row-major k × n, every product
 * and sum rounded to f32 in the module's order (see {@link denseForwardModuleBytes}): the same bits.
 */
export function denseJs(
  f: Float32Array,
  m: number,
  k: number,
  n: number,
  x: number,
  w: number,
  b: number,
  y: number,
  lo: number,
): void {
  const fr = Math.fround
  for (let s = 0; s < m; s += 8) {
    const xs = x + s * k
    const ys = y + s * n
    for (let c = 0; c < n; c++) {
      for (let r = 0; r < 8; r++) {
        let acc = f[b + c]
        for (let p = 0; p < k; p++) acc = fr(acc + fr(f[xs + p * 8 + r] * f[w + p * n + c]))
        f[ys + c * 8 + r] = acc < lo ? lo : acc
      }
    }
  }
}

/**
 * A stack of Dense layers run forward in f32 by the WebAssembly SIMD kernel of
 * {@link denseForwardModuleBytes} (else {@link denseJs}, same bits), on z-scored inputs
 *   z = (x − mean) / scale,   h₀ = z,   hₗ = relu(hₗ₋₁ Wₗ + bₗ) (linear for the last layer).
 * Widths are padded to multiples of 4 with zero weights, which leaves every real output unchanged.
 * Equal to tfjs's `predict` on the same weights up to f32 summation order (test/neural/dense-stack.test.ts).
 * @example
 * const stack = new DenseStack([{ kernel, bias, inputs: 38, units: 1, relu: false }])
 * const logits = stack.forward(x, mean, scale) // rows × 1
 */
export class DenseStack {
  readonly inputs: number
  readonly outputs: number
  /** Whether the forward pass runs in WebAssembly. */
  readonly wasm: boolean
  private readonly heap: Float32Array
  private readonly dense: WasmDense | null
  private readonly plan: { k: number; n: number; w: number; b: number }[]
  private readonly x: number
  private readonly buffers: [number, number]
  private readonly relu: boolean[]

  constructor(layers: DenseLayerWeights[], options: { wasm?: boolean } = {}) {
    if (layers.length === 0) throw new Error("DenseStack: at least one layer")
    this.inputs = layers[0].inputs
    this.outputs = layers[layers.length - 1].units
    let at = 0
    let k = this.inputs
    let widest = 0
    this.plan = layers.map((layer, l) => {
      if (l > 0 && layer.inputs !== layers[l - 1].units)
        throw new Error(
          `DenseStack: layer ${l} takes ${layer.inputs} inputs, the layer before gives ${layers[l - 1].units}`,
        )
      const n = Math.ceil(layer.units / 4) * 4
      const step = { k, n, w: at, b: at + k * n }
      at += k * n + n
      widest = Math.max(widest, n)
      k = n
      return step
    })
    this.x = at
    this.buffers = [at + CHUNK * this.inputs, at + CHUNK * (this.inputs + widest)]
    const floats = at + CHUNK * (this.inputs + 2 * widest)
    const kernel = denseKernel(floats, options.wasm !== false)
    this.dense = kernel.dense
    this.heap = kernel.heap
    this.wasm = this.dense !== null
    layers.forEach((layer, l) => {
      const { n, w, b } = this.plan[l]
      for (let p = 0; p < layer.inputs; p++)
        this.heap.set(layer.kernel.subarray(p * layer.units, (p + 1) * layer.units), w + p * n)
      this.heap.set(layer.bias, b)
    })
    this.relu = layers.map((layer) => layer.relu)
  }

  /** The last layer's outputs (before any output activation), `rows × outputs` row-major, for raw rows `x` z-scored with `mean` and `scale`. */
  forward(
    x: { data: Float32Array; rows: number; cols: number },
    mean: Float32Array,
    scale: Float32Array,
  ): Float32Array {
    if (x.cols !== this.inputs) throw new Error(`DenseStack.forward: expected ${this.inputs} columns, got ${x.cols}`)
    const heap = this.heap
    const cols = x.cols
    const out = new Float32Array(x.rows * this.outputs)
    for (let from = 0; from < x.rows; from += CHUNK) {
      const rows = Math.min(CHUNK, x.rows - from)
      const padded = Math.ceil(rows / 8) * 8
      for (let r = 0; r < padded; r++) {
        const dst = this.x + (r >> 3) * cols * 8 + (r & 7)
        if (r >= rows) {
          for (let c = 0; c < cols; c++) heap[dst + c * 8] = 0
          continue
        }
        const src = (from + r) * cols
        for (let c = 0; c < cols; c++) heap[dst + c * 8] = (x.data[src + c] - mean[c]) / scale[c]
      }
      let input = this.x
      this.plan.forEach((step, l) => {
        const output = this.buffers[l & 1]
        const lo = this.relu[l] ? 0 : -Infinity
        if (this.dense !== null) this.dense(padded, step.k, step.n, input * 4, step.w * 4, step.b * 4, output * 4, lo)
        else denseJs(heap, padded, step.k, step.n, input, step.w, step.b, output, lo)
        input = output
      })
      const n = this.plan[this.plan.length - 1].n
      for (let r = 0; r < rows; r++) {
        const src = input + (r >> 3) * n * 8 + (r & 7)
        for (let c = 0; c < this.outputs; c++) out[(from + r) * this.outputs + c] = heap[src + c * 8]
      }
    }
    return out
  }
}
