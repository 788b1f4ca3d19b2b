import { parentPort } from "node:worker_threads"
import type { Environment } from "./environment"
import type { Policy } from "../bandits/policy"
import type { SimulationConfig } from "./config"
import { createEnvironment, createPolicy } from "./factory"
import { playChunk } from "./play"

/** Messages from the main thread: play runs [first, last) of `config`. */
export interface ChunkRequest {
  config: SimulationConfig
  chunk: number
  first: number
  last: number
}

let cachedKey = ""
let cached: { env: Environment<unknown>; policies: Policy<unknown>[] } | null = null

parentPort?.on("message", (request: ChunkRequest) => {
  try {
    const key = JSON.stringify(request.config)
    if (key !== cachedKey || !cached) {
      const env = createEnvironment(request.config.environment)
      cached = { env, policies: request.config.policies.map((spec, i) => createPolicy(spec, env, i, request.config.seed)) }
      cachedKey = key
    }
    const { env, policies } = cached
    const accs = playChunk(env, policies, request.first, request.last, request.config.horizon, request.config.seed, () =>
      parentPort?.postMessage({ type: "run" }),
    )
    const transfer = accs.flatMap((a) => [a.reward.buffer, a.reward2.buffer, a.optimal.buffer, a.regret.buffer, a.regret2.buffer]) as ArrayBuffer[]
    parentPort?.postMessage({ type: "chunk", chunk: request.chunk, accs }, transfer)
  } catch (error) {
    parentPort?.postMessage({ type: "error", message: (error as Error).message })
  }
})
