import type { Figure } from "./figure"
import { barFigure, lineFigure } from "./figures"
import type { Report, ReportSection, ReportTable } from "./html"
import { gapClosed, perRunRatio } from "../simulation/personal-metrics"
import { interval, type Interval } from "../simulation/result"
import type { ScenarioResult } from "../simulation/scenarios"

/** One policy's personal metrics in one scenario, each a mean with a 95% interval across runs. */
export interface PolicyComparison {
  name: string
  type: string
  personalised: boolean
  /** Share of the random-to-oracle regret gap closed (null without a random policy, or where users leave: regret then counts only the visits that happen). */
  gapClosed: Interval | null
  /** Cumulative pseudo-regret against the per-user oracle, per visiting user. */
  regretPerUser: Interval
  /** Clicks per recommendation shown (short-term CTR). */
  ctr: Interval
  interestDiscovery: Interval
  /** Per-user metrics (null when the scenario has no userMetrics). */
  clicksPerUser: Interval | null
  discoveryTime: Interval | null
  /** Share of users still there at the end of each day 1..D. */
  retention: Interval[] | null
  newUserRegret: Interval | null
}

/** The policies of one scenario side by side, with per-run values kept for paired differences. */
export interface ScenarioComparison {
  name: string
  /** The environment's type (ecommerce, online-retail …). */
  environment: string
  leaving: boolean
  arrivals: boolean
  runs: number
  policies: PolicyComparison[]
  /** Per policy, per metric, the per-run values. */
  perRun: Record<string, number[]>[]
  /** The run metrics read as CTR and as discovery (the environment's own names: e-commerce ctr, interestDiscovery; online-retail meanReward, discovery). */
  keys: { ctr: string; discovery: string }
}

