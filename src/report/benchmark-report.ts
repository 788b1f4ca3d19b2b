import { bootstrapCi } from "../stats/bootstrap"
import type { Figure } from "./figure"
import { barFigure, groupedBarFigure } from "./figures"
import type { ReportSection, ReportTable } from "./html"
import { createRng } from "../random/rng"
import type { RetailBenchmarkData } from "../retail/benchmark-split"
import {
  BENCHMARK_METRICS,
  BENCHMARK_MODEL_SPECS,
  compareModels,
  type BenchmarkComparison,
  type ModelResult,
} from "../retail/benchmark"

/** `summary.json` of `interest-lab benchmark`. */
export interface BenchmarkSummary {
  split: string
  k: number
  evaluatedUsers: number
  trainUsers: number
  catalogue: number
  models: Record<string, Record<string, number>>
  /** The model with the best NDCG@k, and its paired bootstrap gain over popularity (if run). */
  winner: { model: string; metric: string; value: number; overPopularity: BenchmarkComparison | null }
  comparisons: BenchmarkComparison[]
}

/**
 * Builds the summary (no timings: see `benchmarkTimings`): metrics per model under their `@k` names, and paired bootstrap
 * comparisons (NDCG@k, over users, `resamples` draws from `seed`) of every model against popularity.
 */
export function benchmarkSummary(
  data: RetailBenchmarkData,
  results: ModelResult[],
  k: number,
  seed = 0,
  resamples = 1000,
): BenchmarkSummary {
  const models: Record<string, Record<string, number>> = {}
  for (const r of results) {
    const row: Record<string, number> = {}
    for (const m of BENCHMARK_METRICS) row[`${m}@${k}`] = r.metrics[m]
    row.coverage = r.coverage
    models[r.name] = row
  }
  const best = results.reduce((a, b) => (b.metrics.ndcg > a.metrics.ndcg ? b : a))
  const popularity = results.find((r) => r.name === "popularity")
  const rng = createRng(seed, 99)
  const comparisons = popularity
    ? results.filter((r) => r !== popularity).map((r) => compareModels(r, popularity, "ndcg", rng, resamples))
    : []
  return {
    split: data.split,
    k,
    evaluatedUsers: data.evaluatedUsers.length,
    trainUsers: data.train.nUsers,
    catalogue: data.train.nItems,
    models,
    winner: {
      model: best.name,
      metric: `ndcg@${k}`,
      value: best.metrics.ndcg,
      overPopularity: comparisons.find((c) => c.model === best.name) ?? null,
    },
    comparisons,
  }
}

/**
 * `timings.json` of `interest-lab benchmark`: seconds to train and to recommend per model. Kept
 * out of `summary.json` so that the same run gives a byte-identical summary.
 * @example writeFileSync("timings.json", JSON.stringify({ models: benchmarkTimings(results) }))
 */
export function benchmarkTimings(
  results: ModelResult[],
): Record<string, { trainSeconds: number; recommendSeconds: number }> {
  return Object.fromEntries(
    results.map((r) => [r.name, { trainSeconds: r.trainSeconds, recommendSeconds: r.recommendSeconds }]),
  )
}

/** The results table (one row per model). */
export function benchmarkTable(results: ModelResult[], k: number): ReportTable {
  return {
    columns: ["model", ...BENCHMARK_METRICS.map((m) => `${m}@${k}`), "coverage", "train s"],
    rows: results.map((r) => [r.name, ...BENCHMARK_METRICS.map((m) => r.metrics[m]), r.coverage, r.trainSeconds]),
    caption: "Means over evaluated users; coverage = distinct recommended items / catalogue",
  }
}

/** Bar plots: NDCG@k with 95% bootstrap intervals over users, and every metric grouped by model. */
export function benchmarkFigures(results: ModelResult[], k: number, seed = 0): Figure[] {
  const rng = createRng(seed, 98)
  const cis = results.map((r) => bootstrapCi(r.perUser.ndcg, rng, { resamples: 1000 }))
  return [
    barFigure(
      results.map((r) => r.name),
      results.map((r) => r.metrics.ndcg),
      {
        title: `NDCG@${k} with 95% bootstrap intervals over users`,
        yTitle: `NDCG@${k}`,
        errorLow: cis.map((c) => c.lower),
        errorHigh: cis.map((c) => c.upper),
      },
    ),
    groupedBarFigure(
      BENCHMARK_METRICS.map((m) => `${m}@${k}`),
      results.map((r) => ({ name: r.name, values: BENCHMARK_METRICS.map((m) => r.metrics[m]) })),
      { title: "All ranking metrics by model", yTitle: "mean over users" },
    ),
  ]
}

/** One sentence: which model wins and by how much over popularity. */
export function winnerSentence(summary: BenchmarkSummary): string {
  const w = summary.winner
  const c = w.overPopularity
  const gain = c
    ? ` It beats popularity by ${c.difference.estimate.toFixed(4)} NDCG@${summary.k} (${c.ratio.toFixed(2)}×; paired bootstrap 95% interval ${c.difference.lower.toFixed(4)} to ${c.difference.upper.toFixed(4)} over ${summary.evaluatedUsers} users, ${c.difference.resamples} resamples).`
    : ""
  return `Winner by NDCG@${summary.k}: ${w.model} (${w.value.toFixed(4)}).${gain}`
}

/** The report's sections: conclusion, protocol, results, comparisons, model settings. */
export function benchmarkSections(
  data: RetailBenchmarkData,
  results: ModelResult[],
  summary: BenchmarkSummary,
  seed = 0,
): ReportSection[] {
  const k = summary.k
  const widest = results.reduce((a, b) => (b.coverage > a.coverage ? b : a))
  return [
    {
      heading: "Conclusions",
      paragraphs: [
        winnerSentence(summary),
        `${widest.name} spreads its recommendations widest: ${(100 * widest.coverage).toFixed(1)}% of the catalogue is recommended to someone.`,
      ],
    },
    {
      heading: "Protocol",
      paragraphs: [
        `Default cleaning (customer missing, cancelled invoice, quantity ≤ 0, unit price ≤ 0). Train = rows dated before ${data.split} (${data.trainRows} rows), test = rows on or after it (${data.testRows} rows); data from ${data.firstDay} to ${data.lastDay}.`,
        `Users = ${data.train.nUsers} customers with a train purchase; catalogue = ${data.train.nItems} stock codes seen in train, in ascending code order; strength = number of distinct train invoices with the item.`,
        `Relevant items = catalogue items a user bought in test and never in train; ${data.evaluatedUsers.length} users have at least one and are evaluated. Recommendations: the top ${k} catalogue items the user did not buy in train, ties to the smaller stock code.`,
      ],
    },
    { heading: "Results", tables: [benchmarkTable(results, k)], figures: benchmarkFigures(results, k, seed) },
    {
      heading: "Gain over popularity (paired bootstrap over users)",
      tables: [
        {
          columns: ["model", `Δ NDCG@${k}`, "95% low", "95% high", "ratio"],
          rows: summary.comparisons.map((c) => [
            c.model,
            c.difference.estimate,
            c.difference.lower,
            c.difference.upper,
            c.ratio,
          ]),
        },
      ],
    },
    {
      heading: "Model settings",
      tables: [
        {
          columns: ["model", "input", "options"],
          rows: results.map((r) => {
            const spec = BENCHMARK_MODEL_SPECS[r.name]
            return [
              r.name,
              spec.input,
              Object.entries(spec.options)
                .map(([key, v]) => `${key}=${v}`)
                .join(", "),
            ]
          }),
        },
      ],
    },
  ]
}
