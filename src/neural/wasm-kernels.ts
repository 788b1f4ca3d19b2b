import type * as tf from "@tensorflow/tfjs"
import { loadTf } from "./tf"

/** Inputs and attributes of TensorFlow's UnsortedSegmentSum kernel. */
interface SegmentSumInputs {
  x: tf.TensorInfo
  segmentIds: tf.TensorInfo
}

/**
 * UnsortedSegmentSum for any backend that can read and write its tensors' data:
 *   out[s, …] = Σ_{i : segmentIds[i] = s} x[i, …],   ids outside [0, numSegments) dropped (as in TensorFlow).
 * `segmentIds` may have any shape that is a prefix of `x`'s shape (TensorFlow's contract). One pass,
 * O(size of x), where tfjs's cpu kernel loops over every segment (O(numSegments · size)).
 * Source: tf.math.unsorted_segment_sum, https://www.tensorflow.org/api_docs/python/tf/math/unsorted_segment_sum
 */
function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap
  backend: unknown
  attrs?: tf.NamedAttrMap
}): tf.TensorInfo {
  const tf = loadTf()
  const { x, segmentIds } = args.inputs as unknown as SegmentSumInputs
  const backend = args.backend as tf.KernelBackend
  const numSegments = Number(args.attrs?.numSegments)
  const nIds = tf.util.sizeFromShape(segmentIds.shape)
  const size = tf.util.sizeFromShape(x.shape)
  const inner = nIds === 0 ? 0 : size / nIds
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)]
  const out = x.dtype === "int32" ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner)
  const values = backend.readSync(x.dataId) as Float32Array | Int32Array
  const ids = backend.readSync(segmentIds.dataId) as Int32Array
  for (let i = 0; i < nIds; i++) {
    const s = ids[i]
    if (s < 0 || s >= numSegments) continue
    const from = i * inner
    const to = s * inner
    for (let j = 0; j < inner; j++) out[to + j] += values[from + j]
  }
  return { dataId: backend.write(out, outShape, x.dtype), shape: outShape, dtype: x.dtype }
}

/**
 * Kernels that the wasm backend of tfjs 4.22 lacks but training needs, registered for `wasm`.
 * The gradient of `gather` (every Embedding layer's backward pass) calls UnsortedSegmentSum, which
 * wasm does not implement ("Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'").
 * Idempotent. Checked against the cpu backend's gradients in test/neural/wasm-kernels.test.ts.
 * @example registerWasmTrainingKernels(); await tf.setBackend("wasm") // embeddings now train on wasm
 */
export function registerWasmTrainingKernels(): void {
  const tf = loadTf()
  if (tf.getKernel("UnsortedSegmentSum", "wasm") !== undefined) return
  tf.registerKernel({ kernelName: "UnsortedSegmentSum", backendName: "wasm", kernelFunc: unsortedSegmentSum })
}
