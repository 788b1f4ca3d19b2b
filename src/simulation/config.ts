import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"
import { optionsZodObject } from "../config/option-schema"
import { POLICY_DESCRIPTORS, POLICY_TYPES, type PolicySpec } from "../bandits/registry"
import { ENVIRONMENT_REGISTRY, ENVIRONMENT_TYPES, type EnvironmentSpec } from "./environment-registry"

const name = lazyValue(() => loadZod().string().min(1).optional())

/**
 * The policies a simulation config may name, derived from the policy registry: each entry is
 * `{ type, name?, …options }` and every option runs the check its policy's constructor runs, so a
 * config error names the field (`policies[2].stepSize: must be in (0, 1], got 0`).
 */
export const policySpecSchema = lazyValue((): z.ZodType<PolicySpec> => {
  const z = loadZod()
  const entries = POLICY_DESCRIPTORS.map((d) => optionsZodObject(d.optionsSchema, { type: z.literal(d.type), name }))
  const union = z.discriminatedUnion("type", entries as [(typeof entries)[number], ...(typeof entries)[number][]], {
    error: (issue) =>
      issue.code === "invalid_union" ? `unknown type; allowed: ${POLICY_TYPES.join(", ")}` : undefined,
  })
  // The union's inferred type knows only `type` and `name`; the registry states every option's type.
  return union as unknown as z.ZodType<PolicySpec>
})
export type { PolicySpec }

/** The environments a simulation config may name, derived from the environment registry. */
export const environmentSpecSchema = lazyValue((): z.ZodType<EnvironmentSpec> => {
  const z = loadZod()
  const entries = ENVIRONMENT_REGISTRY.map((d) => d.specSchema as z.ZodObject)
  return z.discriminatedUnion("type", entries as [z.ZodObject, ...z.ZodObject[]], {
    error: (issue) =>
      issue.code === "invalid_union" ? `unknown type; allowed: ${ENVIRONMENT_TYPES.join(", ")}` : undefined,
  }) as unknown as z.ZodType<EnvironmentSpec>
})
export type { EnvironmentSpec }

export { POLICY_TYPES }
export { ENVIRONMENT_TYPES }

/** A whole simulation config file (JSON or YAML); unknown keys are errors. */
export const simulationConfigSchema = lazyValue(() => {
  const z = loadZod()
  return z.strictObject({
    title: z.string().optional(),
    environment: environmentSpecSchema,
    policies: z.array(policySpecSchema).min(1, "list at least one policy"),
    horizon: z.number().int("must be an integer").positive("must be a positive integer (number of steps)"),
    runs: z.number().int().positive("must be a positive integer").default(100),
    seed: z.number().int().min(0).default(0),
    workers: z.number().int().min(1).default(1),
    /**
     * Show a top-k slate per step instead of one arm (e-commerce environment; policies that score
     * every arm: ucb, ucb1, kl-ucb, bayes-ucb, thompson, linucb). "position-based" learns with
     * inverse propensities 1/κ̂_p, κ̂ estimated before the runs by a result-randomisation experiment
     * of `randomisedImpressions` visits shown uniformly random slates (the world's true κ_p are never
     * given to a policy); "cascade" learns from the first click.
     */
    slate: z
      .strictObject({
        k: z.number().int().min(1),
        clickModel: z.enum(["cascade", "position-based"]),
        randomisedImpressions: z.number().int().min(100).default(20000),
      })
      .optional(),
    /**
     * Play the same policies in several variants of the environment (e.g. users who stay / users who
     * leave): each scenario's `environment` fields override the config's (its `world` fields override
     * the world's), and the report compares the policies across scenarios.
     */
    scenarios: z
      .array(z.strictObject({ name: z.string().min(1), environment: z.record(z.string(), z.unknown()).optional() }))
      .min(1)
      .optional(),
  })
})
export type SimulationConfig = z.infer<typeof simulationConfigSchema>
