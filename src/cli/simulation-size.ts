import { UserError } from "../config/user-error"
import type { SimulationConfig } from "../simulation/config"
import { simulationSizeProblem } from "../simulation/size-limits"

/**
 * Refuses, before any work, a simulation too large to run (see `simulationSizeProblem`), blaming
 * the flag when one set the value and the config file's field otherwise.
 * @throws UserError e.g. "--horizon: 30000000 steps × 2 policies × 1 thread need about 8.4 GB of memory; …"
 * @example checkSimulationSize(config, flags.config, { horizon: flags.horizon, runs: flags.runs })
 */
export function checkSimulationSize(config: SimulationConfig, file: string, flags: { horizon?: number; runs?: number }): void {
  const problem = simulationSizeProblem({ horizon: config.horizon, runs: config.runs, policies: config.policies.length, workers: config.workers })
  if (!problem) return
  const [field, reason] = problem
  throw new UserError(`${flags[field] !== undefined ? `--${field}` : `${file}: field '${field}'`}: ${reason}`)
}
