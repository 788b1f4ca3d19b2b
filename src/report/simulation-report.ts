import type { Figure } from "./figure"
import { barFigure, lineFigure, scatterFigure, type Series } from "./figures"
import type { Report, ReportSection } from "./html"
import { rewardWindow } from "../simulation/accumulator"
import type { Interval, PolicyResult, SimulationResult } from "../simulation/result"

/** What the run-level metrics mean (written into summary.json and the report when present). */
export const METRIC_DEFINITIONS: Readonly<Record<string, string>> = {
  interestDiscovery:
    "mean over visiting users of the share of their true top-n categories (ground truth at the run's last simulated day) that the policy showed them and got a click on",
  interestExposure:
    "the same share counting a category once shown to the user, clicked or not (an upper bound on discovery)",
  ctr: "clicks per step",
  conversion: "purchases per click",
  coverage: "share of arms played at least once in a run",
  diversity: "mean intra-list category diversity of each user's recommendations",
  novelty: "mean self-information −log2(popularity) of the shown items",
  itemCoverage: "share of the catalogue shown at least once",
}

/** The `summary.json` object: one entry per policy with its headline numbers and 95% CIs across runs. */
export function simulationSummary(result: SimulationResult): Record<string, unknown> {
  const keys = new Set(result.policies.flatMap((p) => Object.keys(p.finals)))
  return {
    metricDefinitions: Object.fromEntries(Object.entries(METRIC_DEFINITIONS).filter(([k]) => keys.has(k))),
    environment: result.environment,
    horizon: result.horizon,
    runs: result.runs,
    seed: result.seed,
    laiRobbinsConstant: result.laiRobbinsConstant,
    policies: result.policies.map((p) => ({
      name: p.name,
      type: p.type,
      config: p.config,
      finalMeanReward: p.finalMeanReward,
      finalOptimalActionRate: p.finalOptimalActionRate,
      meanReward: p.finals.meanReward.mean,
      cumulativeRegret: p.finals.cumulativeRegret,
      ...Object.fromEntries(Object.entries(p.finals).filter(([k]) => k !== "cumulativeRegret" && k !== "meanReward")),
    })),
  }
}

/** Curves are drawn with at most this many points, as lineFigure does (steps.csv keeps every step). */
const MAX_POINTS = 1000

/**
 * A curve thinned to at most MAX_POINTS steps for plotting: every s-th step (1-based step numbers as x),
 * always including the last. Optimal-action rates per step are noisy, so they are averaged over
 * the reward's windows (`rewardWindow`).
 */
function thin(
  name: string,
  T: number,
  y: Float64Array,
  lower?: Float64Array,
  upper?: Float64Array,
  average = false,
): Series {
  const stride = average ? rewardWindow(T) : Math.max(1, Math.ceil(T / MAX_POINTS))
  if (stride === 1) return { name, y, lower, upper }
  const x: number[] = []
  const pick = (v: Float64Array): number[] => {
    const out: number[] = []
    for (let start = 0; start < T; start += stride) {
      const end = Math.min(T, start + stride)
      if (average) {
        let s = 0
        for (let t = start; t < end; t++) s += v[t]
        out.push(s / (end - start))
      } else out.push(v[end - 1])
    }
    return out
  }
  for (let start = 0; start < T; start += stride) x.push(Math.min(T, start + stride))
  return { name, x, y: pick(y), lower: lower && pick(lower), upper: upper && pick(upper) }
}

/** The figures of a simulation: average reward, cumulative regret (with the Lai–Robbins bound), optimal-action rate. */
export function simulationFigures(result: SimulationResult): Figure[] {
  const T = result.horizon
  const [lo, hi] = result.rewardRange ?? [-Infinity, Infinity]
  const clamp = (v: Float64Array): Float64Array => v.map((x) => Math.min(hi, Math.max(lo, x)))
  const reward: Series[] = result.policies.map((p) => ({
    name: p.name,
    x: p.window.x,
    y: p.window.mean,
    lower: clamp(p.window.lower),
    upper: clamp(p.window.upper),
  }))
  const w = rewardWindow(T)
  const regret: Series[] = result.policies.map((p) => thin(p.name, T, p.cumulativeRegret, p.regretLower, p.regretUpper))
  if (result.laiRobbins) regret.push(thin("Lai–Robbins bound", T, result.laiRobbins))
  const figures = [
    lineFigure(reward, {
      title:
        w > 1
          ? `Mean reward per step over windows of ${w} steps; band: 95% CI of that window mean across ${result.runs} runs`
          : `Mean reward per step; band: 95% CI across ${result.runs} runs`,
      xTitle: w > 1 ? "step (end of window)" : "step",
      yTitle: "reward",
    }),
    lineFigure(regret, { title: "Cumulative pseudo-regret (95% CI)", xTitle: "step", yTitle: "regret" }),
    lineFigure(
      result.policies.map((p) => thin(p.name, T, p.optimalRate, undefined, undefined, true)),
      { title: "Optimal-action rate", xTitle: "step", yTitle: "share of runs" },
    ),
  ]
  const discovery = result.policies.filter((p) => p.finals.interestDiscovery)
  if (discovery.length > 0) {
    figures.push(
      barFigure(
        discovery.map((p) => p.name),
        discovery.map((p) => p.finals.interestDiscovery.mean),
        {
          title: "Interest discovery: share of each user's true top categories found (95% CI)",
          yTitle: "share",
          errorLow: discovery.map((p) => p.finals.interestDiscovery.ci95[0]),
          errorHigh: discovery.map((p) => p.finals.interestDiscovery.ci95[1]),
        },
      ),
    )
    const short = discovery.filter((p) => p.finals.ctr)
    if (short.length > 0) {
      figures.push(
        scatterFigure(
          short.map((p) => p.finals.ctr.mean),
          short.map((p) => p.finals.interestDiscovery.mean),
          {
            title: "Short-term CTR vs interest discovery (one point per policy)",
            xTitle: "CTR",
            yTitle: "interest discovery",
            text: short.map((p) => p.name),
            labels: true,
          },
        ),
      )
    }
  }
  return figures
}

