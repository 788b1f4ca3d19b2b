import type { SimulationConfig } from "./config"
import type { PolicyAccumulator } from "./accumulator"

/**
 * What a worker gets once, as workerData: the config, and the counter of the next chunk to play,
 * shared by every thread of the run (Atomics.add takes a chunk: no request round trip, no queue).
 */
export interface WorkerInput {
  config: SimulationConfig
  next: Int32Array
}

/** Messages to the main thread; a chunk's sums as {@link accumulatorBuffers} (transferred) and its per-run finals. */
export type WorkerMessage =
  | { type: "run" }
  | {
      type: "chunk"
      chunk: number
      buffers: ArrayBuffer[]
      finals: Record<string, number[]>[]
      windows: number[][]
      ms: number
    }
  | { type: "error"; message: string }

/** Messages from the main thread: the buffers of a merged chunk, given back for reuse. */
export type WorkerReturn = ArrayBuffer[]

/** The arrays of a set of accumulators, five per policy, to transfer (not copy) between threads. */
export function accumulatorBuffers(accs: PolicyAccumulator[]): ArrayBuffer[] {
  return accs.flatMap((a) => [
    a.reward.buffer,
    a.reward2.buffer,
    a.optimal.buffer,
    a.regret.buffer,
    a.regret2.buffer,
  ]) as ArrayBuffer[]
}

/**
 * Accumulators over transferred buffers. Built as object literals with emptyAccumulator's shape:
 * the objects structured cloning makes have other hidden classes, and meeting them deoptimised
 * the hot loops (seen with node --trace-deopt on the bench's workers case).
 */
export function wrapAccumulators(
  buffers: ArrayBuffer[],
  finals: Record<string, number[]>[],
  windows: number[][] = finals.map(() => []),
): PolicyAccumulator[] {
  return finals.map((f, p) => ({
    reward: new Float64Array(buffers[5 * p]),
    reward2: new Float64Array(buffers[5 * p + 1]),
    optimal: new Float64Array(buffers[5 * p + 2]),
    regret: new Float64Array(buffers[5 * p + 3]),
    regret2: new Float64Array(buffers[5 * p + 4]),
    finals: f,
    windows: windows[p],
  }))
}
