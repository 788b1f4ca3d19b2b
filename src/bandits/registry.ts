import type { OptionsOf } from "../config/option-schema"
import type { AnyPolicyDescriptor, PolicyDescriptor } from "./policy-descriptor"
import { randomPolicy } from "./random-policy"
import { greedyPolicy } from "./greedy"
import { epsilonGreedyPolicy } from "./epsilon-greedy"
import { optimisticGreedyPolicy } from "./optimistic"
import { softmaxPolicy } from "./softmax"
import { ucbPolicy } from "./ucb"
import { ucb1Policy } from "./ucb1"
import { klUcbPolicy } from "./kl-ucb"
import { bayesUcbPolicy } from "./bayes-ucb"
import { betaThompsonPolicy } from "./thompson-beta"
import { gaussianThompsonPolicy } from "./thompson-gaussian"
import { gradientBanditPolicy } from "./gradient"
import { exp3Policy } from "./exp3"
import { discountedUcbPolicy } from "./discounted-ucb"
import { slidingWindowUcbPolicy } from "./sliding-window-ucb"
import { discountedThompsonPolicy, slidingWindowThompsonPolicy } from "./thompson-nonstationary"
import { linUcbPolicy } from "./linucb"
import { linThompsonPolicy } from "./lin-thompson"
import { segmentEpsilonGreedyPolicy } from "./segment-aware"
import { feedbackReweightingPolicy } from "./feedback-reweighting"
import { perUserThompsonPolicy } from "./per-user-thompson"
import { perUserUcbPolicy } from "./per-user-ucb"
import { hierarchicalThompsonPolicy } from "./hierarchical-thompson"
import { friendThompsonPolicy } from "./friend-thompson"
import { hybridLinUcbPolicy } from "./hybrid-linucb"
import { ensembleSamplingPolicy } from "./ensemble-sampling"
import { clubPolicy } from "./club"
import { bootstrappedInterestMlpPolicy } from "./bootstrapped-interest-mlp"
import { exploreThenCommitPolicy } from "./explore-then-commit"

/**
 * Every policy a config may name, in the order of the docs table and of the "allowed" list of
 * error messages. The config schema, `createPolicy`, `POLICY_TYPES`, the savable classes and
 * docs/policies.md are all derived from it; a new policy adds its descriptor here.
 */
export const POLICY_REGISTRY = [
  randomPolicy,
  greedyPolicy,
  epsilonGreedyPolicy,
  optimisticGreedyPolicy,
  softmaxPolicy,
  ucbPolicy,
  ucb1Policy,
  klUcbPolicy,
  bayesUcbPolicy,
  betaThompsonPolicy,
  gaussianThompsonPolicy,
  gradientBanditPolicy,
  exp3Policy,
  discountedUcbPolicy,
  slidingWindowUcbPolicy,
  discountedThompsonPolicy,
  slidingWindowThompsonPolicy,
  linUcbPolicy,
  linThompsonPolicy,
  segmentEpsilonGreedyPolicy,
  feedbackReweightingPolicy,
  perUserThompsonPolicy,
  perUserUcbPolicy,
  hierarchicalThompsonPolicy,
  friendThompsonPolicy,
  hybridLinUcbPolicy,
  ensembleSamplingPolicy,
  clubPolicy,
  bootstrappedInterestMlpPolicy,
  exploreThenCommitPolicy,
] as const

type Registered = (typeof POLICY_REGISTRY)[number]

/** The `type` of every registered policy. */
export type PolicyType = Registered["type"]

/** The config entry of one registered policy: its `type`, an optional display `name` and its options. */
type SpecOf<D> = D extends PolicyDescriptor<infer T, infer S> ? { type: T; name?: string } & OptionsOf<S> : never

/** A policy entry of a simulation config (one member per registered policy). */
export type PolicySpec = SpecOf<Registered>

/** The registry seen without each entry's own option types (for the factory, persistence and docs). */
export const POLICY_DESCRIPTORS: readonly AnyPolicyDescriptor[] = POLICY_REGISTRY

/** The types a config may name, in registry order. */
export const POLICY_TYPES: readonly PolicyType[] = POLICY_REGISTRY.map((d) => d.type)

/**
 * The registry entry of `type`.
 * @throws naming the allowed types for an unknown one
 * @example policyDescriptor("ucb").optionsSchema.fields.c.default // 2
 */
export function policyDescriptor(type: string): AnyPolicyDescriptor {
  const found = POLICY_DESCRIPTORS.find((d) => d.type === type)
  if (!found) throw new Error(`unknown policy type ${JSON.stringify(type)}; allowed: ${POLICY_TYPES.join(", ")}`)
  return found
}