/** Readable column names for the table of final metrics (other keys are split at their capitals). */
const METRIC_LABELS: Readonly<Record<string, string>> = {
  meanReward: "mean reward",
  cumulativeRegret: "cumulative regret",
  ctr: "CTR",
  revenuePerStep: "revenue per step",
  interestDiscovery: "interest discovery",
  interestExposure: "interest exposure",
  itemCoverage: "item coverage",
}

function metricLabel(key: string): string {
  return METRIC_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()
}

/** Metrics that are shares, in [0, 1]: the table clamps their intervals to it. */
const SHARES = new Set([
  "ctr",
  "conversion",
  "coverage",
  "interestDiscovery",
  "interestExposure",
  "diversity",
  "itemCoverage",
])

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4))
const sameInterval = (a: Interval, b: Interval): boolean =>
  fmt(a.mean) === fmt(b.mean) && fmt(a.ci95[0]) === fmt(b.ci95[0]) && fmt(a.ci95[1]) === fmt(b.ci95[1])

/**
 * The table's columns, and a sentence for each metric left out: one that repeats another column
 * for every policy (e.g. `ctr` = `meanReward` when the reward is the click), or one that has the
 * same value for every policy (it tells the policies apart in nothing).
 */
function tableKeys(policies: PolicyResult[]): { keys: string[]; notes: string[] } {
  const all = Array.from(new Set(policies.flatMap((p) => Object.keys(p.finals))))
  const keys: string[] = []
  const notes: string[] = []
  for (const k of all) {
    const twin = keys.find((j) =>
      policies.every((p) => p.finals[k] && p.finals[j] && sameInterval(p.finals[k], p.finals[j])),
    )
    if (twin) {
      notes.push(
        `${metricLabel(k)} equals ${metricLabel(twin)} for every policy (the reward is the click), so the table shows it once.`,
      )
      continue
    }
    const ratio = (j: string): number => policies[0].finals[k].mean / policies[0].finals[j].mean
    const scaled = keys.find(
      (j) =>
        policies.every((p) => p.finals[k] && p.finals[j] && p.finals[j].mean > 0) &&
        policies.every(
          (p) =>
            Math.abs(p.finals[k].mean - ratio(j) * p.finals[j].mean) <= 1e-9 * Math.abs(p.finals[k].mean) &&
            Math.abs(p.finals[k].ci95[1] - ratio(j) * p.finals[j].ci95[1]) <= 1e-9 * Math.abs(p.finals[k].ci95[1]),
        ),
    )
    if (scaled) {
      notes.push(
        `${metricLabel(k)} is ${fmt(ratio(scaled))} × ${metricLabel(scaled)} for every policy (each arm always shows the same item), so the table shows ${metricLabel(scaled)} only.`,
      )
      continue
    }
    const first = policies[0].finals[k]
    if (
      policies.length > 1 &&
      first &&
      policies.every(
        (p) =>
          p.finals[k] && fmt(p.finals[k].mean) === fmt(first.mean) && p.finals[k].ci95[1] - p.finals[k].ci95[0] < 1e-12,
      )
    ) {
      notes.push(
        `${metricLabel(k)} (${METRIC_DEFINITIONS[k] ?? k}) is ${fmt(first.mean)} for every policy in every run, so the table leaves it out.`,
      )
      continue
    }
    keys.push(k)
    const full = policies.filter(
      (p) => p.finals[k] && p.finals[k].mean === 1 && p.finals[k].ci95[1] - p.finals[k].ci95[0] < 1e-12,
    )
    if (SHARES.has(k) && full.length >= policies.length / 2 && full.length < policies.length) {
      const rest = policies.filter((p) => !full.includes(p))
      notes.push(
        `${metricLabel(k)} is 1 (in every run) for every policy but ${rest.map((p) => `${p.name} (${fmt(p.finals[k]?.mean ?? NaN)})`).join(", ")}.`,
      )
    }
  }
  return { keys, notes }
}

