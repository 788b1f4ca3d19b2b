import type { ReportSection } from "./html"
import type { OffPolicyEvaluationResult } from "../evaluation/off-policy-evaluation"
import { slope, slopeWidth, type SlopeChoice } from "../evaluation/slope"

/** Each estimator's assumption in one line: when its estimate can be trusted. */
export const ESTIMATOR_ASSUMPTIONS: Readonly<Record<string, string>> = {
  replay: "uniformly random logging; unbiased, but uses only the rounds where the target agrees with the log",
  ipw: "logged propensities are right and positive wherever the target acts; unbiased, variance grows with the weights",
  snipw: "as IPW; self-normalising adds a small bias and keeps the estimate within the reward range",
  dm: "the reward model is right; no weights, so low variance, but its bias is the model's error",
  dr: "either the propensities or the reward model is right; unbiased with right propensities, less variance than IPW with a good model",
  sndr: "as DR, with self-normalised weights: a little bias, more stable with large weights",
  "switch-dr": "as DR on rounds with weight ≤ τ, DM above: bias from the model where weights are large",
  "ipw-clip": "as IPW with weights capped at λ: biased downwards for positive rewards, variance bounded",
  "ipw-sg": "as IPW with sub-Gaussian weights w/(1 − λ + λw): a small bias for a light-tailed estimate",
  "dr-clip": "as DR with weights capped at λ (pessimistic shrinkage): bias where weights are large",
  dros: "as DR with weights shrunk to λw/(w² + λ) (optimistic shrinkage): between DM (λ = 0) and DR (λ = ∞)",
  "dr-sg": "as DR with sub-Gaussian weights: a small bias for a light-tailed estimate",
}

/** An estimate not to trust, with the reason. */
export interface TrustFlag {
  estimator: string
  reason: string
}

/** Which estimate to report, and which not to trust. */
export interface OffPolicyTrust {
  /** SLOPE's choice among the estimates (δ = 0.1). */
  recommendation: SlopeChoice
  flags: TrustFlag[]
}

const WEIGHTED = new Set(["ipw", "snipw", "dr", "sndr", "switch-dr", "ipw-clip", "ipw-sg", "dr-clip", "dros", "dr-sg"])
const UNCAPPED = new Set(["ipw", "dr", "sndr", "snipw"])
/** Estimators whose bias is the reward model's error (DR-type ones stay unbiased with right propensities). */
const MODEL_BIASED = new Set(["dm", "switch-dr"])

/**
 * Flags the estimates not to trust and recommends one by SLOPE (Su, Srinath & Krishnamurthy
 * 2020): weight-based estimates when the effective sample size is below 10% of the rounds or a
 * single weight exceeds 1% of them; model-based ones when the reward model explains under 1% of
 * the reward's variance or its mean is off the logged mean by more than 10% (DM, switch-DR); all
 * weight-based ones when the propensities were estimated (`propensitiesEstimated`, with the
 * fit's ECE). SLOPE chooses among the unflagged estimates (all, when every one is flagged);
 * replay and degenerate (zero standard error) estimates are never candidates.
 * @example offPolicyTrust(evaluateOffPolicy(log, target, options)).recommendation.chosen
 */
