import { averagePrecisionAtK, ndcgAtK, precisionAtK, recallAtK } from "../metrics/ranking"
import { bootstrapIndexCi, type BootstrapInterval } from "../stats/bootstrap"
import type { Rng } from "../random/rng"
import { createRng } from "../random/rng"
import type { BaseRecommender } from "../recommenders/base-recommender"
import { Bpr } from "../recommenders/bpr"
import { Ease } from "../recommenders/ease"
import { ImplicitAls } from "../recommenders/implicit-als"
import type { Interactions } from "../schema/interactions"
import { ItemKnn } from "../recommenders/item-knn"
import { Popularity } from "../recommenders/popularity"
import { topK } from "../recommenders/top-k"
import type { RetailBenchmarkData } from "./benchmark-split"
import { compiledScript, WorkerCall } from "./worker-call"
import { availableParallelism } from "node:os"

/** The models the benchmark knows, by the names the CLI takes. */
export const BENCHMARK_MODELS = ["popularity", "itemknn", "als", "bpr", "ease"] as const
export type BenchmarkModelName = (typeof BENCHMARK_MODELS)[number]

/** The metrics reported per model, named as in `summary.json` (with `@k` appended). */
export const BENCHMARK_METRICS = ["precision", "recall", "ndcg", "map", "hitRate"] as const
export type BenchmarkMetric = (typeof BENCHMARK_METRICS)[number]

/** How each model is configured and which input it sees (stated in every report). */
export interface BenchmarkModelSpec {
  name: BenchmarkModelName
  /** "binary": 1 for every (user, item) bought in train; "strength": the number of distinct invoices. */
  input: "binary" | "strength"
  options: Record<string, number | string>
  create(seed: number): BaseRecommender
}

/**
 * The fixed hyper-parameters of the benchmark (not tuned on the test period: item-kNN and EASE^R
 * at their authors' usual settings, ALS with the 64 factors / 15 sweeps the issue asks for).
 */
export const BENCHMARK_MODEL_SPECS: Readonly<Record<BenchmarkModelName, BenchmarkModelSpec>> = {
  popularity: {
    name: "popularity",
    input: "binary",
    options: { score: "distinct train customers" },
    create: () => new Popularity(),
  },
  itemknn: {
    name: "itemknn",
    input: "binary",
    options: { similarity: "cosine", neighbours: 100, shrinkage: 0 },
    create: () => new ItemKnn({ similarity: "cosine", neighbours: 100, shrinkage: 0 }),
  },
  als: {
    name: "als",
    input: "strength",
    options: { factors: 64, iterations: 15, alpha: 10, regularization: 0.1, cgSteps: 3 },
    create: (seed) =>
      new ImplicitAls({ factors: 64, iterations: 15, alpha: 10, regularization: 0.1, cgSteps: 3, seed }),
  },
  bpr: {
    name: "bpr",
    input: "binary",
    options: { factors: 64, epochs: 30, learningRate: 0.05, regularization: 0.01 },
    create: (seed) => new Bpr({ factors: 64, epochs: 30, learningRate: 0.05, regularization: 0.01, seed }),
  },
  ease: { name: "ease", input: "binary", options: { lambda: 500 }, create: () => new Ease({ lambda: 500 }) },
}

/** The same matrix with every value set to 1. */
export function binaryInteractions(m: Interactions): Interactions {
  return { ...m, values: new Float64Array(m.values.length).fill(1) }
}

/** One model's results: mean metrics, per-user values (aligned with `evaluatedUsers`), coverage and time. */
export interface ModelResult {
  name: BenchmarkModelName
  metrics: Record<BenchmarkMetric, number>
  perUser: Record<BenchmarkMetric, Float64Array>
  /** Distinct recommended items / catalogue size. */
  coverage: number
  trainSeconds: number
  recommendSeconds: number
}

/**
 * Ranks the catalogue for every evaluated user and scores the top k by the protocol's metrics:
 * precision@k = hits/k, recall@k = hits/|relevant|, NDCG@k (binary gains, log2(rank+1)
 * discounts, ideal over min(|relevant|, k)), MAP@k (Σ precision at hit ranks / min(|relevant|, k)),
 * hit rate; ties in scores go to the smaller item index, i.e. the smaller stock code.
 */