/** The policies whose 95% interval of `key` overlaps the best one's (higher is better unless `lower`). */
function leaders(policies: PolicyResult[], key: string, lower = false): { best: PolicyResult; ties: PolicyResult[] } {
  const sign = lower ? -1 : 1
  const best = policies.reduce((a, b) => (sign * b.finals[key].mean > sign * a.finals[key].mean ? b : a))
  const [lo, hi] = best.finals[key].ci95
  const ties = policies.filter((p) => p !== best && (lower ? p.finals[key].ci95[0] <= hi : p.finals[key].ci95[1] >= lo))
  return { best, ties }
}

/**
 * A few sentences of conclusion computed from the numbers: which policy earns the most reward per
 * step and which has the least regret (with the policies whose 95% intervals overlap it), and,
 * when interest discovery is measured, which finds the most interests and at what reward.
 */
export function simulationConclusions(result: SimulationResult): string[] {
  const ps = result.policies
  const out: string[] = []
  const iv = (x: Interval): string => `${fmt(x.mean)} [${fmt(x.ci95[0])}, ${fmt(x.ci95[1])}]`
  const tied = (t: PolicyResult[]): string =>
    t.length === 0
      ? "; no other policy's 95% interval reaches it"
      : `; the 95% intervals of ${t.map((p) => p.name).join(", ")} overlap it`
  if (ps.length > 1 && ps.every((p) => p.finals.meanReward)) {
    const r = leaders(ps, "meanReward")
    out.push(
      `Over ${result.runs} runs × ${result.horizon} steps, ${r.best.name} earned the most reward per step, ${iv(r.best.finals.meanReward)}${tied(r.ties)}.`,
    )
    const worst = ps.reduce((a, b) => (b.finals.meanReward.mean < a.finals.meanReward.mean ? b : a))
    out.push(`The least was ${worst.name}'s, ${iv(worst.finals.meanReward)}.`)
  }
  if (ps.length > 1 && ps.every((p) => p.finals.cumulativeRegret)) {
    const g = leaders(ps, "cumulativeRegret", true)
    out.push(
      `The smallest cumulative pseudo-regret is ${g.best.name}'s, ${iv(g.best.finals.cumulativeRegret)}${tied(g.ties)}.`,
    )
  }
  if (ps.length > 1 && ps.every((p) => p.finals.interestDiscovery && p.finals.meanReward)) {
    const d = leaders(ps, "interestDiscovery")
    const byReward = ps.reduce((a, b) => (b.finals.meanReward.mean > a.finals.meanReward.mean ? b : a))
    out.push(
      `${d.best.name} discovered the largest share of users' true top interests, ${iv(d.best.finals.interestDiscovery)}, at a reward of ${fmt(d.best.finals.meanReward.mean)} per step` +
        (byReward === d.best
          ? "."
          : `; ${byReward.name}, the best earner, discovered ${fmt(byReward.finals.interestDiscovery.mean)}: exploring costs short-term reward and finds interests that exploiting never shows.`),
    )
  }
  return out
}

/** The HTML report of a simulation: conclusions, a table of final metrics and the figures. */
export function simulationReport(
  result: SimulationResult,
  title: string,
  provenance: Record<string, string | number | boolean | null>,
): Report {
  const { keys, notes } = tableKeys(result.policies)
  const table = {
    caption: `Final metrics over ${result.runs} runs × ${result.horizon} steps: mean [95% CI across runs; shares clamped to [0, 1]]`,
    columns: ["policy", "reward, last 1% of steps", "optimal-action rate, last 1%", ...keys.map(metricLabel)],
    rows: result.policies.map((p) => [
      p.name,
      fmt(p.finalMeanReward),
      fmt(p.finalOptimalActionRate),
      ...keys.map((k) => {
        const v = p.finals[k]
        if (!v) return ""
        const [lo, hi] = SHARES.has(k) ? [Math.max(0, v.ci95[0]), Math.min(1, v.ci95[1])] : v.ci95
        return `${fmt(v.mean)} [${fmt(lo)}, ${fmt(hi)}]`
      }),
    ]),
  }
  const paragraphs = [
    `Environment ${result.environment}; every policy met the same users and noise in each run (common random numbers).`,
    "Pseudo-regret uses the environment's true expected rewards: Σ_t (max_a μ_t(a) − μ_t(A_t)).",
    ...notes,
  ]
  for (const key of ["interestDiscovery", "interestExposure", "coverage"]) {
    if (keys.includes(key)) paragraphs.push(`${metricLabel(key)}: ${METRIC_DEFINITIONS[key]}.`)
  }
  if (result.laiRobbinsConstant !== null) {
    paragraphs.push(
      `Lai–Robbins lower bound: Σ Δ_a/kl(μ_a, μ*) · ln t with constant ${result.laiRobbinsConstant.toFixed(3)}.`,
    )
  }
  const sections: ReportSection[] = [
    { heading: "Conclusions", paragraphs: simulationConclusions(result) },
    { heading: "Results", paragraphs, tables: [table], figures: simulationFigures(result) },
  ]
  return { title, sections, provenance }
}
