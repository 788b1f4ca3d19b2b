import type { SyntheticSlateProblem } from "./slate-log-synthetic"
import type { Rng } from "../random/rng"
import type { PlackettLuceSlatePolicy } from "../evaluation/plackett-luce-slate-policy"
import { slateOffPolicyInput } from "../evaluation/slate-input"
import {
  SlateCascadeDoublyRobust,
  SlateIndependentIps,
  SlateRewardInteractionIps,
  SlateStandardIps,
  estimateSlatePolicyValue,
  type SlateOffPolicyEstimator,
} from "../evaluation/slate-estimators"
import { TabularSlateRewardModel } from "../evaluation/slate-reward-model"

/** One estimator's accuracy over repeated logs. */
export interface SlateStudyRow {
  estimator: string
  /** Mean estimate − true value. */
  bias: number
  /** Standard error of the bias (sd of the estimates / √repetitions). */
  biasStderr: number
  /** Variance of the estimates across logs. */
  variance: number
  /** √(bias² + variance). */
  rmse: number
}

/** The study's result. */
export interface SlateStudy {
  truth: number
  rows: SlateStudyRow[]
}

/**
 * Bias and variance of SIPS, IIPS, RIPS and cascade-DR against the synthetic world's ground
 * truth: `repetitions` independent logs of `slates` slates from `logging`, each estimator run
 * on each, compared with V(target) computed exactly on `truthContexts` fresh contexts.
 * @example slateEstimatorStudy(problem, logging, target, { slates: 1000, repetitions: 50, rng: createRng(1) })
 */
export function slateEstimatorStudy(
  problem: SyntheticSlateProblem,
  logging: PlackettLuceSlatePolicy,
  target: PlackettLuceSlatePolicy,
  options: { slates: number; repetitions: number; rng: Rng; truthContexts?: number },
): SlateStudy {
  const { slates, repetitions, rng } = options
  if (!Number.isInteger(repetitions) || repetitions < 2)
    throw new Error(`slateEstimatorStudy: repetitions must be an integer >= 2, got ${repetitions}`)
  const truth = problem.policyValue(target, problem.contexts(options.truthContexts ?? 20000, rng))
  const estimators: SlateOffPolicyEstimator[] = [
    new SlateStandardIps(),
    new SlateIndependentIps(),
    new SlateRewardInteractionIps(),
    new SlateCascadeDoublyRobust(),
  ]
  const values = estimators.map(() => new Float64Array(repetitions))
  for (let r = 0; r < repetitions; r++) {
    const log = problem.sampleLog(slates, logging, rng)
    const input = slateOffPolicyInput(log, target, new TabularSlateRewardModel().fit(log))
    estimators.forEach((e, j) => (values[j][r] = estimateSlatePolicyValue(e, input).value))
  }
  const rows = estimators.map((e, j) => {
    const v = values[j]
    let mean = 0
    for (const x of v) mean += x / repetitions
    let ss = 0
    for (const x of v) ss += (x - mean) ** 2
    const variance = ss / (repetitions - 1)
    const bias = mean - truth
    return {
      estimator: e.name,
      bias,
      biasStderr: Math.sqrt(variance / repetitions),
      variance,
      rmse: Math.sqrt(bias * bias + variance),
    }
  })
  return { truth, rows }
}
