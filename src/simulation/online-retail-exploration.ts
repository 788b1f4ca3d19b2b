import { lazyValue } from "../config/lazy-value"
import { loadConfig } from "../config/load-config"
import { createPolicy } from "./factory"
import { simulationConfigSchema } from "./config"
import {
  type OnlineRetailEnvironment,
  createOnlineRetailEnvironment,
  onlineRetailEnvironmentSpecSchema,
} from "../retail/online-retail-environment"
import type { SimulationResult } from "./result"
import { simulate } from "./runner"

/** A simulation config whose environment is `online-retail` (the policies as in any simulate config). */
export const onlineRetailExperimentSchema = lazyValue(() =>
  simulationConfigSchema.extend({ environment: onlineRetailEnvironmentSpecSchema }),
)

/** Reads and validates an experiment file such as experiments/online-retail.yaml. */
export function loadOnlineRetailExperiment(path: string): ReturnType<typeof onlineRetailExperimentSchema.parse> {
  return loadConfig(path, onlineRetailExperimentSchema)
}

/**
 * Plays every policy of the config against the calibrated customers (common random numbers,
 * `runs` seeded runs) in this thread; `overrides` shorten it for notebooks and tests.
 * @example runOnlineRetailExperiment(loadOnlineRetailExperiment("experiments/online-retail.yaml"), { runs: 5 })
 */
export function runOnlineRetailExperiment(
  config: ReturnType<typeof onlineRetailExperimentSchema.parse>,
  overrides: { horizon?: number; runs?: number; onProgress?: (done: number, total: number) => void } = {},
): SimulationResult {
  const env: OnlineRetailEnvironment = createOnlineRetailEnvironment(config.environment)
  const policies = config.policies.map((spec, i) => createPolicy(spec, env, i, config.seed + i))
  return simulate(env, policies, {
    horizon: overrides.horizon ?? config.horizon,
    runs: overrides.runs ?? config.runs,
    seed: config.seed,
    onProgress: overrides.onProgress,
  })
}