/** Turns scenario results into comparable per-policy metrics (pure: reads the results only). */
export function compareScenario(s: ScenarioResult): ScenarioComparison {
  const env = s.config.environment as { type: string; leaving?: unknown; arrivals?: unknown }
  const random = s.result.policies.find((p) => p.type === "random")
  const first = s.result.policies[0]?.finals ?? {}
  const keys = {
    ctr: "ctr" in first ? "ctr" : "meanReward",
    discovery: "interestDiscovery" in first ? "interestDiscovery" : "discovery",
  }
  const policies = s.result.policies.map((p, i): PolicyComparison => {
    const days = Object.keys(p.finals).filter((k) => k.startsWith("retentionDay")).length
    return {
      name: p.name,
      type: p.type,
      personalised: s.personalised[i],
      // Where users leave, regret counts only the visits that happen (driving users away removes visits on which to lose): no gap.
      gapClosed:
        random && env.leaving === undefined
          ? gapClosed(p.perRun.cumulativeRegret, random.perRun.cumulativeRegret)
          : null,
      regretPerUser: p.perRun.usersVisited
        ? perRunRatio(p.perRun.cumulativeRegret, p.perRun.usersVisited)
        : p.finals.cumulativeRegret,
      ctr: p.finals[keys.ctr],
      interestDiscovery: p.finals[keys.discovery],
      clicksPerUser: p.finals.clicksPerUser ?? null,
      discoveryTime: p.finals.discoveryTime ?? null,
      retention: days > 0 ? Array.from({ length: days }, (_, d) => p.finals[`retentionDay${d + 1}`]) : null,
      newUserRegret: p.finals.newUserRegret ?? null,
    }
  })
  return {
    name: s.name,
    environment: env.type,
    leaving: env.leaving !== undefined,
    arrivals: env.arrivals !== undefined,
    runs: s.result.runs,
    policies,
    perRun: s.result.policies.map((p) => p.perRun),
    keys,
  }
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
const num = (x: number, d = 3): string =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(d)
const withCi = (i: Interval, f: (x: number) => string = num): string =>
  `${f(i.mean)} [${f(i.ci95[0])}, ${f(i.ci95[1])}]`

/** The paired per-run difference a − b of one metric between two policies, with its 95% interval. */
function pairedDifference(c: ScenarioComparison, a: number, b: number, metric: string): Interval {
  const x = c.perRun[a][metric]
  const y = c.perRun[b][metric]
  return interval(Float64Array.from(x, (v, r) => v - y[r]))
}

/** Index of the best and runner-up policy on a metric (by mean), among `candidates`. */
function ranking(values: (number | null)[], higher: boolean, candidates: number[]): number[] {
  return candidates
    .filter((i) => values[i] !== null)
    .sort((i, j) => (higher ? values[j]! - values[i]! : values[i]! - values[j]!) || i - j)
}

/**
 * The findings of a comparison in sentences, every number computed from the results: which policy
 * wins on long-term clicks, on discovery and on new users, by how much (paired differences over runs,
 * 95% intervals); the share of the random-to-oracle gap closed where users stay; and whether pure
 * exploitation (greedy) wins even where users leave.
 */
export function personalFindings(comparisons: ScenarioComparison[]): string[] {
  const out: string[] = []
  for (const c of comparisons) {
    const all = c.policies.map((_, i) => i)
    const tag = `In «${c.name}»`
    if (!c.leaving && c.policies[0]?.gapClosed) {
      const gap = c.policies.map((p) => p.gapClosed?.mean ?? null)
      const personal = ranking(
        gap,
        true,
        all.filter((i) => c.policies[i].personalised),
      )
      const population = ranking(
        gap,
        true,
        all.filter((i) => !c.policies[i].personalised && c.policies[i].type !== "random"),
      )
      const parts: string[] = []
      if (personal.length > 0) {
        const p = c.policies[personal[0]]
        parts.push(
          `the best personalised policy, ${p.name}, closes ${withCi(p.gapClosed!, pct)} of the random-to-oracle regret gap${c.environment === "ecommerce" ? ` (target ≥ 60%: ${p.gapClosed!.mean >= 0.6 ? "met" : "not met"})` : ""}`,
        )
      }
      if (population.length > 0) {
        const p = c.policies[population[0]]
        parts.push(`the best population-level policy, ${p.name}, closes ${withCi(p.gapClosed!, pct)}`)
      }
      if (parts.length > 0) out.push(`${tag}, ${parts.join("; ")}.`)
    }
    const versus = (
      metric: string,
      label: string,
      unit: string,
      higher: boolean,
      values: (number | null)[],
      f: (x: number) => string,
      subset = all,
    ): void => {
      const order = ranking(values, higher, subset)
      if (order.length < 2) return
      const [w, r] = order
      const d = pairedDifference(c, w, r, metric)
      const best = c.policies[w]
      const runner = c.policies[r]
      if (d.mean === 0 && d.ci95[0] === 0 && d.ci95[1] === 0) {
        out.push(`${tag}, ${best.name} and ${runner.name} tie on ${label} at ${f(values[w]!)}${unit}.`)
        return
      }
      const abs = { mean: Math.abs(d.mean), ci95: (higher ? d.ci95 : [-d.ci95[1], -d.ci95[0]]) as [number, number] }
      out.push(
        `${tag}, ${best.name} wins on ${label} with ${f(values[w]!)}${unit}, ${withCi(abs, f)}${unit} ${higher ? "more" : "less"} than the runner-up ${runner.name} (paired over ${c.runs} runs${abs.ci95[0] > 0 ? "" : "; the interval includes 0, so the lead is not significant"}).`,
      )
    }
    if (c.leaving && c.policies[0]?.clicksPerUser) {
      versus(
        "clicksPerUser",
        "long-term clicks per user",
        " clicks",
        true,
        c.policies.map((p) => p.clicksPerUser?.mean ?? null),
        (x) => num(x, 2),
      )
    }
    const discovery = c.policies.map((p) => p.interestDiscovery.mean)
    versus(
      c.keys.discovery,
      "interest discovery (share of each user's true top categories clicked)",
      "",
      true,
      discovery,
      pct,
    )
    const nonRandom = all.filter((i) => c.policies[i].type !== "random")
    if (
      ranking(discovery, true, all)[0] !== undefined &&
      c.policies[ranking(discovery, true, all)[0]].type === "random"
    ) {
      versus(c.keys.discovery, "interest discovery among the learning policies", "", true, discovery, pct, nonRandom)
    }
    if (c.arrivals && c.policies[0]?.newUserRegret) {
      versus(
        "newUserRegret",
        `new users (regret per visit over a new user's first visits)`,
        "",
        false,
        c.policies.map((p) => p.newUserRegret?.mean ?? null),
        (x) => num(x, 4),
      )
    }
    const greedy = c.policies.findIndex((p) => p.type === "greedy")
    if (c.leaving && greedy >= 0 && c.policies[greedy].clicksPerUser) {
      const order = ranking(
        c.policies.map((p) => p.clicksPerUser?.mean ?? null),
        true,
        all,
      )
      const g = c.policies[greedy]
      const last = g.retention ? g.retention[g.retention.length - 1] : null
      if (order[0] === greedy) {
        out.push(
          `${tag}, pure exploitation wins even though users leave: greedy earns the most clicks per user (${withCi(g.clicksPerUser!, (x) => num(x, 2))}).`,
        )
      } else {
        const w = c.policies[order[0]]
        const wl = w.retention ? w.retention[w.retention.length - 1] : null
        const ctrOrder = ranking(
          c.policies.map((p) => p.ctr.mean),
          true,
          all,
        )
        out.push(
          `${tag}, pure exploitation does not win: greedy earns ${withCi(g.clicksPerUser!, (x) => num(x, 2))} clicks per user against ${num(w.clicksPerUser!.mean, 2)} for ${w.name}` +
            (last && wl ? `, and keeps ${pct(last.mean)} of its users to the last day against ${pct(wl.mean)}` : "") +
            `; its CTR per recommendation is ${withCi(g.ctr, (x) => num(x, 4))}${ctrOrder[0] === greedy ? ", the highest of all: it wins the short term and loses the long term" : ""}.`,
        )
      }
    }
  }
  return out
}

/** Indices of the points on the upper-right Pareto frontier of (x, y), sorted by x. */
export function paretoFrontier(x: ArrayLike<number>, y: ArrayLike<number>): number[] {
  const idx = Array.from({ length: x.length }, (_, i) => i)
  return idx
    .filter((i) => !idx.some((j) => j !== i && x[j] >= x[i] && y[j] >= y[i] && (x[j] > x[i] || y[j] > y[i])))
    .sort((i, j) => x[i] - x[j])
}

/** A scatter of one point per policy with the Pareto frontier drawn through the undominated ones. */
function frontierFigure(c: ScenarioComparison, y: number[], title: string, yTitle: string): Figure {
  const x = c.policies.map((p) => p.ctr.mean)
  const front = paretoFrontier(x, y)
  return {
    data: [
      {
        type: "scatter",
        mode: "markers+text",
        name: "policies",
        x,
        y,
        text: c.policies.map((p) => p.name),
        textposition: "top center",
        marker: { size: 9 },
      },
      {
        type: "scatter",
        mode: "lines",
        name: "frontier",
        x: front.map((i) => x[i]),
        y: front.map((i) => y[i]),
        line: { dash: "dot" },
      },
    ],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "short-term CTR (clicks per recommendation)" } },
      yaxis: { title: { text: yTitle } },
      margin: { t: 50, r: 20, b: 50, l: 60 },
    },
  }
}

