import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"
import type { Environment } from "../schema/environment"
import { onlineRetailEnvironmentSpecSchema } from "../retail/online-retail-environment"
import { BernoulliArms } from "./bernoulli"
import { GaussianTestbed } from "./gaussian-testbed"
import { RandomWalkArms } from "./random-walk"
import { AbruptChangeArms } from "./abrupt-change"
import type { EcommerceEnvironment } from "./ecommerce"

const probability = lazyValue(() =>
  loadZod().number().min(0, "a probability must be in [0, 1]").max(1, "a probability must be in [0, 1]"),
)
const positive = lazyValue(() => loadZod().number().positive())

/**
 * One entry of the environment registry: the `type` a config names, a one-line description, the
 * (lazily built) schema of its config entry, and how to build it. The config union, the list of
 * types and `createEnvironment` are derived from {@link ENVIRONMENT_REGISTRY}.
 */
export interface EnvironmentDescriptor<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T
  readonly description: string
  readonly specSchema: S
  /** Builds the environment; async so that a heavy one (the synthetic world) is imported only when asked for. */
  create(spec: z.infer<S>): Environment<unknown> | Promise<Environment<unknown>>
}

function defineEnvironment<const T extends string, S extends z.ZodType>(
  d: EnvironmentDescriptor<T, S>,
): EnvironmentDescriptor<T, S> {
  return d
}

type EcommerceEnvironmentWorld = NonNullable<ConstructorParameters<typeof EcommerceEnvironment>[0]>["world"]

/** Every environment a simulation config may name, in the order of the "allowed" list of error messages. */
export const ENVIRONMENT_REGISTRY = [
  defineEnvironment({
    type: "bernoulli",
    description: "K arms with fixed Bernoulli reward probabilities",
    specSchema: lazyValue(() => {
      const z = loadZod()
      return z.strictObject({ type: z.literal("bernoulli"), probabilities: z.array(probability).min(1) })
    }),
    create: (spec) => new BernoulliArms(spec.probabilities) as Environment<unknown>,
  }),
  defineEnvironment({
    type: "gaussian-testbed",
    description: "the 10-armed Gaussian testbed of Sutton & Barto (2018) §2.3",
    specSchema: lazyValue(() => {
      const z = loadZod()
      return z.strictObject({
        type: z.literal("gaussian-testbed"),
        arms: z.number().int().min(1).optional(),
        offset: z.number().optional(),
        noiseSd: positive.optional(),
      })
    }),
    create: (spec) => new GaussianTestbed(spec) as Environment<unknown>,
  }),
  defineEnvironment({
    type: "random-walk",
    description: "Gaussian arms whose means drift by a random walk (Sutton & Barto 2018, exercise 2.5)",
    specSchema: lazyValue(() => {
      const z = loadZod()
      return z.strictObject({
        type: z.literal("random-walk"),
        arms: z.number().int().min(1).optional(),
        walkSd: z.number().min(0).optional(),
        start: z.number().optional(),
      })
    }),
    create: (spec) => new RandomWalkArms(spec) as Environment<unknown>,
  }),
  defineEnvironment({
    type: "abrupt-change",
    description: "piecewise-stationary Bernoulli arms whose probabilities change at change points",
    specSchema: lazyValue(() => {
      const z = loadZod()
      return z.strictObject({
        type: z.literal("abrupt-change"),
        arms: z.number().int().min(1),
        period: z.number().int().min(1).optional(),
        changePoints: z.array(z.number().int().min(1)).optional(),
        segments: z.array(z.array(probability)).optional(),
        low: probability.optional(),
        high: probability.optional(),
        initial: z.array(probability).optional(),
      })
    }),
    create: (spec) => new AbruptChangeArms(spec) as Environment<unknown>,
  }),
  defineEnvironment({
    type: "ecommerce",
    description: "the synthetic e-commerce world: users with hidden interests, categories or items as arms",
    specSchema: lazyValue(() => {
      const z = loadZod()
      return z.strictObject({
        type: z.literal("ecommerce"),
        world: z.record(z.string(), z.unknown()).optional(),
        arms: z.enum(["categories", "items"]).optional(),
        reward: z.enum(["click", "purchase", "revenue"]).optional(),
        position: z.number().int().min(0).optional(),
        stepsPerDay: positive.optional(),
        topInterests: z.number().int().min(1).optional(),
        history: z
          .strictObject({
            days: z.number().min(0).optional(),
            logging: z.enum(["popularity", "uniform"]).optional(),
            epsilon: z.number().gt(0).max(1).optional(),
          })
          .optional(),
        leaving: z
          .strictObject({
            boredom: z.number().min(0).optional(),
            delight: z.number().min(0).optional(),
            memory: probability.optional(),
            leaveLogit: z.number().optional(),
            sensitivity: z.number().min(0).optional(),
          })
          .optional(),
        arrivals: z
          .strictObject({ share: z.number().min(0).lt(1, "must be < 1 (some users must be there from the start)") })
          .optional(),
        userMetrics: z.strictObject({ firstVisits: z.number().int().min(1).optional() }).optional(),
        friends: z.strictObject({ meanDegree: z.number().gt(0), homophily: z.number().min(0) }).optional(),
      })
    }),
    // The synthetic world and its config schema take ≈0.2 s to load: imported only when a config asks for it.
    create: async (spec) => {
      const { EcommerceEnvironment } = await import("./ecommerce")
      const { world, type: _type, ...rest } = spec
      return new EcommerceEnvironment({ ...rest, world: world as EcommerceEnvironmentWorld }) as Environment<unknown>
    },
  }),
  defineEnvironment({
    type: "online-retail",
    description: "the Online Retail II customers, calibrated month by month (real purchases as history)",
    specSchema: onlineRetailEnvironmentSpecSchema,
    create: async (spec) => {
      const { createOnlineRetailEnvironment } = await import("../retail/online-retail-environment")
      return createOnlineRetailEnvironment(spec) as Environment<unknown>
    },
  }),
] as const

/** An environment entry of a simulation config (one member per registered environment). */
export type EnvironmentSpec = z.infer<(typeof ENVIRONMENT_REGISTRY)[number]["specSchema"]>

/** The types a config may name, in registry order. */
export const ENVIRONMENT_TYPES: readonly EnvironmentSpec["type"][] = ENVIRONMENT_REGISTRY.map((d) => d.type)
