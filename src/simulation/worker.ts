import { parentPort, workerData } from "node:worker_threads"
import { performance } from "node:perf_hooks"
import type { SimulationConfig } from "./config"
import { createEnvironment, createPolicy, createSlatePolicies } from "./factory"
import { playChunk, type PolicyAccumulator } from "./play"
import { playSlateChunk } from "./play-slate"
import type { SlateEnvironment } from "./slate-environment"
import type { TopKSlate } from "../bandits/slate"
import type { Environment } from "./environment"
import type { Policy } from "../bandits/policy"

/** Messages from the main thread: play runs [first, last) as chunk number `chunk`. */
export interface ChunkRequest {
  chunk: number
  first: number
  last: number
}

/** Messages to the main thread. */
export type WorkerMessage =
  | { type: "run" }
  | { type: "chunk"; chunk: number; accs: PolicyAccumulator[]; ms: number }
  | { type: "error"; message: string }

// The config arrives once, as workerData; the environment and policies are built once per worker.
const config = workerData as SimulationConfig | undefined
interface WorkerState {
  env: Environment<unknown>
  policies: Policy<unknown>[]
  slates: { env: SlateEnvironment<unknown>; slates: TopKSlate<unknown>[] } | null
}
let state: Promise<WorkerState> | null = null
async function build(c: SimulationConfig): Promise<WorkerState> {
  const env = await createEnvironment(c.environment)
  const policies = c.policies.map((spec, i) => createPolicy(spec, env, i, c.seed))
  return { env, policies, slates: c.slate ? createSlatePolicies(c, env, policies) : null }
}
// Start building at once, while the first chunk request is on its way.
if (config) {
  state = build(config)
  state.catch(() => undefined) // reported by the first chunk that awaits it
}

// Messages are handled one after another: the chain keeps chunk order even though building is async.
let queue: Promise<void> = Promise.resolve()
parentPort?.on("message", (request: ChunkRequest) => {
  queue = queue.then(() => play(request))
})

async function play(request: ChunkRequest): Promise<void> {
  try {
    if (!config || !state) throw new Error("simulation worker started without a config")
    const { env, policies, slates } = await state
    const t0 = performance.now()
    const last = request.last
    let run = request.first
    // Progress for every run but the chunk's last, which the chunk message itself reports.
    const onRun = (): void => {
      if (++run < last) parentPort?.postMessage({ type: "run" } satisfies WorkerMessage)
    }
    const accs = slates
      ? playSlateChunk(slates.env, slates.slates, request.first, last, config.horizon, config.seed, onRun)
      : playChunk(env, policies, request.first, last, config.horizon, config.seed, onRun)
    const transfer = accs.flatMap((a) => [a.reward.buffer, a.reward2.buffer, a.optimal.buffer, a.regret.buffer, a.regret2.buffer]) as ArrayBuffer[]
    parentPort?.postMessage({ type: "chunk", chunk: request.chunk, accs, ms: performance.now() - t0 } satisfies WorkerMessage, transfer)
  } catch (error) {
    parentPort?.postMessage({ type: "error", message: (error as Error).message } satisfies WorkerMessage)
  }
}