function scenarioTable(c: ScenarioComparison): ReportTable {
  const cols = ["policy", "personalised", "gap closed", "regret per user", "CTR", "discovery", "visits to discover"]
  const user = c.policies[0]?.clicksPerUser !== null
  if (user) cols.push("clicks per user")
  if (c.leaving) cols.push("retention (last day)")
  if (c.arrivals) cols.push("new-user regret / visit")
  return {
    caption: `«${c.name}»: mean [95% CI] over ${c.runs} runs`,
    columns: cols,
    rows: c.policies.map((p) => {
      const row = [
        p.name,
        p.personalised ? "yes" : "no",
        p.gapClosed ? withCi(p.gapClosed, pct) : "",
        withCi(p.regretPerUser, (x) => num(x, 2)),
        withCi(p.ctr, (x) => num(x, 4)),
        withCi(p.interestDiscovery, pct),
        p.discoveryTime ? withCi(p.discoveryTime, (x) => num(x, 1)) : "",
      ]
      if (user) row.push(p.clicksPerUser ? withCi(p.clicksPerUser, (x) => num(x, 2)) : "")
      if (c.leaving) row.push(p.retention ? withCi(p.retention[p.retention.length - 1], pct) : "")
      if (c.arrivals) row.push(p.newUserRegret ? withCi(p.newUserRegret, (x) => num(x, 4)) : "")
      return row
    }),
  }
}

