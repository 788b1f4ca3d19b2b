import * as tf from "@tensorflow/tfjs"
import { describe, expect, it } from "vitest"
import { clickDataset } from "../../src/neural/click-dataset"
import { DenseStack, type DenseLayerWeights } from "../../src/neural/dense-stack"
import { InterestMlp } from "../../src/neural/interest-mlp"
import { selectRows } from "../../src/neural/tabular-features"
import { createRng } from "../../src/random/rng"
import { generateWorld } from "../../src/world/world"
import { simulateEvents } from "../../src/world/simulate-events"

function randomLayers(widths: number[], seed: number): DenseLayerWeights[] {
  const rng = createRng(seed)
  return widths.slice(1).map((units, l) => {
    const inputs = widths[l]
    return {
      kernel: Float32Array.from({ length: inputs * units }, () => rng.next() * 2 - 1),
      bias: Float32Array.from({ length: units }, () => rng.next() - 0.5),
      inputs,
      units,
      relu: l < widths.length - 2,
    }
  })
}

/** The same network in f64, one row at a time: the independent reference. */
function forward64(layers: DenseLayerWeights[], z: Float64Array): Float64Array {
  let h = z
  for (const layer of layers) {
    const next = new Float64Array(layer.units)
    for (let c = 0; c < layer.units; c++) {
      let s = layer.bias[c]
      for (let p = 0; p < layer.inputs; p++) s += h[p] * layer.kernel[p * layer.units + c]
      next[c] = layer.relu ? Math.max(0, s) : s
    }
    h = next
  }
  return h
}

describe("DenseStack", () => {
  it("gives the same bits in WebAssembly and in JavaScript, and the f64 network's outputs to f32 rounding", () => {
    const widths = [13, 20, 9, 3]
    const layers = randomLayers(widths, 7)
    const rng = createRng(8)
    const x = { data: Float32Array.from({ length: 37 * 13 }, () => rng.next() * 10), rows: 37, cols: 13 }
    const mean = Float32Array.from({ length: 13 }, (_, c) => c * 0.3)
    const scale = Float32Array.from({ length: 13 }, (_, c) => 1 + c)
    const wasm = new DenseStack(layers)
    const js = new DenseStack(layers, { wasm: false })
    expect(wasm.wasm).toBe(true)
    expect(js.wasm).toBe(false)
    const a = wasm.forward(x, mean, scale)
    expect(Array.from(js.forward(x, mean, scale))).toEqual(Array.from(a))
    for (let r = 0; r < x.rows; r++) {
      const z = Float64Array.from({ length: 13 }, (_, c) => Math.fround((x.data[r * 13 + c] - mean[c]) / scale[c]))
      const ref = forward64(layers, z)
      for (let c = 0; c < 3; c++) expect(Math.abs(a[r * 3 + c] - ref[c])).toBeLessThan(1e-5 * (1 + Math.abs(ref[c])))
    }
  })

  it("refuses a stack whose widths do not chain, and a wrong column count", () => {
    const layers = randomLayers([4, 8, 1], 1)
    expect(() => new DenseStack([layers[0], { ...layers[1], inputs: 5 }])).toThrow(
      /layer 1 takes 5 inputs, the layer before gives 8/,
    )
    expect(() =>
      new DenseStack(layers).forward(
        { data: new Float32Array(6), rows: 2, cols: 3 },
        new Float32Array(3),
        new Float32Array(3),
      ),
    ).toThrow(/expected 4 columns, got 3/)
  })

  it("InterestMlp.predictProba (the WebAssembly stack) equals tfjs's predict on the trained 128-64-1 model within 1e-6", async () => {
    const world = generateWorld({ users: 200, items: 80, days: 10, seed: 5 })
    const data = clickDataset(world, simulateEvents(world).events, 1500, createRng(5, 9))
    const x = selectRows(
      data.x,
      Int32Array.from({ length: 1001 }, (_, i) => i),
    )
    const mlp = await new InterestMlp({ seed: 0, dropout: 0.1, epochs: 2, log: () => undefined }).fit(
      x,
      data.y.subarray(0, 1001),
    )
    const fast = mlp.predictProba(x)
    const mean = mlp.mean_ as Float32Array
    const scale = mlp.scale_ as Float32Array
    const z = Float32Array.from(x.data, (v, i) => (v - mean[i % x.cols]) / scale[i % x.cols])
    const viaTf = tf.tidy(() => (mlp.model_!.predict(tf.tensor2d(z, [x.rows, x.cols])) as tf.Tensor).dataSync())
    let worst = 0
    for (let i = 0; i < x.rows; i++) worst = Math.max(worst, Math.abs(fast[i] - viaTf[i]))
    expect(worst).toBeLessThan(1e-6)
    expect(new Set(fast).size).toBeGreaterThan(100)
    mlp.dispose()
  })
})