export function evaluateRecommender(
  data: RetailBenchmarkData,
  model: { score(user: number): Float64Array },
  name: BenchmarkModelName,
  k: number,
): Omit<ModelResult, "trainSeconds"> {
  if (!Number.isInteger(k) || k <= 0) throw new Error(`k must be a positive integer, got ${k}`)
  const n = data.evaluatedUsers.length
  const perUser = {} as Record<BenchmarkMetric, Float64Array>
  for (const m of BENCHMARK_METRICS) perUser[m] = new Float64Array(n)
  const recommended = new Uint8Array(data.train.nItems)
  const start = performance.now()
  for (let j = 0; j < n; j++) {
    const u = data.evaluatedUsers[j]
    const list = topK(model.score(u), k, u, data.train).map((r) => r.item)
    for (const i of list) recommended[i] = 1
    const relevant = new Set(data.relevant[j])
    perUser.precision[j] = precisionAtK(list, relevant, k)
    perUser.recall[j] = recallAtK(list, relevant, k)
    perUser.ndcg[j] = ndcgAtK(list, relevant, k)
    perUser.map[j] = averagePrecisionAtK(list, relevant, k)
    perUser.hitRate[j] = perUser.precision[j] > 0 ? 1 : 0
  }
  const recommendSeconds = (performance.now() - start) / 1000
  const metrics = {} as Record<BenchmarkMetric, number>
  for (const m of BENCHMARK_METRICS) metrics[m] = perUser[m].reduce((a, b) => a + b, 0) / n
  let distinct = 0
  for (let i = 0; i < recommended.length; i++) distinct += recommended[i]
  return { name, metrics, perUser, coverage: distinct / data.train.nItems, recommendSeconds }
}

export interface BenchmarkOptions {
  k: number
  /** Seed of the learned models' initialisation and sampling (default 0). */
  seed?: number
  /**
   * Called as each model is started on this thread, or waited for when the worker thread trains it;
   * `index` counts the models started before it (the model's place in the list on one thread).
   */
  onModel?: (name: BenchmarkModelName, index: number) => void
  /**
   * Threads that train the models: 1, or 2 and more for two (default: 2 on a machine with two or more
   * cores when this module runs compiled, else 1). The numbers are the same either way: each model runs
   * whole on one thread.
   */
  threads?: number
}

/**
 * Trains each model on `data.train` (the input its spec says) and evaluates it. With two threads the
 * models are split between this one and a worker thread (longest first, each to the less loaded thread;
 * see {@link splitBenchmarkModels}); each model then runs exactly as it would alone, so the results
 * are identical to one thread's.
 * @example runRetailBenchmark(data, ["popularity", "als"], { k: 10 })
 */
