import { parentPort, workerData } from "node:worker_threads"
import { performance } from "node:perf_hooks"
import { createEnvironment, createPolicy, createSlatePolicies } from "./factory"
import { playChunk } from "./play"
import { clearAccumulator, emptyAccumulator } from "./accumulator"
import { playSlateChunk } from "./play-slate"
import { runChunks } from "./chunks"
import {
  accumulatorBuffers,
  wrapAccumulators,
  type WorkerInput,
  type WorkerMessage,
  type WorkerReturn,
} from "./worker-protocol"

const input = workerData as WorkerInput | undefined
const free: WorkerReturn[] = []
// The listener also keeps this thread alive once the chunks run out, until the main thread ends it.
parentPort?.on("message", (buffers: WorkerReturn) => free.push(buffers))
if (input) void work(input)

/** Builds the environment and policies once, then plays chunks until the shared counter runs out. */
async function work({ config, next }: WorkerInput): Promise<void> {
  try {
    const env = await createEnvironment(config.environment)
    const policies = config.policies.map((spec, i) => createPolicy(spec, env, i, config.seed))
    const slates = config.slate ? createSlatePolicies(config, env, policies) : null
    const chunks = runChunks(config.runs)
    for (let chunk = Atomics.add(next, 0, 1); chunk < chunks.length; chunk = Atomics.add(next, 0, 1)) {
      const t0 = performance.now()
      const [first, last] = chunks[chunk]
      let run = first
      // Progress for every run but the chunk's last, which the chunk message itself reports.
      const onRun = (): void => {
        if (++run < last) parentPort?.postMessage({ type: "run" } satisfies WorkerMessage)
      }
      const reused = free.pop()
      const accs = reused
        ? wrapAccumulators(
            reused,
            policies.map(() => ({})),
          )
        : policies.map(() => emptyAccumulator(config.horizon))
      if (reused) accs.forEach(clearAccumulator)
      if (slates) playSlateChunk(slates.env, slates.slates, first, last, config.horizon, config.seed, onRun, accs)
      else playChunk(env, policies, first, last, config.horizon, config.seed, onRun, true, accs)
      const buffers = accumulatorBuffers(accs)
      parentPort?.postMessage(
        {
          type: "chunk",
          chunk,
          buffers,
          finals: accs.map((a) => a.finals),
          windows: accs.map((a) => a.windows),
          ms: performance.now() - t0,
        } satisfies WorkerMessage,
        buffers,
      )
      // Lets the accumulators given back arrive before the next chunk.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  } catch (error) {
    parentPort?.postMessage({ type: "error", message: (error as Error).message } satisfies WorkerMessage)
  }
}
