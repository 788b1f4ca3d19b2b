import { loadOpenBanditLog, type ObdCampaign } from "../data/open-bandit"
import type { Rng } from "../random/rng"
import type { ReportTable } from "./html"
import { actionFrequencyTarget } from "../evaluation/context-free-target"
import {
  evaluateOffPolicy,
  meanWithInterval,
  type OffPolicyEvaluationResult,
  type ValueWithInterval,
} from "../evaluation/off-policy-evaluation"

/** One campaign of the Open Bandit benchmark. */
export interface OpenBanditBenchmarkRow {
  campaign: ObdCampaign
  /** BTS's on-policy CTR, from the `bts` log. */
  onPolicy: ValueWithInterval
  evaluation: OffPolicyEvaluationResult
  /** |V̂ − V_on| / V_on per estimator: the relative estimation error of Saito et al. (2021), Table 3. */
  relativeError: Record<string, number>
}

/**
 * The Open Bandit benchmark in miniature (Saito et al. 2021, §5): estimate the value of the
 * Bernoulli-TS behaviour policy — its action distribution taken from how often BTS showed each
 * item at each position in the `bts` log — from the uniformly random log, and compare with
 * BTS's on-policy CTR.
 * @example const rows = await openBanditBenchmark("data/open-bandit-dataset", { campaigns: ["men", "women"], estimators: ["ipw", "dr"], rng: createRng(1) })
 */
export async function openBanditBenchmark(
  root: string,
  options: { campaigns: readonly ObdCampaign[]; estimators: readonly string[]; rng: Rng; resamples?: number },
): Promise<OpenBanditBenchmarkRow[]> {
  const rows: OpenBanditBenchmarkRow[] = []
  for (const campaign of options.campaigns) {
    const random = await loadOpenBanditLog(root, "random", campaign)
    const bts = await loadOpenBanditLog(root, "bts", campaign)
    const onPolicy = meanWithInterval(bts.reward)
    const evaluation = evaluateOffPolicy(random, actionFrequencyTarget(bts, `bts (${campaign})`), {
      estimators: options.estimators,
      rng: options.rng,
      resamples: options.resamples,
    })
    const relativeError: Record<string, number> = {}
    for (const [name, e] of Object.entries(evaluation.estimates))
      relativeError[name] = Math.abs(e.value - onPolicy.value) / onPolicy.value
    rows.push({ campaign, onPolicy, evaluation, relativeError })
  }
  return rows
}

/**
 * The relative-error table of the benchmark, one row per estimator and one column per
 * campaign, as in Saito et al. (2021), Table 3 (which averages over bootstrap samples of the
 * full data; here one estimate on the 10,000-round samples).
 */
export function openBanditBenchmarkTable(rows: readonly OpenBanditBenchmarkRow[]): ReportTable {
  if (rows.length === 0) throw new Error("openBanditBenchmarkTable: rows must not be empty")
  const estimators = Object.keys(rows[0].relativeError)
  return {
    caption: "Relative estimation error |V̂ − V_on| / V_on of BTS's value estimated from the random log",
    columns: [
      "estimator",
      ...rows.map((r) => `${r.campaign}: estimate`),
      ...rows.map((r) => `${r.campaign}: rel. error`),
    ],
    rows: [
      ...estimators.map((e) => [
        e,
        ...rows.map((r) => r.evaluation.estimates[e].value),
        ...rows.map((r) => r.relativeError[e]),
      ]),
      ["on-policy CTR of BTS", ...rows.map((r) => r.onPolicy.value), ...rows.map(() => "")],
    ],
  }
}
