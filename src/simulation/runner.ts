import { existsSync } from "node:fs"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { Worker } from "node:worker_threads"
import type { Policy } from "../bandits/policy"
import type { Environment } from "../schema/environment"
import type { SimulationConfig } from "./config"
import { createEnvironment, createPolicy, createSlatePolicies } from "./factory"
import { playSlateChunk, simulateSlates } from "./play-slate"
import { runChunks } from "./chunks"
import { ChunkMerger } from "./chunk-merger"
import { playChunk } from "./play"
import { clearAccumulator, emptyAccumulator, type PolicyAccumulator } from "./accumulator"
import { laiRobbinsCurve, laiRobbinsConstant } from "./lai-robbins"
import { mergeAccumulator, policyResult, type SimulationResult } from "./result"
import {
  accumulatorBuffers,
  wrapAccumulators,
  type WorkerInput,
  type WorkerMessage,
  type WorkerReturn,
} from "./worker-protocol"
import type { RunOptions } from "./run-options"

function checkRunOptions(o: RunOptions): void {
  if (!Number.isInteger(o.horizon) || o.horizon < 1)
    throw new Error(`simulate: horizon must be a positive integer, got ${o.horizon}`)
  if (!Number.isInteger(o.runs) || o.runs < 1)
    throw new Error(`simulate: runs must be a positive integer, got ${o.runs}`)
  if (!Number.isSafeInteger(o.seed) || o.seed < 0)
    throw new Error(`simulate: seed must be a non-negative integer, got ${o.seed}`)
}

function finish(
  env: Environment<unknown>,
  policies: { name: string; type: string; config: Readonly<Record<string, unknown>> | null }[],
  totals: PolicyAccumulator[],
  o: RunOptions,
): SimulationResult {
  const means = env.bernoulliMeans?.() ?? null
  return {
    environment: env.name,
    horizon: o.horizon,
    runs: o.runs,
    seed: o.seed,
    policies: totals.map((acc, p) => policyResult(acc, o.runs, policies[p].name, policies[p].type, policies[p].config)),
    laiRobbins: means ? laiRobbinsCurve(means, o.horizon) : null,
    laiRobbinsConstant: means ? laiRobbinsConstant(means) : null,
    rewardRange: env.rewardRange,
  }
}

/**
 * Plays every policy against identical user streams, R runs × T steps, in this thread: run r
 * uses stream createRng(seed, r) for the environment and createRng(seed, (p + 1)·2³² + r) for
 * policy p. Accepts any `Environment` and `Policy` objects (notebooks, custom environments).
 * @example
 * const result = simulate(new BernoulliArms([0.5, 0.4]), [new Ucb1({ arms: 2 }), new BetaThompson({ arms: 2 })], { horizon: 1000, runs: 50, seed: 1 })
 */
export function simulate(
  env: Environment<unknown>,
  policies: Policy<unknown>[],
  options: RunOptions,
  types?: string[],
): SimulationResult {
  checkRunOptions(options)
  if (policies.length === 0) throw new Error("simulate: give at least one policy")
  policies.forEach((p, i) => {
    if (p.nArms !== env.nArms)
      throw new Error(`simulate: policies[${i}] (${p.name}) has ${p.nArms} arms, the environment ${env.nArms}`)
  })
  const chunks = runChunks(options.runs)
  // One scratch accumulator per policy, reused by every chunk of more than one run. A one-run chunk
  // is added straight into the totals: merging it would add 0 + x = x first, so the sums are the same.
  const multiRun = chunks.some(([first, last]) => last - first > 1)
  const pooled = takeAccumulators(options.horizon, policies.length * (multiRun ? 2 : 1))
  const totals = pooled.slice(0, policies.length)
  const scratch = multiRun ? pooled.slice(policies.length) : null
  let done = 0
  const onRun = (): void => options.onProgress?.(++done, options.runs)
  for (const [first, last] of chunks) {
    if (last - first === 1 || scratch === null) {
      playChunk(env, policies, first, last, options.horizon, options.seed, onRun, options.fastPaths ?? true, totals)
      continue
    }
    scratch.forEach(clearAccumulator)
    playChunk(env, policies, first, last, options.horizon, options.seed, onRun, options.fastPaths ?? true, scratch)
    scratch.forEach((a, p) => mergeAccumulator(totals[p], a))
  }
  const meta = policies.map((p, i) => ({
    name: p.name,
    type: types?.[i] ?? p.constructor.name,
    config: p.config ?? null,
  }))
  const result = finish(env, meta, totals, options)
  giveBackAccumulators(options.horizon, pooled)
  return result
}

