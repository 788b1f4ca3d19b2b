import { onlineRetailEnvironmentSpecSchema } from "../retail/online-retail-environment"
import type { z } from "zod"
import { lazyValue, loadZod } from "../config/lazy-value"

const probability = lazyValue(() => loadZod().number().min(0, "a probability must be in [0, 1]").max(1, "a probability must be in [0, 1]"))
const positive = lazyValue(() => loadZod().number().positive())
const name = lazyValue(() => loadZod().string().min(1).optional())

/** The policies a simulation config may name, with their parameters (see src/bandits for meanings and defaults). */
export const policySpecSchema = lazyValue(() => {
  const z = loadZod()
  return z.discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("random"), name }),
      z.strictObject({ type: z.literal("greedy"), name, initialValue: z.number().optional(), stepSize: probability.optional() }),
      z.strictObject({
        type: z.literal("epsilon-greedy"),
        name,
        epsilon: probability.optional(),
        decay: z.number().min(0).optional(),
        initialValue: z.number().optional(),
        stepSize: probability.optional(),
      }),
      z.strictObject({ type: z.literal("optimistic"), name, initialValue: z.number().optional(), stepSize: probability.optional(), epsilon: probability.optional() }),
      z.strictObject({
        type: z.literal("softmax"),
        name,
        temperature: positive.optional(),
        anneal: z.number().min(0).optional(),
        minTemperature: positive.optional(),
        initialValue: z.number().optional(),
        stepSize: probability.optional(),
      }),
      z.strictObject({ type: z.literal("ucb"), name, c: z.number().min(0).optional() }),
      z.strictObject({ type: z.literal("ucb1"), name }),
      z.strictObject({ type: z.literal("kl-ucb"), name, c: z.number().min(0).optional(), precision: positive.optional() }),
      z.strictObject({ type: z.literal("bayes-ucb"), name, c: z.number().min(0).optional(), horizon: positive.optional() }),
      z.strictObject({ type: z.literal("thompson"), name, priorAlpha: positive.optional(), priorBeta: positive.optional(), probabilityDraws: z.number().int().min(1).optional() }),
      z.strictObject({
        type: z.literal("gaussian-thompson"),
        name,
        priorMean: z.number().optional(),
        priorSd: positive.optional(),
        noiseSd: positive.optional(),
        probabilityDraws: z.number().int().min(1).optional(),
      }),
      z.strictObject({ type: z.literal("gradient"), name, alpha: positive.optional(), baseline: z.boolean().optional() }),
      z.strictObject({ type: z.literal("exp3"), name, gamma: probability.optional() }),
      z.strictObject({ type: z.literal("discounted-ucb"), name, discount: probability.optional(), c: z.number().min(0).optional() }),
      z.strictObject({ type: z.literal("sliding-window-ucb"), name, window: z.number().int().min(1).optional(), c: z.number().min(0).optional() }),
      z.strictObject({ type: z.literal("discounted-thompson"), name, discount: probability.optional() }),
      z.strictObject({ type: z.literal("sliding-window-thompson"), name, window: z.number().int().min(1).optional() }),
      z.strictObject({ type: z.literal("linucb"), name, alpha: z.number().min(0).optional(), lambda: positive.optional() }),
      z.strictObject({ type: z.literal("lin-thompson"), name, v: z.number().min(0).optional(), lambda: positive.optional() }),
      z.strictObject({ type: z.literal("segment-epsilon-greedy"), name, epsilons: z.array(probability).min(1), priorStrengths: z.array(positive).min(1).optional() }),
      z.strictObject({
        type: z.literal("feedback-reweighting"),
        name,
        perUser: z.boolean().optional(),
        learningRate: positive.optional(),
        decay: z.number().min(0).max(1).optional(),
        exploration: probability.optional(),
        skipFeedback: z.number().min(-1).max(1).optional(),
      }),
      z.strictObject({ type: z.literal("per-user-thompson"), name, priorAlpha: positive.optional(), priorBeta: positive.optional(), probabilityDraws: z.number().int().min(1).optional() }),
      z.strictObject({ type: z.literal("per-user-ucb"), name, c: z.number().min(0).optional() }),
      z.strictObject({
        type: z.literal("hierarchical-thompson"),
        name,
        strength: positive.optional(),
        minStrength: positive.optional(),
        maxStrength: positive.optional(),
        probabilityDraws: z.number().int().min(1).optional(),
      }),
      z.strictObject({
        type: z.literal("hybrid-linucb"),
        name,
        alpha: z.number().min(0).optional(),
        lambda: positive.optional(),
        factors: z.number().int().min(0).optional(),
        smoothing: positive.optional(),
      }),
      z.strictObject({
        type: z.literal("ensemble-sampling"),
        name,
        models: z.number().int().min(1).optional(),
        factors: z.number().int().min(1).optional(),
        priorSd: z.number().min(0).optional(),
        noiseSd: z.number().min(0).optional(),
        learningRate: positive.optional(),
        regularization: probability.optional(),
        epochs: z.number().int().min(0).optional(),
      }),
      z.strictObject({
        type: z.literal("club"),
        name,
        alpha: z.number().min(0).optional(),
        alpha2: z.number().min(0).optional(),
        edgeProbability: probability.optional(),
      }),
      z.strictObject({
        type: z.literal("bootstrapped-mlp"),
        name,
        features: z.boolean().optional(),
        hidden: z.number().int().min(1).optional(),
        heads: z.number().int().min(1).optional(),
        learningRate: positive.optional(),
        batch: z.number().int().min(1).optional(),
        epochs: z.number().int().min(0).optional(),
      }),
    ],
    { error: (issue) => (issue.code === "invalid_union" ? `unknown type; allowed: ${POLICY_TYPES.join(", ")}` : undefined) },
  )
})
export type PolicySpec = z.infer<typeof policySpecSchema>

