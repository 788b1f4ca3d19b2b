import { barFigure, histogramFigure } from "./figures"
import type { ReportSection } from "./html"
import type { OffPolicyEvaluationResult, ValueWithInterval } from "../evaluation/off-policy-evaluation"

/** What each estimator's short name stands for (the report's table uses both). */
export const ESTIMATOR_NAMES: Readonly<Record<string, string>> = {
  replay: "replay (rejection sampling on matching actions)",
  ipw: "IPW (inverse propensity weighting)",
  snipw: "SNIPW (self-normalised IPW)",
  dm: "DM (direct method: a reward model)",
  dr: "DR (doubly robust)",
  sndr: "SNDR (self-normalised doubly robust)",
  "switch-dr": "switch-DR (DR, DM where weights exceed τ)",
}

/**
 * Sentences comparing the estimates with the on-policy value when it is known: which estimators'
 * 95% intervals contain it, and a remark on each that misses it (a DM miss means the reward model
 * is biased: its interval reflects only the model's sampling noise, not its misspecification).
 */
export function offPolicyConclusions(result: OffPolicyEvaluationResult, onPolicy?: ValueWithInterval): string[] {
  const estimates = Object.values(result.estimates)
  if (!onPolicy) {
    return [
      `No on-policy value is known for this target: the estimates (${estimates.map((e) => `${e.estimator} ${e.value.toPrecision(3)}`).join(", ")}) cannot be checked against the truth here.`,
    ]
  }
  const v = onPolicy.value
  const inside = estimates.filter((e) => e.ci95[0] <= v && v <= e.ci95[1])
  const missed = estimates.filter((e) => !(e.ci95[0] <= v && v <= e.ci95[1]))
  const closest = estimates.reduce((a, b) => (Math.abs(b.value - v) < Math.abs(a.value - v) ? b : a))
  const out = [
    `The on-policy value is ${v.toPrecision(4)}. ${
      inside.length === estimates.length
        ? "Every estimator's 95% interval contains it"
        : inside.length === 0
          ? "No estimator's 95% interval contains it"
          : `The 95% intervals of ${inside.map((e) => e.estimator).join(", ")} contain it`
    }; the closest estimate is ${closest.estimator}'s, ${closest.value.toPrecision(4)} (${((100 * Math.abs(closest.value - v)) / v).toFixed(1)}% off).`,
  ]
  for (const e of missed) {
    const side = e.ci95[1] < v ? "below" : "above"
    out.push(
      e.estimator === "dm"
        ? `DM's interval lies ${side} the on-policy value: the reward model is biased for the actions the target plays, and DM's interval shows only the model's sampling noise, not that bias — the reason DR corrects DM with importance weights.`
        : `${e.estimator}'s interval lies ${side} the on-policy value: with about ${Math.round(result.weights.effectiveSampleSize)} effective rounds, a miss of this size is what a 95% interval allows about once in twenty; more logged rounds narrow it.`,
    )
  }
  return out
}

/**
 * Report sections of an off-policy evaluation: estimates with normal and bootstrap intervals
 * (table and bar chart), relative errors against the on-policy value when it is known, and the
 * importance-weight diagnostics with a warning when the effective sample size is small.
 * @example renderReport({ title: "OPE", sections: offPolicyReportSections(evaluateOffPolicy(log, target, options), onPolicy) })
 */