/** Zeroed accumulators kept between {@link simulate} calls, for one horizon (the latest). */
const pool: { horizon: number; free: PolicyAccumulator[] } = { horizon: 0, free: [] }
/** The most Float64 entries the pool keeps (16 M = 128 MB); larger sets are left to the GC. */
const POOL_ENTRIES = 1 << 24

/**
 * n zeroed accumulators of the horizon, taken out of the pool (so a nested simulate, say from
 * onProgress, gets others). With long horizons the arrays are megabytes: fresh ones in every call
 * cost thousands of page faults, much kernel time and major GCs; reused ones only a fill(0).
 */
function takeAccumulators(horizon: number, n: number): PolicyAccumulator[] {
  const free = pool.horizon === horizon ? pool.free : []
  const out = free.splice(Math.max(0, free.length - n))
  out.forEach(clearAccumulator)
  while (out.length < n) out.push(emptyAccumulator(horizon))
  return out
}

function giveBackAccumulators(horizon: number, accs: PolicyAccumulator[]): void {
  if (pool.horizon !== horizon) {
    pool.horizon = horizon
    pool.free = []
  }
  for (const acc of accs) if ((pool.free.length + 1) * 5 * horizon <= POOL_ENTRIES) pool.free.push(acc)
}

/**
 * The compiled worker script (dist/simulation/worker.js), also when this module runs from TypeScript sources.
 * @internal
 */
export function workerScript(): string {
  const here = join(__dirname, "worker.js")
  if (existsSync(here)) return here
  const built = join(__dirname, "..", "..", "dist", "simulation", "worker.js")
  if (existsSync(built)) return built
  throw new Error("simulate: the compiled worker (dist/simulation/worker.js) is missing; run `npm run build` first")
}

/** What one thread did for one chunk (for load-balance diagnostics). */
export interface ChunkReport {
  chunk: number
  /** 0: the calling thread; 1, 2, …: the worker threads. */
  worker: number
  runs: number
  /** Wall time the thread spent playing the chunk, in milliseconds. */
  ms: number
}

/** Yields to the event loop (worker messages, timers) between two chunks played in this thread. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Runs a validated config over `config.workers` threads: this one and `workers − 1` worker threads
 * (1: all in this thread, as {@link simulate}). Runs are split into chunks fixed by the run count
 * alone and merged in chunk order, so the numbers are identical whatever the number of workers.
 * Every thread takes the next chunk from a shared counter when it is free, so faster threads take
 * more chunks and none waits for a request; this thread plays chunks too (from the start, while the
 * workers start up, ≈0.1 s each) and yields to the event loop between its chunks, when it also
 * merges the chunks returned, in order. Chunk sums travel as transferred buffers (no copy) and go
 * back to their worker for reuse once merged. Memory O(T·policies·(threads + chunks pending)).
 * `onChunk` reports which thread played which chunk and how long it took.
 */
