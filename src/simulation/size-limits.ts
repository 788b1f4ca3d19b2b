import { runChunks } from "./chunks"

/** The most memory a simulation may plan for: 2 GiB. */
export const SIMULATION_MEMORY_LIMIT = 2 ** 31
/** The most runs: per-run final metrics are kept for every run, and larger counts are no longer statistics but waiting. */
export const MAX_RUNS = 1_000_000

/** The sizes that decide a simulation's memory. */
export interface SimulationSize {
  horizon: number
  runs: number
  policies: number
  workers: number
}

/**
 * Bytes of the per-step arrays of a simulation (steps.csv is streamed, so it takes none):
 * 8·T·(P·(5·S + 7) + 1), with T the horizon, P the policies, 7 result curves per policy, one
 * Lai–Robbins curve, and S = 2·threads sets of 5 per-step accumulators (each thread's chunk sums
 * and the ones on their way back; threads = min(workers, chunks)).
 * @example simulationMemoryBytes({ horizon: 1e6, runs: 100, policies: 2, workers: 1 }) // 8e6 · (2·17 + 1) = 2.8e8
 */
export function simulationMemoryBytes(size: SimulationSize): number {
  const threads = Math.min(size.workers, runChunks(size.runs).length)
  return 8 * size.horizon * (size.policies * (5 * 2 * threads + 7) + 1)
}

/**
 * What is too large in a simulation, as [field, reason], or null when it fits: runs above
 * {@link MAX_RUNS}, or a horizon whose arrays need more than {@link SIMULATION_MEMORY_LIMIT}
 * (the reason says how many steps would fit).
 * @example simulationSizeProblem({ horizon: 1e12, runs: 10, policies: 1, workers: 1 }) // ["horizon", "1000000000000 steps × 1 policy × 1 thread need about 144000 GB of memory; the limit is 2.1 GB, which fits at most 14913080 steps"]
 */
export function simulationSizeProblem(size: SimulationSize): [field: "horizon" | "runs", reason: string] | null {
  if (size.runs > MAX_RUNS) return ["runs", `${size.runs} runs; the limit is ${MAX_RUNS}`]
  const bytes = simulationMemoryBytes(size)
  if (bytes <= SIMULATION_MEMORY_LIMIT) return null
  const fits = Math.floor((SIMULATION_MEMORY_LIMIT * size.horizon) / bytes)
  const threads = Math.min(size.workers, runChunks(size.runs).length)
  return [
    "horizon",
    `${size.horizon} steps × ${size.policies} ${size.policies === 1 ? "policy" : "policies"} × ${threads} ${threads === 1 ? "thread" : "threads"} need about ${gigabytes(bytes)} of memory; the limit is ${gigabytes(SIMULATION_MEMORY_LIMIT)}, which fits at most ${fits} steps`,
  ]
}

/**
 * An upper bound on the bytes of `steps.csv`: one row per step and policy, each at most the
 * policy's name, quoted (2·bytes + 2), + 242 characters (a step number of up to 16 digits, nine
 * numbers of up to 24 characters as JavaScript prints a double, nine commas, a newline), plus the
 * header. `nameBytes` holds the UTF-8 length of each policy's name.
 * @example stepsCsvBytesBound(1000, [4]) // 117 + 1000 · (10 + 242)
 */
export function stepsCsvBytesBound(horizon: number, nameBytes: readonly number[]): number {
  let perStep = 0
  for (const n of nameBytes) perStep += 2 * n + 2 + 242
  return 117 + horizon * perStep
}

/**
 * Why writing `bytes` where `free` bytes are free will not fit, or null when it does.
 * @example outputSpaceProblem(3e9, 1e9) // "steps.csv needs up to 3 GB; 1 GB is free there"
 */
export function outputSpaceProblem(bytes: number, free: number): string | null {
  return bytes <= free ? null : `steps.csv needs up to ${gigabytes(bytes)}; ${gigabytes(free)} is free there`
}

function gigabytes(bytes: number): string {
  const gb = bytes / 1e9
  return `${gb >= 100 ? Math.round(gb) : Number(gb.toPrecision(2))} GB`
}
