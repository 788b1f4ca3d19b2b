import type { Command } from "commander"
import { SUB_COMMANDS } from "./commands"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { renderReport } from "../report/html"
import { writeOutputDir } from "../io/output-dir"
import { guardRun, retailDataInput } from "./run-guard"
import { provenance } from "../io/provenance"
import { terminalProgress } from "../io/progress"
import { BENCHMARK_MODEL_SPECS, parseBenchmarkModels, runRetailBenchmark } from "../retail/benchmark"
import { benchmarkSections, benchmarkSummary, benchmarkTimings } from "../report/benchmark-report"
import { parseSplitDate, retailBenchmarkData } from "../retail/benchmark-split"
import { DEFAULT_CLEANING_RULES } from "../retail/cleaning"
import { asUserError, cleanRetailData, loadRetailData } from "../retail/data-source"
import { integerFlag } from "./flags"

interface BenchmarkFlags {
  data: string
  split: string
  models: string
  k: string
  out: string
  seed: string
  quiet?: boolean
}

/** `interest-lab benchmark`: the reproducible recommender benchmark on Online Retail. */
export function registerBenchmark(program: Command): void {
  program
    .command("benchmark")
    .description(SUB_COMMANDS.benchmark.description)
    .requiredOption("--data <name|file>", "'online-retail' (the shipped copy) or a CSV with the same columns")
    .option("--split <YYYY-MM-DD>", "first day of the test period", "2011-09-01")
    .option("--models <list>", "comma-separated: popularity, itemknn, als, bpr, ease", "popularity,itemknn,als,bpr,ease")
    .option("--k <n>", "length of each recommendation list", "10")
    .option("--seed <n>", "seed of the learned models and the bootstrap", "0")
    .requiredOption("--out <dir>", "output folder, written atomically")
    .option("--quiet", "no progress output")
    .action(async (flags: BenchmarkFlags) => {
      const inputs = guardRun(flags.out, [retailDataInput(flags.data)])
      const k = integerFlag("--k", flags.k, 1)
      const seed = integerFlag("--seed", flags.seed, 0)
      const models = asUserError(() => parseBenchmarkModels(flags.models))
      asUserError(() => parseSplitDate(flags.split))
      const clean = cleanRetailData(await loadRetailData(flags.data), flags.data)
      const data = asUserError(() => retailBenchmarkData(clean, flags.split))
      const progress = terminalProgress("benchmark", models.length, { quiet: flags.quiet })
      const results = runRetailBenchmark(data, models, { k, seed, onModel: (name, i) => progress.update(i, name) })
      const summary = benchmarkSummary(data, results, k, seed)
      const command = `interest-lab benchmark --data ${flags.data} --split ${flags.split} --models ${models.join(",")} --k ${k} --seed ${seed}`
      const prov = provenance(command)
      const dir = await writeOutputDir(flags.out, (tmp) => {
        writeFileSync(join(tmp, "summary.json"), JSON.stringify(summary, null, 2) + "\n")
        writeFileSync(join(tmp, "timings.json"), JSON.stringify({ models: benchmarkTimings(results) }, null, 2) + "\n")
        const config = {
          data: flags.data,
          split: flags.split,
          k,
          seed,
          cleaning: DEFAULT_CLEANING_RULES.map((r) => r.name),
          models: models.map((m) => ({ name: m, input: BENCHMARK_MODEL_SPECS[m].input, options: BENCHMARK_MODEL_SPECS[m].options })),
          provenance: prov,
        }
        writeFileSync(join(tmp, "config.json"), JSON.stringify(config, null, 2) + "\n")
        const html = renderReport({
          title: "Online Retail: recommender benchmark",
          subtitle: `split ${flags.split}, k = ${k}, ${summary.evaluatedUsers} evaluated customers, ${summary.catalogue} items`,
          sections: benchmarkSections(data, results, summary, seed),
          provenance: { ...prov, seed },
        })
        writeFileSync(join(tmp, "report.html"), html)
      }, { inputs })
      progress.finish(`→ ${dir}`)
    })
}
