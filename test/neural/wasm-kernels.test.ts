import * as tf from "@tensorflow/tfjs"
import { describe, expect, it, vi } from "vitest"
import { selectBackend } from "../../src/neural/backend"

const quiet = { log: () => undefined }

// The cpu backend's first use prints tfjs's "install our node backend" banner, advice for users
// (the lab runs on wasm): only that message is dropped here, any other warning still shows.
const warn = console.warn.bind(console)
vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
  if (!String(args[0]).includes("install our node backend")) warn(...args)
})

/** Gradient of Σ w ⊙ gather(table, ids) (+ an LSTM over the embeddings) w.r.t. the table, on the active backend. */
function embeddingGradients(): { gather: number[]; lstm: number[] } {
  return tf.tidy(() => {
    const table = tf.tensor2d(
      Array.from({ length: 6 * 3 }, (_, i) => Math.sin(i + 1)),
      [6, 3],
    )
    const ids = tf.tensor1d([0, 2, 2, 5, 1, 2], "int32")
    const w = tf.tensor2d(
      Array.from({ length: 6 * 3 }, (_, i) => (i % 5) - 2),
      [6, 3],
    )
    const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, ids), w)))(table)
    const lstm = tf.layers.lstm({
      units: 2,
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
    })
    const g2 = tf.grad((t: tf.Tensor) => tf.sum(lstm.apply(tf.reshape(tf.gather(t, ids), [2, 3, 3])) as tf.Tensor))(
      table,
    )
    return { gather: Array.from(g1.dataSync()), lstm: Array.from(g2.dataSync()) }
  })
}

describe("wasm training kernels", () => {
  it("gives the gather gradient the cpu backend gives (closed form: counts of each id times w)", async () => {
    await selectBackend({ prefer: "cpu", ...quiet })
    const cpu = embeddingGradients()
    await selectBackend({ prefer: "wasm", ...quiet })
    const wasm = embeddingGradients()
    // d/dtable[r] Σ_i w_i·table[ids_i] = Σ_{i: ids_i = r} w_i: row 2 gets w rows 1, 2 and 5.
    const w = (i: number, j: number) => ((i * 3 + j) % 5) - 2
    const row2 = [0, 1, 2].map((j) => w(1, j) + w(2, j) + w(5, j))
    expect(wasm.gather.slice(6, 9)).toEqual(row2)
    expect(wasm.gather.slice(9, 12)).toEqual([0, 0, 0]) // id 3 never gathered
    expect(wasm.gather).toEqual(cpu.gather)
    for (let i = 0; i < cpu.lstm.length; i++) expect(wasm.lstm[i]).toBeCloseTo(cpu.lstm[i], 5)
  })

  it("drops out-of-range segment ids and sums rows of higher-rank inputs", async () => {
    await selectBackend({ prefer: "wasm", ...quiet })
    const out = tf.tidy(() =>
      tf
        .unsortedSegmentSum(tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]), tf.tensor1d([1, 0, 1, 2], "int32"), 2)
        .arraySync(),
    )
    expect(out).toEqual([
      [3, 4],
      [6, 8],
    ]) // row 3 (id 2 ≥ numSegments) dropped, as TensorFlow does
  })
})