export function offPolicyReportSections(
  result: OffPolicyEvaluationResult,
  onPolicy?: ValueWithInterval,
): ReportSection[] {
  const names = Object.keys(result.estimates)
  const estimates = names.map((n) => result.estimates[n])
  const fmt = (x: number): string => x.toPrecision(4)
  const interval = (ci?: [number, number]): string => (ci ? `[${fmt(ci[0])}, ${fmt(ci[1])}]` : "—")
  const columns = ["estimator", "value", "std. error", "95% CI (normal)", "95% CI (bootstrap)"]
  if (onPolicy) columns.push("relative error")
  const rows = estimates.map((e) => {
    const row: (string | number)[] = [
      ESTIMATOR_NAMES[e.estimator] ?? e.estimator,
      e.value,
      e.stderr,
      interval(e.ci95),
      interval(e.bootstrapCi95),
    ]
    if (onPolicy) row.push(Math.abs(e.value - onPolicy.value) / onPolicy.value)
    return row
  })
  rows.push([
    "logged average (naive)",
    result.loggedValue.value,
    "",
    interval(result.loggedValue.ci95),
    "",
    ...(onPolicy ? [Math.abs(result.loggedValue.value - onPolicy.value) / onPolicy.value] : []),
  ])
  if (onPolicy) rows.push(["on-policy value (truth)", onPolicy.value, "", interval(onPolicy.ci95), "", ""])
  const labels = [...names, "logged average", ...(onPolicy ? ["on-policy"] : [])]
  const values = [...estimates.map((e) => e.value), result.loggedValue.value, ...(onPolicy ? [onPolicy.value] : [])]
  const lows = [...estimates.map((e) => e.ci95[0]), result.loggedValue.ci95[0], ...(onPolicy ? [onPolicy.ci95[0]] : [])]
  const highs = [
    ...estimates.map((e) => e.ci95[1]),
    result.loggedValue.ci95[1],
    ...(onPolicy ? [onPolicy.ci95[1]] : []),
  ]
  const w = result.weights
  const essShare = w.effectiveSampleSize / result.rows
  return [
    { heading: "Conclusions", paragraphs: offPolicyConclusions(result, onPolicy) },
    {
      heading: "Estimated value of the target policy",
      paragraphs: [
        `Target: ${result.target}. Log: ${result.log} (${result.rows} rounds).${result.rewardModel ? ` Reward model for DM/DR: ${result.rewardModel} on context, action and position.` : ""}`,
        `Estimators: ${names.map((n) => ESTIMATOR_NAMES[n] ?? n).join("; ")}.`,
        "Normal intervals are value ± 1.96 standard errors; bootstrap intervals are percentile intervals over rounds resampled with replacement. The logged average estimates the logging policy, not the target: it is shown to make the bias of naive evaluation visible.",
        ...estimates
          .filter((e) => e.stderr === 0)
          .map(
            (e) =>
              `Warning: ${e.estimator}'s interval is degenerate (standard error 0): no reward varies among the rounds that carry its weight (for replay: among the matched rounds), so the interval says nothing about the uncertainty.`,
          ),
      ],
      tables: [{ columns, rows }],
      figures: [
        barFigure(labels, values, {
          title: "Estimates with 95% intervals",
          yTitle: "expected reward per round",
          errorLow: lows,
          errorHigh: highs,
        }),
      ],
    },
    {
      heading: "Importance-weight diagnostics",
      paragraphs: [
        `w = π(a|x) / π₀(a|x). Effective sample size (Σw)²/Σw² = ${w.effectiveSampleSize.toFixed(1)} of ${result.rows} rounds (${(100 * essShare).toFixed(1)}%).`,
        essShare < 0.1
          ? "Warning: fewer than 10% of the rounds carry the estimate; IPW and DR are unreliable here — prefer SNIPW/switch-DR or collect more exploratory data."
          : "The weights are moderate: IPW-type estimates are usable.",
      ],
      tables: [
        {
          columns: ["max weight", "mean weight", "effective sample size", "share of zero weights"],
          rows: [[w.maxWeight, w.meanWeight, w.effectiveSampleSize, w.zeroWeightShare]],
        },
      ],
      figures: [
        histogramFigure([{ name: "w", values: result.weightSample }], {
          title: "Importance weights π(a|x) / π₀(a|x)",
          xTitle: "weight",
          yTitle: "rounds",
          bins: 50,
        }),
      ],
    },
  ]
}