export function runRetailBenchmark(
  data: RetailBenchmarkData,
  models: readonly BenchmarkModelName[],
  options: BenchmarkOptions,
): ModelResult[] {
  if (!Number.isInteger(options.k) || options.k <= 0) throw new Error(`k must be a positive integer, got ${options.k}`)
  const seed = options.seed ?? 0
  const threads = options.threads ?? defaultBenchmarkThreads()
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`)
  const split = threads > 1 && models.length > 1 ? splitBenchmarkModels(models) : null
  const script = split ? compiledScript(__dirname, "retail", "benchmark") : null
  const worker =
    split && script
      ? WorkerCall.start<ModelResult[]>(script, "runBenchmarkModels", [data, split.worker, options.k, seed])
      : null
  const offloaded = new Set(worker ? split!.worker : [])
  const results = new Map<BenchmarkModelName, ModelResult>()
  let binary: Interactions | null = null
  const run = (name: BenchmarkModelName): ModelResult => {
    binary ??= binaryInteractions(data.train)
    return runBenchmarkModel(data, binary, name, options.k, seed)
  }
  let started = 0
  for (const name of models) {
    if (offloaded.has(name)) continue
    options.onModel?.(name, started++)
    results.set(name, run(name))
  }
  if (worker) {
    for (const name of models) if (offloaded.has(name)) options.onModel?.(name, started++)
    // A worker that failed leaves its models to this thread (same numbers, only slower).
    const theirs = worker.collect()
    split!.worker.forEach((name, i) => results.set(name, theirs?.[i] ?? run(name)))
  }
  return models.map((name) => results.get(name)!)
}

/** 2 where the machine has two or more cores and this module runs compiled (a worker thread runs compiled code), else 1. */
function defaultBenchmarkThreads(): number {
  return __filename.endsWith(".js") && availableParallelism() > 1 ? 2 : 1
}

/** Rough training-plus-ranking time of each model on Online Retail, in tenths of a second (docs/performance.md, 2026-12-07). */
const MODEL_COST: Readonly<Record<BenchmarkModelName, number>> = {
  popularity: 2,
  itemknn: 12,
  als: 35,
  bpr: 60,
  ease: 60,
}

/**
 * Two groups of the models for two threads: longest first, each to the group with less work so far
 * (the LPT rule); the worker thread gets the group holding the costliest model.
 * @example splitBenchmarkModels(["popularity", "itemknn", "als", "bpr", "ease"]) // { main: ["ease", "itemknn", "popularity"], worker: ["bpr", "als"] }
 */
export function splitBenchmarkModels(models: readonly BenchmarkModelName[]): {
  main: BenchmarkModelName[]
  worker: BenchmarkModelName[]
} {
  const order = [...models].sort(
    (a, b) => MODEL_COST[b] - MODEL_COST[a] || BENCHMARK_MODELS.indexOf(a) - BENCHMARK_MODELS.indexOf(b),
  )
  const groups: [BenchmarkModelName[], BenchmarkModelName[]] = [[], []]
  const load = [0, 0]
  for (const name of order) {
    const g = load[0] <= load[1] ? 0 : 1
    groups[g].push(name)
    load[g] += MODEL_COST[name]
  }
  return { worker: groups[0], main: groups[1] }
}

/**
 * The models of `names`, one after another, on `data.train`: what a worker thread of
 * {@link runRetailBenchmark} runs.
 * @internal
 */
export function runBenchmarkModels(
  data: RetailBenchmarkData,
  names: BenchmarkModelName[],
  k: number,
  seed: number,
): ModelResult[] {
  const binary = binaryInteractions(data.train)
  return names.map((name) => runBenchmarkModel(data, binary, name, k, seed))
}

/**
 * Trains one model of the benchmark on `data.train` (`binary` is its binary version) and evaluates it.
 * @internal
 */
export function runBenchmarkModel(
  data: RetailBenchmarkData,
  binary: Interactions,
  name: BenchmarkModelName,
  k: number,
  seed: number,
): ModelResult {
  const spec = BENCHMARK_MODEL_SPECS[name]
  const model = spec.create(seed)
  const start = performance.now()
  // The stream follows the model's name, not its place in the list: a model's numbers do not depend on which others run.
  model.fit(spec.input === "binary" ? binary : data.train, createRng(seed, BENCHMARK_MODELS.indexOf(name) + 1))
  const trainSeconds = (performance.now() - start) / 1000
  return { ...evaluateRecommender(data, model, name, k), trainSeconds }
}

/** A model's gain over a baseline on one metric: the paired difference of per-user values with a bootstrap interval. */
export interface BenchmarkComparison {
  model: BenchmarkModelName
  baseline: BenchmarkModelName
  metric: BenchmarkMetric
  difference: BootstrapInterval
  /** model mean / baseline mean (Infinity when the baseline is 0). */
  ratio: number
}

/**
 * Paired percentile bootstrap over evaluated users of mean(metric_model − metric_baseline)
 * (users resampled together, so both models see the same resample).
 */
export function compareModels(
  a: ModelResult,
  baseline: ModelResult,
  metric: BenchmarkMetric,
  rng: Rng,
  resamples = 1000,
): BenchmarkComparison {
  const x = a.perUser[metric]
  const y = baseline.perUser[metric]
  const difference = bootstrapIndexCi(
    x.length,
    (idx) => {
      let s = 0
      for (let t = 0; t < idx.length; t++) s += x[idx[t]] - y[idx[t]]
      return s / idx.length
    },
    rng,
    { resamples },
  )
  return {
    model: a.name,
    baseline: baseline.name,
    metric,
    difference,
    ratio: a.metrics[metric] / baseline.metrics[metric],
  }
}
