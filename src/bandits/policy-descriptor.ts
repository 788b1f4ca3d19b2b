import type { OptionFields, OptionsOf, OptionsSchema } from "../config/option-schema"
import type { Policy } from "./policy"

/**
 * What the simulator tells a policy it builds from a config: the number of arms, the seed of the
 * policy's own generator, and (asked only by the policies that need them) the context's feature
 * dimension and number of users; each asker throws, naming the policy, when the environment has none.
 */
export interface PolicySetting {
  readonly arms: number
  readonly seed: number
  features(): number
  users(): number
}

/** A policy class whose instances `savePolicy` can store and `loadPolicy` rebuild from their `config`. */
export type SavablePolicyClass = new (options: never) => Policy<never>

/**
 * One entry of the policy registry: the `type` a config names, a one-line description (docs table),
 * the options a config may set (the same schema the constructor checks), and how to build the policy.
 * The config schema, the factory, the list of types, persistence and docs/policies.md are derived from
 * the list of these in `registry.ts`.
 */
export interface PolicyDescriptor<T extends string = string, S extends OptionFields = OptionFields> {
  readonly type: T
  readonly description: string
  readonly optionsSchema: OptionsSchema<S>
  /** The class `savePolicy` / `loadPolicy` store it as, if its state can be saved. */
  readonly savable?: SavablePolicyClass
  /** Builds the policy from checked config options (`name` included) and the simulator's setting. */
  create(options: OptionsOf<S> & { name?: string }, setting: PolicySetting): Policy<unknown>
}

/** Any registry entry, whatever its options: what the factory, persistence and the docs table read. */
export interface AnyPolicyDescriptor {
  readonly type: string
  readonly description: string
  readonly optionsSchema: OptionsSchema
  readonly savable?: SavablePolicyClass
  create(
    options: { readonly name?: string } & Readonly<Record<string, unknown>>,
    setting: PolicySetting,
  ): Policy<unknown>
}

/**
 * Declares a policy's registry entry (types `type` as its literal, so the config types follow).
 * @example export const ucbPolicy = definePolicy({ type: "ucb", description: "…", optionsSchema: ucbOptions, create: (o, s) => new Ucb({ ...o, arms: s.arms }) })
 */
export function definePolicy<const T extends string, S extends OptionFields>(
  descriptor: PolicyDescriptor<T, S>,
): PolicyDescriptor<T, S> {
  return descriptor
}
