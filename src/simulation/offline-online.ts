import type { Policy } from "../bandits/policy"
import { evaluateOffPolicy, meanWithInterval, type ValueWithInterval } from "../evaluation/off-policy-evaluation"
import type { OffPolicyEstimate } from "../evaluation/off-policy-estimator"
import { offPolicyInput } from "../evaluation/off-policy-input"
import { LinearRewardModel } from "../evaluation/reward-model"
import { createRng } from "../random/rng"
import { runAbTest, type AbTestOptions, type AbTestResult } from "./ab-test"
import type { EcommerceContext, EcommerceEnvironment } from "./ecommerce"
import { EcommerceLogTarget, logEcommercePolicy } from "./ecommerce-bandit-log"

/** Options of {@link compareOfflineOnline}. */
export interface OfflineOnlineOptions {
  /** The two policies A and B, frozen: evaluated offline from the log and tested online, never updated. */
  policies: readonly [Policy<EcommerceContext>, Policy<EcommerceContext>]
  /** The behaviour policy that logs the data (it learns while logging; its propensities are logged). */
  logging: Policy<EcommerceContext>
  /** Visits logged, and visits of the online test (default: as many as logged, so both cover the same days). */
  logVisits: number
  testVisits?: number
  /** The log uses `seed`, the online test `seed + 1`; the bootstrap of the estimates `seed + 2`. */
  seed: number
  /** Bootstrap resamples of each offline estimate (default 200; 0: normal intervals only). */
  resamples?: number
  /** Settings of the online test (level, τ, looks, share). */
  abTest?: Omit<AbTestOptions, "policies" | "visits" | "seed" | "learn" | "groundTruth">
}

/** Off-policy estimates and an online test of the same two policies, beside the truth. */
export interface OfflineOnlineComparison {
  /** IPW, SNIPW and DR estimates of A's and of B's value from the log (`evaluateOffPolicy`, with bootstrap intervals). */
  offline: [Record<string, OffPolicyEstimate>, Record<string, OffPolicyEstimate>]
  /** B − A from the same log, paired round by round (IPW and DR), so the interval accounts for the shared rounds. */
  offlineDifference: { ipw: ValueWithInterval; dr: ValueWithInterval }
  /** The online A/B test of the frozen policies. */
  online: AbTestResult
  /** The policies' true values over the online test's visits, and B − A: ground truth, for comparison only. */
  truth: [number, number]
  trueDifference: number
  /** Rounds logged and the logging policy's name. */
  logRows: number
  logging: string
}

/**
 * Asks one question two ways: "is B better than A, and by how much?" — offline, by off-policy
 * evaluation (IPW, SNIPW and DR with a logistic reward model, `evaluateOffPolicy`) of both
 * policies on a log of a behaviour policy on the world; online, by an A/B test of the same frozen
 * policies on new visits (`runAbTest`, z-test, Welch and mSPRT). The truth V(π) = mean Σₐ π(a | x) q(x, a)
 * over the test's visits is reported beside both, never given to a policy.
 * They should agree when OPE is well specified: exact logged propensities with the target's
 * actions covered, frozen targets, and the same users and days in the log and the test.
 * They disagree when the online world reacts to the policy in a way a log of another policy does not
 * show (fatigue from showing one category again and again), or when the online policy keeps learning.
 * The offline difference is the mean of per-round terms: IPW dᵢ = (w_Bᵢ − w_Aᵢ) rᵢ, DR
 * dᵢ = ĝ_B(xᵢ) − ĝ_A(xᵢ) + (w_Bᵢ − w_Aᵢ)(rᵢ − q̂(xᵢ, aᵢ)), with interval d̄ ± 1.96 sd(d)/√n.
 * @example compareOfflineOnline(env, { policies: [a, b], logging: new RandomPolicy({ arms: env.nArms }), logVisits: 20000, seed: 1 }).offlineDifference.dr.ci95
 */
export function compareOfflineOnline(
  env: EcommerceEnvironment,
  options: OfflineOnlineOptions,
): OfflineOnlineComparison {
  const { policies, logging, logVisits, seed } = options
  const testVisits = options.testVisits ?? logVisits
  const logged = logEcommercePolicy(env, logging, logVisits, seed)
  const log = logged.log
  const targets = policies.map((p) => new EcommerceLogTarget(p, logged))
  const evaluate = (k: number): Record<string, OffPolicyEstimate> =>
    evaluateOffPolicy(log, targets[k], {
      estimators: ["ipw", "snipw", "dr"],
      rng: createRng(seed + 2, k),
      resamples: options.resamples ?? 200,
    }).estimates
  const offline: [Record<string, OffPolicyEstimate>, Record<string, OffPolicyEstimate>] = [evaluate(0), evaluate(1)]
  let binary = true
  for (let i = 0; i < log.length && binary; i++) binary = log.reward[i] === 0 || log.reward[i] === 1
  const model = new LinearRewardModel({ kind: binary ? "logistic" : "ridge", l2: 1 }).fit(log)
  const [inA, inB] = targets.map((t) => offPolicyInput(log, t, { rewardModel: model }))
  const n = log.length
  const ipw = new Float64Array(n)
  const dr = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const dw = (inB.targetProbability[i] - inA.targetProbability[i]) / log.propensity[i]
    ipw[i] = dw * log.reward[i]
    dr[i] = inB.targetRewardModel![i] - inA.targetRewardModel![i] + dw * (log.reward[i] - inA.loggedRewardModel![i])
  }
  const online = runAbTest(env, {
    ...options.abTest,
    policies,
    visits: testVisits,
    seed: seed + 1,
    learn: false,
    groundTruth: true,
  })
  const truth: [number, number] = [online.arms[0].trueValue, online.arms[1].trueValue]
  return {
    offline,
    offlineDifference: { ipw: meanWithInterval(ipw), dr: meanWithInterval(dr) },
    online,
    truth,
    trueDifference: truth[1] - truth[0],
    logRows: n,
    logging: logging.name,
  }
}
