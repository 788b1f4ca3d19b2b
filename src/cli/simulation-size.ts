import { statfsSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { UserError } from "../config/user-error"
import type { SimulationConfig } from "../simulation/config"
import { outputSpaceProblem, simulationSizeProblem, stepsCsvBytesBound } from "../simulation/size-limits"

/**
 * Refuses, before any work, a simulation too large to run (see `simulationSizeProblem`) or whose
 * steps.csv cannot fit in the free space where `out` will be written, blaming the flag when one set
 * the value and the config file's field otherwise. `free` (bytes) defaults to the file system's.
 * @throws UserError e.g. "--horizon: 30000000 steps × 2 policies × 1 thread need about 8.4 GB of memory; …"
 * @example checkSimulationSize(config, flags.config, flags)
 */
export function checkSimulationSize(
  config: SimulationConfig,
  file: string,
  flags: { out: string; horizon?: number; runs?: number },
  free = freeBytes(flags.out),
): void {
  const blame = (field: "horizon" | "runs"): string =>
    flags[field] !== undefined ? `--${field}` : `${file}: field '${field}'`
  const problem = simulationSizeProblem({
    horizon: config.horizon,
    runs: config.runs,
    policies: config.policies.length,
    workers: config.workers,
  })
  if (problem) throw new UserError(`${blame(problem[0])}: ${problem[1]}`)
  // A policy without a name gets a short label from its parameters (e.g. d-ucb-0.99): 64 bytes bound those.
  const nameBytes = config.policies.map((p) => (p.name === undefined ? 64 : Buffer.byteLength(p.name)))
  const space = outputSpaceProblem(stepsCsvBytesBound(config.horizon, nameBytes), free)
  if (space)
    throw new UserError(
      `${blame("horizon")}: ${config.horizon} steps × ${nameBytes.length} ${nameBytes.length === 1 ? "policy" : "policies"}: ${space}`,
    )
}

/** Free bytes for an unprivileged user on the file system of `path`'s nearest existing ancestor. */
function freeBytes(path: string): number {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    try {
      const stats = statfsSync(dir)
      return stats.bavail * stats.bsize
    } catch (error) {
      if (dirname(dir) === dir) throw error
    }
  }
}
