import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { guardRun, retailDataInput } from "./run-guard"
import { jsonText, runProvenance, writeRunOutput } from "./run-output"
import { terminalProgress } from "../io/progress"
import { BENCHMARK_MODELS, BENCHMARK_MODEL_SPECS, runRetailBenchmark } from "../retail/benchmark"
import { benchmarkSections, benchmarkSummary, benchmarkTimings } from "../report/benchmark-report"
import { parseSplitDate, retailBenchmarkData } from "../retail/benchmark-split"
import { DEFAULT_CLEANING_RULES } from "../retail/cleaning"
import { asUserError, cleanRetailData, loadRetailData } from "../retail/data-source"
import { integerParser, listFlag } from "./flags"

interface BenchmarkFlags {
  data: string
  split: string
  models: string
  k: number
  out: string
  seed: number
  quiet?: boolean
}

/** `interest-lab benchmark`: the reproducible recommender benchmark on Online Retail. */
export function registerBenchmark(program: Command, argv: readonly string[]): void {
  program
    .command("benchmark")
    .description(COMMAND_DESCRIPTIONS.benchmark)
    .requiredOption("--data <name|file>", "'online-retail' (the shipped copy) or a CSV with the same columns")
    .option("--split <YYYY-MM-DD>", "first day of the test period", "2011-09-01")
    .option(
      "--models <list>",
      "comma-separated: popularity, itemknn, als, bpr, ease",
      "popularity,itemknn,als,bpr,ease",
    )
    .option("--k <n>", "length of each recommendation list", integerParser("--k", 1), 10)
    .option("--seed <n>", "seed of the learned models and the bootstrap", integerParser("--seed", 0), 0)
    .requiredOption("--out <dir>", "output folder, written atomically")
    .option("--quiet", "no progress output")
    .action(async (flags: BenchmarkFlags) => {
      const inputs = guardRun(flags.out, [retailDataInput(flags.data)])
      const { k, seed } = flags
      const models = listFlag("--models", flags.models, BENCHMARK_MODELS, "model")
      asUserError(() => parseSplitDate(flags.split), "--split")
      const clean = cleanRetailData(await loadRetailData(flags.data), flags.data)
      const data = asUserError(() => retailBenchmarkData(clean, flags.split), "--split")
      const progress = terminalProgress("benchmark", models.length, { quiet: flags.quiet })
      const results = runRetailBenchmark(data, models, { k, seed, onModel: (name, i) => progress.update(i, name) })
      const summary = benchmarkSummary(data, results, k, seed)
      const config = {
        data: flags.data,
        split: flags.split,
        k,
        seed,
        cleaning: DEFAULT_CLEANING_RULES.map((r) => r.name),
        models: models.map((m) => ({
          name: m,
          input: BENCHMARK_MODEL_SPECS[m].input,
          options: BENCHMARK_MODEL_SPECS[m].options,
        })),
      }
      const report = {
        title: "Online Retail: recommender benchmark",
        subtitle: `split ${flags.split}, k = ${k}, ${summary.evaluatedUsers} evaluated customers, ${summary.catalogue} items`,
        sections: benchmarkSections(data, results, summary, seed),
      }
      const files = { "timings.json": jsonText({ models: benchmarkTimings(results) }) }
      const dir = await writeRunOutput(flags.out, inputs, () => ({
        summary,
        config,
        provenance: runProvenance(argv, { seed }),
        report,
        files,
      }))
      progress.finish(`→ ${dir}`)
    })
}
