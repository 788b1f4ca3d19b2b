import { validate } from "../config/load-config"
import { environmentSpecSchema, type SimulationConfig } from "./config"
import { createEnvironment, createPolicy } from "./factory"
import type { SimulationResult } from "./result"
import { simulateConfig } from "./runner"
import { historySize } from "./logged-history"
import { historyStream } from "./streams"

/** One scenario of a config with `scenarios`: its name, its own complete config, and its result. */
export interface ScenarioResult {
  name: string
  config: SimulationConfig
  result: SimulationResult
  /** Per policy: whether it keeps per-user state learned from the user's own history (it has `warmStart`, or per-user feedback re-weighting). */
  personalised: boolean[]
  /** Size of run 0's logged history (the environment's `loggedHistory`), or null when it has none. */
  history: ReturnType<typeof historySize> | null
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x)

/**
 * The complete config of each scenario: the scenario's environment fields override the config's,
 * its `world` fields override the world's (one level deep), validated with the field's path.
 * A config without scenarios is one scenario named after its title.
 * @example scenarioConfigs(config).map((c) => c.environment)
 */
export function scenarioConfigs(config: SimulationConfig): { name: string; config: SimulationConfig }[] {
  if (!config.scenarios) return [{ name: config.title ?? config.environment.type, config }]
  return config.scenarios.map((s, i) => {
    const base = config.environment as Record<string, unknown>
    const over = s.environment ?? {}
    const merged: Record<string, unknown> = { ...base, ...over }
    if (isRecord(base.world) && isRecord(over.world)) merged.world = { ...base.world, ...over.world }
    const environment = validate(environmentSpecSchema, merged, `scenarios[${i}] (${s.name}).environment`)
    const { scenarios: _scenarios, ...rest } = config
    return { name: s.name, config: { ...rest, environment } }
  })
}

/**
 * Plays every scenario of the config in turn (each over `config.workers` threads, bit-identical
 * whatever their number). `onProgress` counts runs over all scenarios.
 */
export async function simulateScenarios(
  config: SimulationConfig,
  onProgress?: (done: number, total: number) => void,
): Promise<ScenarioResult[]> {
  const list = scenarioConfigs(config)
  const total = list.length * config.runs
  const out: ScenarioResult[] = []
  for (const [i, s] of list.entries()) {
    const result = await simulateConfig(s.config, (done) => onProgress?.(i * config.runs + done, total))
    const env = await createEnvironment(s.config.environment)
    const personalised = s.config.policies.map((spec, p) => {
      const policy = createPolicy(spec, env, p, s.config.seed)
      return policy.warmStart !== undefined || (spec.type === "feedback-reweighting" && spec.perUser === true)
    })
    const history = env.loggedHistory ? historySize(env.loggedHistory(historyStream(s.config.seed, 0))) : null
    out.push({ name: s.name, config: s.config, result, personalised, history })
  }
  return out
}