/** One sentence per scenario on the size of the logged history policies were warm-started from. */
export function historyNotes(scenarios: ScenarioResult[]): string[] {
  return scenarios
    .filter((s) => s.history && s.history.impressions > 0)
    .map((s) => {
      const h = s.history!
      const o =
        (s.config.environment as { history?: { days?: number; logging?: string; months?: number } }).history ?? {}
      const how =
        o.months !== undefined
          ? `real purchases of the ${o.months} months before the split`
          : `${o.days} days before the run, ${o.logging ?? "popularity"} logging policy`
      return `In «${s.name}» each user's logged history (${how}) holds on average ${h.impressionsPerUser.toFixed(1)} impressions and ${h.clicksPerUser.toFixed(1)} clicks or purchases per user (run 0; users who arrive during the run have none).`
    })
}

/** The HTML report of a scenario comparison: findings in sentences, a table and figures per scenario. */
export function personalReport(
  scenarios: ScenarioResult[],
  title: string,
  provenance: Record<string, string | number | boolean | null>,
  notes: string[] = [],
): Report {
  const comparisons = scenarios.map(compareScenario)
  const sections: ReportSection[] = [
    {
      heading: "Findings",
      paragraphs: [
        ...personalFindings(comparisons),
        ...historyNotes(scenarios),
        ...notes,
        "Regret is pseudo-regret against the per-user oracle (the best category for this user at this visit, with the world's ground truth); the gap closed is 1 − R_policy/R_random, run by run (common random numbers), then averaged; it is not shown where users leave, because regret counts only the visits that happen and a policy that drives users away has fewer visits on which to lose: compare long-term clicks there. Intervals are 95% normal intervals across runs.",
      ],
    },
  ]
  for (const c of comparisons) {
    const figures: Figure[] = []
    if (c.policies[0]?.gapClosed) {
      figures.push(
        barFigure(
          c.policies.map((p) => p.name),
          c.policies.map((p) => p.gapClosed!.mean),
          {
            title: "Share of the random-to-oracle regret gap closed (95% CI)",
            yTitle: "gap closed",
            errorLow: c.policies.map((p) => p.gapClosed!.ci95[0]),
            errorHigh: c.policies.map((p) => p.gapClosed!.ci95[1]),
          },
        ),
      )
    }
    figures.push(
      frontierFigure(
        c,
        c.policies.map((p) => p.interestDiscovery.mean),
        "Frontier: short-term CTR vs interest discovery",
        "interest discovery",
      ),
    )
    if (c.leaving && c.policies[0]?.retention) {
      figures.push(
        frontierFigure(
          c,
          c.policies.map((p) => p.retention![p.retention!.length - 1].mean),
          "Frontier: short-term CTR vs retention to the last day",
          "retention",
        ),
      )
      figures.push(
        lineFigure(
          c.policies.map((p) => ({
            name: p.name,
            x: p.retention!.map((_, d) => d + 1),
            y: p.retention!.map((r) => r.mean),
            lower: p.retention!.map((r) => r.ci95[0]),
            upper: p.retention!.map((r) => r.ci95[1]),
          })),
          { title: "Retention: share of arrived users still there (95% CI)", xTitle: "day", yTitle: "retention" },
        ),
      )
    }
    sections.push({ heading: `Scenario: ${c.name}`, tables: [scenarioTable(c)], figures })
  }
  return { title, sections, provenance }
}

/** `summary.json` of a scenario comparison: the findings and every policy's metrics with intervals. */
export function personalSummary(scenarios: ScenarioResult[]): Record<string, unknown> {
  const comparisons = scenarios.map(compareScenario)
  return {
    findings: [...personalFindings(comparisons), ...historyNotes(scenarios)],
    scenarios: comparisons.map((c, i) => ({
      name: c.name,
      environment: scenarios[i].config.environment,
      runs: c.runs,
      horizon: scenarios[i].result.horizon,
      policies: c.policies.map((p, j) => ({ ...p, finals: scenarios[i].result.policies[j].finals })),
    })),
  }
}
