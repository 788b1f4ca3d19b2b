import { describe, expect, it } from "vitest"
import { validate } from "../../src/config/load-config"
import { optionRule, type OptionField } from "../../src/config/option-schema"
import { POLICY_DESCRIPTORS, policyDescriptor } from "../../src/bandits/registry"
import {
  createEnvironment,
  createPolicy,
  ENVIRONMENT_TYPES,
  environmentSpecSchema,
  POLICY_TYPES,
  simulationConfigSchema,
  type PolicySpec,
} from "../../src/simulation"
import { ENVIRONMENT_REGISTRY } from "../../src/simulation/environment-registry"
import type { Environment } from "../../src/schema"
import { createRng } from "../../src/random/rng"

const base = { environment: { type: "bernoulli", probabilities: [0.5, 0.4] }, horizon: 10 }

/** What the config loader says about `policies`, or null when it accepts them. */
function configError(policies: unknown[]): string | null {
  try {
    validate(simulationConfigSchema, { ...base, policies }, "exp.yaml")
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** An environment with everything a policy may ask for: 3 arms, 2 context features, 4 users. */
const env = {
  name: "fake",
  nArms: 3,
  dimension: 2,
  nCustomers: 4,
  stationary: true,
  reset: () => undefined,
  context: () => ({ user: 1, features: new Float64Array([0.5, -0.5]) }),
  expectedReward: () => 0.5,
  expectedRewards: (_c: unknown, out: Float64Array) => out.fill(0.5),
  reward: () => 1,
} as unknown as Environment<unknown>

/** What the constructor says about one policy entry (built by its registry entry, not the factory), or null when it builds. */
function constructorError({ type, ...options }: Record<string, unknown>): string | null {
  try {
    policyDescriptor(String(type)).create(options, { arms: 3, seed: 1, features: () => 2, users: () => 4 })
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** Values on and beyond the edges of an option's rule, plus values of the wrong type. */
function probes(field: OptionField): unknown[] {
  if (field.kind === "boolean") return [true, false, 0, "yes", null]
  const edges = (f: { min?: number; max?: number; integer?: boolean }): unknown[] => {
    const out: unknown[] = [0, 0.5, 1, -1, 2, 1e-9, 10, NaN, Infinity, "1"]
    for (const v of [f.min, f.max]) if (v !== undefined) out.push(v, v - 1e-9, v + 1e-9, v - 1, v + 1)
    return out
  }
  if (field.kind === "number") return edges(field)
  return [[], [0.5], [0.5, 0.5], ...edges(field.item).map((v) => [0.5, v]), 0.5, "a"]
}

describe("policy registry: the config loader and the constructors run one check", () => {
  it("the registry lists every type once, and POLICY_TYPES follows it", () => {
    expect(new Set(POLICY_TYPES).size).toBe(POLICY_TYPES.length)
    expect(POLICY_TYPES).toEqual(POLICY_DESCRIPTORS.map((d) => d.type))
    expect(POLICY_TYPES.length).toBeGreaterThanOrEqual(28)
  })

  it.each(POLICY_DESCRIPTORS.map((d) => [d.type, d] as const))(
    "%s: every probed value is refused by both or by neither, with the same rule",
    (type, d) => {
      const required = Object.fromEntries(
        Object.entries(d.optionsSchema.fields)
          .filter(([, f]) => f.kind === "numbers" && f.required)
          .map(([k]) => [k, [0.5]]),
      )
      expect(constructorError({ type, ...required })).toBeNull()
      expect(configError([{ type, ...required }])).toBeNull()
      for (const [option, field] of Object.entries(d.optionsSchema.fields)) {
        for (const value of probes(field)) {
          const spec = { type, ...required, [option]: value }
          const fromConfig = configError([{ type: "ucb1" }, spec])
          const fromConstructor = constructorError(spec)
          const label = `${type}.${option} = ${JSON.stringify(value)}`
          expect(fromConfig === null, `${label}: config ${fromConfig}, constructor ${fromConstructor}`).toBe(
            fromConstructor === null,
          )
          if (fromConfig !== null && fromConstructor !== null) {
            const rule = fromConstructor.replace(/^.*?: [\w.[\]]+ (must .*), got .*$/, "$1")
            expect(fromConfig, label).toContain(`field 'policies[1].${option}`)
            expect(fromConfig, label).toContain(rule)
          }
        }
      }
    },
  )

  it.each([
    [
      { type: "epsilon-greedy", stepSize: 0 },
      "field 'policies[2].stepSize': must be in (0, 1], got 0",
      "EpsilonGreedy: stepSize must be in (0, 1], got 0",
    ],
    [
      { type: "softmax", stepSize: 0 },
      "field 'policies[2].stepSize': must be in (0, 1], got 0",
      "Softmax: stepSize must be in (0, 1], got 0",
    ],
    [
      { type: "kl-ucb", precision: 0.5 },
      "field 'policies[2].precision': must be in (0, 0.1], got 0.5",
      "KlUcb: precision must be in (0, 0.1], got 0.5",
    ],
    [
      { type: "exp3", gamma: 0 },
      "field 'policies[2].gamma': must be in (0, 1], got 0",
      "Exp3: gamma must be in (0, 1], got 0",
    ],
    [
      { type: "discounted-ucb", discount: 0 },
      "field 'policies[2].discount': must be in (0, 1], got 0",
      "DiscountedUcb: discount must be in (0, 1], got 0",
    ],
    [
      { type: "feedback-reweighting", decay: 1 },
      "field 'policies[2].decay': must be in [0, 1), got 1",
      "FeedbackReweighting: decay must be in [0, 1), got 1",
    ],
    [
      { type: "sliding-window-ucb", window: 2.5 },
      "field 'policies[2].window': must be an integer >= 1, got 2.5",
      "SlidingWindowUcb: window must be an integer >= 1, got 2.5",
    ],
    [
      { type: "gradient", baseline: "yes" },
      "field 'policies[2].baseline': must be true or false, got 'yes'",
      "GradientBandit: baseline must be true or false, got yes",
    ],
    [
      { type: "hierarchical-thompson", minStrength: 10, maxStrength: 5 },
      "field 'policies[2].maxStrength': must be >= minStrength (10), got 5",
      "HierarchicalThompson: maxStrength must be >= minStrength (10), got 5",
    ],
    [
      { type: "segment-epsilon-greedy", epsilons: [0.1, 0.2], priorStrengths: [5] },
      "field 'policies[2].priorStrengths': must have one entry per segment (2), got [1 entry]",
      "SegmentEpsilonGreedy: priorStrengths must have one entry per segment (2), got 5",
    ],
    [
      { type: "segment-epsilon-greedy", epsilons: [0.1, 1.5] },
      "field 'policies[2].epsilons[1]': must be in [0, 1], got 1.5",
      "SegmentEpsilonGreedy: epsilons[1] must be in [0, 1], got 1.5",
    ],
    [
      { type: "club", edgeProbability: -0.5 },
      "field 'policies[2].edgeProbability': must be in [0, 1], got -0.5",
      "Club: edgeProbability must be in [0, 1], got -0.5",
    ],
  ])(
    "%o: the field, the bad value and what is allowed, in the config and in the constructor",
    (spec, fromConfig, fromConstructor) => {
      const message = configError([{ type: "ucb1" }, { type: "ucb", c: 1 }, spec])
      expect(message?.replace("[5]", "[1 entry]")).toBe(`exp.yaml: ${fromConfig}`)
      expect(constructorError(spec)).toBe(fromConstructor)
    },
  )

  it("a missing required option and an unknown one name the field", () => {
    expect(configError([{ type: "segment-epsilon-greedy" }])).toBe(
      `exp.yaml: field 'policies[0].epsilons': is required; it ${optionRule({ kind: "numbers", item: { min: 0, max: 1 }, doc: "" })}`,
    )
    expect(configError([{ type: "epsilon-greedy", stepsize: 0.1 }])).toBe(
      "exp.yaml: unknown field policies[0].stepsize (allowed: type, name, epsilon, decay, initialValue, stepSize)",
    )
  })

  it("the parsed entry keeps the options as written, in the registry's order, and adds no defaults", () => {
    const parsed = validate(
      simulationConfigSchema,
      { ...base, policies: [{ stepSize: 0.2, type: "epsilon-greedy", epsilon: 0.3 }] },
      "exp.yaml",
    )
    expect(JSON.stringify(parsed.policies)).toBe('[{"type":"epsilon-greedy","epsilon":0.3,"stepSize":0.2}]')
  })

  it.each(POLICY_DESCRIPTORS.map((d) => [d.type, d] as const))(
    "%s with its defaults builds a policy whose propensities sum to 1 over 30 steps",
    (type, d) => {
      const required = Object.fromEntries(
        Object.entries(d.optionsSchema.fields)
          .filter(([, f]) => f.kind === "numbers" && f.required)
          .map(([k]) => [k, [0.2]]),
      )
      const policy = createPolicy({ type, ...required } as PolicySpec, env, 0, 7)
      const rng = createRng(5)
      for (let t = 0; t < 30; t++) {
        const context = env.context(t, rng)
        const p = policy.probabilities(context)
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2)
        const arm = policy.select(context, rng)
        expect(arm >= 0 && arm < 3).toBe(true)
        policy.update(arm, t % 2, context)
      }
    },
  )
})

describe("environment registry", () => {
  it("the types, the config union and createEnvironment follow it", async () => {
    expect(ENVIRONMENT_TYPES).toEqual(ENVIRONMENT_REGISTRY.map((d) => d.type))
    expect(ENVIRONMENT_TYPES).toEqual([
      "bernoulli",
      "gaussian-testbed",
      "random-walk",
      "abrupt-change",
      "ecommerce",
      "online-retail",
    ])
    const specs = [
      { type: "bernoulli", probabilities: [0.2, 0.5, 0.7] },
      { type: "gaussian-testbed", arms: 3 },
      { type: "random-walk", arms: 3 },
      { type: "abrupt-change", arms: 3, period: 10 },
    ]
    for (const spec of specs) {
      const parsed = validate(environmentSpecSchema, spec, "exp.yaml")
      const built = await createEnvironment(parsed)
      expect(built.nArms, spec.type).toBe(3)
    }
    expect(() => validate(environmentSpecSchema, { type: "bernoulli", probabilities: [] }, "exp.yaml")).toThrow(
      "field 'probabilities'",
    )
  })
})
