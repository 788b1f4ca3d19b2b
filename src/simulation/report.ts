import type { Figure } from "../report/figure"
import { barFigure, lineFigure, type Series } from "../report/figures"
import type { Report, ReportSection } from "../report/html"
import type { SimulationResult } from "./result"

/** The `summary.json` object: one entry per policy with its headline numbers and 95% CIs across runs. */
export function simulationSummary(result: SimulationResult): Record<string, unknown> {
  return {
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
  const lines = ["policy,step,meanReward,rewardLower,rewardUpper,optimalActionRate,cumulativeRegret,regretLower,regretUpper,laiRobbins"]
  for (const p of result.policies) {
    const name = /[",\n]/.test(p.name) ? `"${p.name.replace(/"/g, '""')}"` : p.name
    for (let t = 0; t < result.horizon; t++) {
      lines.push(
        [name, t + 1, p.meanReward[t], p.rewardLower[t], p.rewardUpper[t], p.optimalRate[t], p.cumulativeRegret[t], p.regretLower[t], p.regretUpper[t], result.laiRobbins ? result.laiRobbins[t] : ""].join(","),
      )
    }
  }
  return lines.join("\n") + "\n"
}

/** The figures of a simulation: average reward, cumulative regret (with the Lai–Robbins bound), optimal-action rate. */
export function simulationFigures(result: SimulationResult): Figure[] {
  const reward: Series[] = result.policies.map((p) => ({ name: p.name, y: p.meanReward, lower: p.rewardLower, upper: p.rewardUpper }))
  const regret: Series[] = result.policies.map((p) => ({ name: p.name, y: p.cumulativeRegret, lower: p.regretLower, upper: p.regretUpper }))
  if (result.laiRobbins) regret.push({ name: "Lai–Robbins bound", y: result.laiRobbins })
  const figures = [
    lineFigure(reward, { title: "Average reward per step (95% CI across runs)", xTitle: "step", yTitle: "reward" }),
    lineFigure(regret, { title: "Cumulative pseudo-regret (95% CI)", xTitle: "step", yTitle: "regret" }),
    lineFigure(
      result.policies.map((p) => ({ name: p.name, y: p.optimalRate })),
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
  if (result.laiRobbinsConstant !== null) {
    paragraphs.push(`Lai–Robbins lower bound: Σ Δ_a/kl(μ_a, μ*) · ln t with constant ${result.laiRobbinsConstant.toFixed(3)}.`)
  }
  const sections: ReportSection[] = [{ heading: "Results", paragraphs, tables: [table], figures: simulationFigures(result) }]
  return { title, sections, provenance }
}
