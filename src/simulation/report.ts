import { csvField } from "../data/csv"
import type { Figure } from "../report/figure"
import { barFigure, lineFigure, scatterFigure, type Series } from "../report/figures"
import type { Report, ReportSection } from "../report/html"
import type { SimulationResult } from "./result"

/** What the run-level metrics mean (written into summary.json and the report when present). */
export const METRIC_DEFINITIONS: Readonly<Record<string, string>> = {
  interestDiscovery:
    "mean over visiting users of the share of their true top-n categories (ground truth at the run's last simulated day) that the policy showed them and got a click on",
  interestExposure: "the same share counting a category once shown to the user, clicked or not (an upper bound on discovery)",
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

/** `steps.csv`: one row per step and policy with the per-step curves and their CI bounds. */
export function simulationStepsCsv(result: SimulationResult): string {
  return [...simulationStepsCsvBlocks(result)].join("")
}

/**
 * `steps.csv` in blocks of at most `rows` lines, each line ended by "\n": the file of a long
 * horizon is written block by block, never held whole (see `writeSimulationStepsCsv`).
 * @example for (const block of simulationStepsCsvBlocks(result)) writeSync(fd, block)
 */
export function* simulationStepsCsvBlocks(result: SimulationResult, rows = 1 << 16): Generator<string> {
  let lines = ["policy,step,meanReward,rewardLower,rewardUpper,optimalActionRate,cumulativeRegret,regretLower,regretUpper,laiRobbins"]
  for (const p of result.policies) {
    const name = csvField(p.name)
    for (let t = 0; t < result.horizon; t++) {
      lines.push(
        [name, t + 1, p.meanReward[t], p.rewardLower[t], p.rewardUpper[t], p.optimalRate[t], p.cumulativeRegret[t], p.regretLower[t], p.regretUpper[t], result.laiRobbins ? result.laiRobbins[t] : ""].join(","),
      )
      if (lines.length === rows) {
        yield lines.join("\n") + "\n"
        lines = []
      }
    }
  }
  if (lines.length > 0) yield lines.join("\n") + "\n"
}

/** Curves are drawn with at most this many points, as lineFigure does (steps.csv keeps every step). */
const MAX_POINTS = 1000
/** Per-step rewards and optimal-action rates are averaged into this many windows: over few runs they are too noisy to read step by step. */
const AVERAGED_POINTS = 200

/**
 * A curve thinned to at most MAX_POINTS steps for plotting: every s-th step (1-based step numbers as x),
 * always including the last. Rewards per step are noisy, so they are averaged over windows of
 * T / AVERAGED_POINTS steps (and so are their per-step 95% bands).
 */
function thin(name: string, T: number, y: Float64Array, lower?: Float64Array, upper?: Float64Array, average = false): Series {
  const stride = Math.max(1, Math.ceil(T / (average ? AVERAGED_POINTS : MAX_POINTS)))
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
  const reward: Series[] = result.policies.map((p) => thin(p.name, T, p.meanReward, p.rewardLower, p.rewardUpper, true))
  const regret: Series[] = result.policies.map((p) => thin(p.name, T, p.cumulativeRegret, p.regretLower, p.regretUpper))
  if (result.laiRobbins) regret.push(thin("Lai–Robbins bound", T, result.laiRobbins))
  const figures = [
    lineFigure(reward, { title: `Average reward per step, in windows of ${Math.max(1, Math.ceil(T / AVERAGED_POINTS))} steps (95% CI across runs)`, xTitle: "step", yTitle: "reward" }),
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
          { title: "Short-term CTR vs interest discovery (one point per policy)", xTitle: "CTR", yTitle: "interest discovery", text: short.map((p) => p.name) },
        ),
      )
    }
  }
  return figures
}

/** The HTML report of a simulation (figures plus a table of final metrics). */
export function simulationReport(result: SimulationResult, title: string, provenance: Record<string, string | number | boolean | null>): Report {
  const keys = Array.from(new Set(result.policies.flatMap((p) => Object.keys(p.finals))))
  const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4))
  const table = {
    caption: `Final metrics over ${result.runs} runs × ${result.horizon} steps: mean [95% CI]`,
    columns: ["policy", "final reward", "final optimal rate", ...keys],
    rows: result.policies.map((p) => [
      p.name,
      fmt(p.finalMeanReward),
      fmt(p.finalOptimalActionRate),
      ...keys.map((k) => (p.finals[k] ? `${fmt(p.finals[k].mean)} [${fmt(p.finals[k].ci95[0])}, ${fmt(p.finals[k].ci95[1])}]` : "")),
    ]),
  }
  const paragraphs = [
    `Environment ${result.environment}; every policy met the same users and noise in each run (common random numbers).`,
    "Pseudo-regret uses the environment's true expected rewards: Σ_t (max_a μ_t(a) − μ_t(A_t)).",
  ]
  for (const key of ["interestDiscovery", "interestExposure"]) {
    if (keys.includes(key)) paragraphs.push(`${key}: ${METRIC_DEFINITIONS[key]}.`)
  }
  if (result.laiRobbinsConstant !== null) {
    paragraphs.push(`Lai–Robbins lower bound: Σ Δ_a/kl(μ_a, μ*) · ln t with constant ${result.laiRobbinsConstant.toFixed(3)}.`)
  }
  const sections: ReportSection[] = [{ heading: "Results", paragraphs, tables: [table], figures: simulationFigures(result) }]
  return { title, sections, provenance }
}