/** The environments a simulation config may name (see src/simulation). */
export const environmentSpecSchema = lazyValue(() => {
  const z = loadZod()
  return z.discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("bernoulli"), probabilities: z.array(probability).min(1) }),
      z.strictObject({ type: z.literal("gaussian-testbed"), arms: z.number().int().min(1).optional(), offset: z.number().optional(), noiseSd: positive.optional() }),
      z.strictObject({ type: z.literal("random-walk"), arms: z.number().int().min(1).optional(), walkSd: z.number().min(0).optional(), start: z.number().optional() }),
      z.strictObject({
        type: z.literal("abrupt-change"),
        arms: z.number().int().min(1),
        period: z.number().int().min(1).optional(),
        changePoints: z.array(z.number().int().min(1)).optional(),
        segments: z.array(z.array(probability)).optional(),
        low: probability.optional(),
        high: probability.optional(),
        initial: z.array(probability).optional(),
      }),
      z.strictObject({
        type: z.literal("ecommerce"),
        world: z.record(z.string(), z.unknown()).optional(),
        arms: z.enum(["categories", "items"]).optional(),
        reward: z.enum(["click", "purchase", "revenue"]).optional(),
        position: z.number().int().min(0).optional(),
        stepsPerDay: positive.optional(),
        topInterests: z.number().int().min(1).optional(),
        history: z
          .strictObject({ days: z.number().min(0).optional(), logging: z.enum(["popularity", "uniform"]).optional(), epsilon: z.number().gt(0).max(1).optional() })
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
        arrivals: z.strictObject({ share: z.number().min(0).lt(1, "must be < 1 (some users must be there from the start)") }).optional(),
        userMetrics: z.strictObject({ firstVisits: z.number().int().min(1).optional() }).optional(),
      }),
      onlineRetailEnvironmentSpecSchema,
    ],
    { error: (issue) => (issue.code === "invalid_union" ? `unknown type; allowed: ${ENVIRONMENT_TYPES.join(", ")}` : undefined) },
  )
})
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>

export const POLICY_TYPES = [
  "random", "greedy", "epsilon-greedy", "optimistic", "softmax", "ucb", "ucb1", "kl-ucb", "bayes-ucb", "thompson", "gaussian-thompson",
  "gradient", "exp3", "discounted-ucb", "sliding-window-ucb", "discounted-thompson", "sliding-window-thompson", "linucb", "lin-thompson",
  "segment-epsilon-greedy", "feedback-reweighting", "per-user-thompson", "per-user-ucb", "hierarchical-thompson",
  "hybrid-linucb", "ensemble-sampling", "club", "bootstrapped-mlp",
] as const
export const ENVIRONMENT_TYPES = ["bernoulli", "gaussian-testbed", "random-walk", "abrupt-change", "ecommerce", "online-retail"] as const

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
     * every arm: ucb, ucb1, kl-ucb, bayes-ucb, thompson, linucb). "position-based" learns with the
     * world's examination probabilities κ_p as inverse propensities; "cascade" from the first click.
     */
    slate: z.strictObject({ k: z.number().int().min(1), clickModel: z.enum(["cascade", "position-based"]) }).optional(),
    /**
     * Play the same policies in several variants of the environment (e.g. users who stay / users who
     * leave): each scenario's `environment` fields override the config's (its `world` fields override
     * the world's), and the report compares the policies across scenarios.
     */
    scenarios: z.array(z.strictObject({ name: z.string().min(1), environment: z.record(z.string(), z.unknown()).optional() })).min(1).optional(),
  })
})
export type SimulationConfig = z.infer<typeof simulationConfigSchema>
