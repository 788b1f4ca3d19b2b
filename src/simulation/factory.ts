import type { Policy } from "../bandits/policy"
import { policyDescriptor } from "../bandits/registry"
import { checkOptions } from "../config/option-schema"
import type { Environment } from "../schema/environment"
import type { z } from "zod"
import { ENVIRONMENT_REGISTRY, ENVIRONMENT_TYPES, type EnvironmentDescriptor } from "./environment-registry"
import type { EcommerceEnvironment } from "./ecommerce"
import type { EnvironmentSpec, PolicySpec, SimulationConfig } from "./config"
import type { SlateEnvironment } from "./slate-environment"
import { TopKSlate } from "../bandits/slate"
import type { ScoringPolicy } from "../bandits/scorer"
import { estimateExamination } from "./examination-estimate"
import { examinationStream } from "./streams"

/**
 * Builds the environment a config describes with its registry entry (see `environment-registry.ts`).
 * Async because the e-commerce environment (the synthetic world and its config schema, ≈0.2 s to
 * load) is imported only when a config asks for it: every worker thread builds its own environment,
 * and the classic ones then start in ~0.1 s.
 */
export async function createEnvironment(spec: EnvironmentSpec): Promise<Environment<unknown>> {
  const descriptor = ENVIRONMENT_REGISTRY.find((d) => d.type === spec.type)
  if (!descriptor)
    throw new Error(`unknown environment type ${JSON.stringify(spec.type)}; allowed: ${ENVIRONMENT_TYPES.join(", ")}`)
  return (descriptor as EnvironmentDescriptor<string, z.ZodType<EnvironmentSpec>>).create(spec)
}

/** Whether `env` is the e-commerce environment (checked by shape, so this module need not load it). */
function isEcommerce(env: Environment<unknown>): env is Environment<unknown> & EcommerceEnvironment {
  return "world" in env && "armItem" in env
}

/**
 * Builds policy `index` of a config for `env` with its registry entry (see `bandits/registry.ts`).
 * `seed` seeds the policy's own generator (Monte Carlo propensities). Contextual policies need an
 * environment with matching contexts.
 */
export function createPolicy(
  spec: PolicySpec,
  env: Environment<unknown>,
  index: number,
  seed: number,
): Policy<unknown> {
  const arms = env.nArms
  const where = `policies[${index}] (${spec.type})`
  const needFeatures = (): number => {
    if (!env.dimension)
      throw new Error(`${where}: needs an environment with context features (ecommerce), not ${env.name}`)
    return env.dimension
  }
  /** Users of a personalised policy: the world's (a warm-start history may add arrivals). */
  const needUsers = (): number => {
    if (isEcommerce(env)) return env.world.nUsers
    if ("nCustomers" in env && typeof env.nCustomers === "number") return env.nCustomers
    throw new Error(`${where}: needs users in the context (ecommerce or online-retail environment), not ${env.name}`)
  }
  const descriptor = policyDescriptor(spec.type)
  const { type: _type, ...options } = spec
  checkOptions(where, descriptor.optionsSchema, options)
  return descriptor.create(options, { arms, seed, features: needFeatures, users: needUsers })
}

/** Policy types whose updates require rewards in [0, 1] (Beta or Bernoulli-KL posteriors). */
const BOUNDED_REWARDS: readonly string[] = ["thompson", "kl-ucb", "bayes-ucb"]

/**
 * The slate policies of a config with `slate`: each policy wrapped as a top-k slate under the
 * config's click model (position-based: κ̂_p estimated by a result-randomisation experiment on the
 * environment, as a real system must; the world's true κ_p never reach a policy).
 * @throws naming the policy when it cannot score every arm, or when the environment shows no slates
 */
export function createSlatePolicies(
  config: SimulationConfig,
  env: Environment<unknown>,
  policies: Policy<unknown>[],
): { env: SlateEnvironment<unknown>; slates: TopKSlate<unknown>[] } {
  const slate = config.slate
  if (!slate) throw new Error("createSlatePolicies: the config has no slate")
  if (!("slateReward" in env))
    throw new Error(`slate: needs an environment that shows slates (ecommerce), not ${env.name}`)
  const slateEnv = env as Environment<unknown> & SlateEnvironment<unknown>
  if (slate.k > env.nArms) throw new Error(`slate.k must be <= the ${env.nArms} arms, got ${slate.k}`)
  const examination =
    slate.clickModel === "position-based"
      ? Array.from(estimateExamination(slateEnv, slate.k, slate.randomisedImpressions, examinationStream(config.seed)))
      : undefined
  const slates = policies.map((p, i) => {
    if (!("scores" in p)) {
      throw new Error(
        `policies[${i}] (${config.policies[i].type}): a slate needs a policy that scores every arm (ucb, ucb1, kl-ucb, bayes-ucb, thompson, linucb)`,
      )
    }
    const type = config.policies[i].type
    if (slate.clickModel === "position-based" && BOUNDED_REWARDS.includes(type)) {
      throw new Error(
        `policies[${i}] (${type}): position-based slates learn from inverse-propensity rewards click/κ_p > 1, which ${type} (rewards in [0, 1]) cannot take; use ucb, ucb1 or linucb, or clickModel "cascade"`,
      )
    }
    return new TopKSlate(p as ScoringPolicy<unknown>, { k: slate.k, clickModel: slate.clickModel, examination })
  })
  return { env: slateEnv, slates }
}