export async function simulateConfig(
  config: SimulationConfig,
  onProgress?: (done: number, total: number) => void,
  onChunk?: (report: ChunkReport) => void,
): Promise<SimulationResult> {
  const options: RunOptions = { horizon: config.horizon, runs: config.runs, seed: config.seed, onProgress }
  checkRunOptions(options)
  const chunks = runChunks(config.runs)
  const next = new Int32Array(new SharedArrayBuffer(4))
  const workers: Worker[] = []
  let failure: Error | null = null
  let wake = (): void => undefined
  const stop = (error: Error): void => {
    failure ??= error
    Atomics.store(next, 0, chunks.length) // every thread stops after its current chunk
    wake()
  }
  try {
    // Started first: their start-up overlaps building the environment here.
    const script = Math.min(config.workers, chunks.length) > 1 ? workerScript() : ""
    for (let i = 1; i < Math.min(config.workers, chunks.length); i++) {
      const w = new Worker(script, { workerData: { config, next } satisfies WorkerInput })
      w.on("error", stop)
      w.on("exit", (code) => stop(new Error(`simulation worker ${i} stopped (exit code ${code})`)))
      workers.push(w)
    }
    const env = await createEnvironment(config.environment)
    const policies = config.policies.map((spec, i) => createPolicy(spec, env, i, config.seed))
    const types = config.policies.map((s) => s.type)
    const slates = config.slate ? createSlatePolicies(config, env, policies) : null
    if (workers.length === 0)
      return slates ? simulateSlates(slates.env, slates.slates, options) : simulate(env, policies, options, types)

    const free: PolicyAccumulator[][] = []
    const merger = new ChunkMerger(
      policies.map(() => emptyAccumulator(config.horizon)),
      chunks.length,
      (accs, thread) => {
        if (thread === 0) free.push(accs)
        else {
          const buffers = accumulatorBuffers(accs)
          workers[thread - 1].postMessage(buffers satisfies WorkerReturn, buffers)
        }
      },
    )
    let done = 0
    const deliver = (chunk: number, accs: PolicyAccumulator[], thread: number, ms: number): void => {
      const [first, last] = chunks[chunk]
      onChunk?.({ chunk, worker: thread, runs: last - first, ms })
      merger.add(chunk, accs, thread)
      if (merger.complete) wake()
    }
    workers.forEach((w, i) =>
      w.on("message", (m: WorkerMessage) => {
        if (failure) return
        if (m.type === "run") onProgress?.(++done, config.runs)
        else if (m.type === "error") stop(new Error(m.message))
        else {
          onProgress?.(++done, config.runs)
          deliver(m.chunk, wrapAccumulators(m.buffers, m.finals, m.windows), i + 1, m.ms)
        }
      }),
    )
    const onRun = (): void => onProgress?.(++done, config.runs)
    for (let chunk = Atomics.add(next, 0, 1); chunk < chunks.length; chunk = Atomics.add(next, 0, 1)) {
      const t0 = performance.now()
      const [first, last] = chunks[chunk]
      const reused = free.pop()
      reused?.forEach(clearAccumulator)
      const accs = reused ?? policies.map(() => emptyAccumulator(config.horizon))
      try {
        if (slates) playSlateChunk(slates.env, slates.slates, first, last, config.horizon, config.seed, onRun, accs)
        else playChunk(env, policies, first, last, config.horizon, config.seed, onRun, true, accs)
      } catch (error) {
        stop(error as Error)
        break
      }
      deliver(chunk, accs, 0, performance.now() - t0)
      await breathe()
    }
    if (!failure && !merger.complete) await new Promise<void>((resolve) => (wake = resolve))
    if (failure) throw failure
    if (slates) {
      const meta = slates.slates.map((p) => ({ name: p.name, type: "top-k-slate", config: p.config }))
      return {
        ...finish(env, meta, merger.totals, options),
        environment: slates.env.name,
        laiRobbins: null,
        laiRobbinsConstant: null,
      }
    }
    return finish(
      env,
      policies.map((p, i) => ({ name: p.name, type: types[i], config: p.config ?? null })),
      merger.totals,
      options,
    )
  } finally {
    Atomics.store(next, 0, chunks.length)
    failure ??= new Error("simulation ended") // the workers' exit events below are expected
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