export function offPolicyTrust(
  result: OffPolicyEvaluationResult,
  options: { propensitiesEstimated?: { calibrationError: number } } = {},
): OffPolicyTrust {
  const flags: TrustFlag[] = []
  const names = Object.keys(result.estimates)
  const w = result.weights
  const essShare = w.effectiveSampleSize / result.rows
  const fit = result.rewardModelFit
  for (const name of names) {
    const e = result.estimates[name]
    if (e.stderr === 0)
      flags.push({
        estimator: name,
        reason: "standard error 0: no reward varies among the rounds that carry its weight",
      })
    if (WEIGHTED.has(name) && essShare < 0.1)
      flags.push({
        estimator: name,
        reason: `effective sample size ${w.effectiveSampleSize.toFixed(0)} is ${(100 * essShare).toFixed(1)}% of the rounds`,
      })
    if (UNCAPPED.has(name) && w.maxWeight > result.rows / 100)
      flags.push({
        estimator: name,
        reason: `one weight (${w.maxWeight.toPrecision(3)}) exceeds 1% of the rounds: a single round can move the estimate`,
      })
    if (MODEL_BIASED.has(name) && fit !== undefined) {
      if (fit.skill < 0.01)
        flags.push({
          estimator: name,
          reason: `the reward model explains ${(100 * Math.max(0, fit.skill)).toFixed(1)}% of the reward's variance`,
        })
      if (fit.meanReward !== 0 && Math.abs(fit.meanPredicted - fit.meanReward) > 0.1 * Math.abs(fit.meanReward)) {
        flags.push({
          estimator: name,
          reason: `the reward model's mean ${fit.meanPredicted.toPrecision(3)} is off the logged mean ${fit.meanReward.toPrecision(3)} by more than 10%`,
        })
      }
    }
    if (WEIGHTED.has(name) && options.propensitiesEstimated) {
      flags.push({
        estimator: name,
        reason: `propensities were estimated (calibration error ${options.propensitiesEstimated.calibrationError.toPrecision(2)}), not logged`,
      })
    }
  }
  const usable = names.filter((n) => n !== "replay" && result.estimates[n].stderr > 0)
  const unflagged = usable.filter((n) => !flags.some((f) => f.estimator === n))
  const candidates = (unflagged.length > 0 ? unflagged : usable).map((n) => ({
    name: n,
    value: result.estimates[n].value,
    width: slopeWidth(result.rows, result.estimates[n].stderr),
  }))
  const recommendation =
    candidates.length > 0
      ? slope(candidates)
      : { chosen: names[0], tested: [], reason: "no estimate has a usable interval" }
  if (candidates.length > 0 && unflagged.length > 0 && unflagged.length < usable.length)
    recommendation.reason += "; flagged estimates were not candidates"
  return { recommendation, flags }
}

/**
 * The report section: each estimator's assumption, the flags and the recommendation.
 * @example renderReport({ title, sections: [...offPolicyReportSections(result), offPolicyTrustSection(result, offPolicyTrust(result))] })
 */
export function offPolicyTrustSection(result: OffPolicyEvaluationResult, trust: OffPolicyTrust): ReportSection {
  const names = Object.keys(result.estimates)
  const byName = new Map<string, string[]>()
  for (const f of trust.flags) byName.set(f.estimator, [...(byName.get(f.estimator) ?? []), f.reason])
  const r = trust.recommendation
  const fit = result.rewardModelFit
  return {
    heading: "Which estimate to trust",
    paragraphs: [
      `Recommended: ${r.chosen} = ${result.estimates[r.chosen]?.value.toPrecision(4)}. Why: ${r.reason} (SLOPE, Su, Srinath & Krishnamurthy 2020: estimates sorted by the width of their 90% one-sided Student-t interval, each kept while it lies within its own width plus (√6 − 1) times each wider one's of every wider estimate).`,
      ...(byName.has(r.chosen)
        ? [`Caution: the recommended estimate is itself flagged (${(byName.get(r.chosen) as string[]).join("; ")}).`]
        : []),
      ...(fit
        ? [
            `Reward model fit: it explains ${(100 * fit.skill).toFixed(1)}% of the reward's variance; mean prediction ${fit.meanPredicted.toPrecision(3)} vs logged mean ${fit.meanReward.toPrecision(3)}.`,
          ]
        : []),
    ],
    tables: [
      {
        columns: ["estimator", "assumes", "value", "SLOPE", "do not trust because"],
        rows: names.map((n) => {
          const t = r.tested.find((x) => x.name === n)
          return [
            n,
            ESTIMATOR_ASSUMPTIONS[n] ?? "",
            result.estimates[n].value,
            t ? (n === r.chosen ? "chosen" : t.accepted ? "agrees" : "rejected") : "—",
            (byName.get(n) ?? []).join("; ") || "—",
          ]
        }),
      },
    ],
  }
}
