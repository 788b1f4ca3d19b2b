import { join } from "node:path"
import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { loadConfig, validate } from "../config/load-config"
import { UserError } from "../config/user-error"
import { guardRun } from "./run-guard"
import { runProvenance, writeRunOutput } from "./run-output"
import { terminalProgress } from "../io/progress"
import { simulationConfigSchema } from "../simulation/config"
import { simulateConfig } from "../simulation/runner"
import { simulationReport, simulationSummary } from "../report/simulation-report"
import { writeSimulationStepsCsv } from "../simulation/steps-csv-file"
import { checkSimulationSize } from "./simulation-size"
import { integerParser } from "./flags"
import { simulationStepsCsv } from "../simulation/steps-csv-file"
import { csvField } from "../io/csv"
import { simulateScenarios } from "../simulation/scenarios"
import { personalReport, personalSummary } from "../report/personal-report"
import type { SimulationConfig } from "../simulation/config"

/** A config with `scenarios`: every scenario in turn, one report comparing them (steps.csv gains a scenario column). */
async function runScenarios(
  config: SimulationConfig,
  file: string,
  out: string,
  inputs: readonly string[],
  argv: readonly string[],
): Promise<void> {
  const progress = terminalProgress("simulate", config.runs * (config.scenarios?.length ?? 1))
  let scenarios: Awaited<ReturnType<typeof simulateScenarios>>
  try {
    scenarios = await simulateScenarios(config, (done) => progress.update(done))
  } catch (error) {
    throw new UserError(`${file}: ${(error as Error).message}`)
  }
  progress.finish()
  const provenance = runProvenance(argv, { seed: config.seed, workers: config.workers })
  const steps = scenarios.map((s, i) => {
    const [header, ...rows] = simulationStepsCsv(s.result).trimEnd().split("\n")
    return (i === 0 ? [`scenario,${header}`] : []).concat(rows.map((r) => `${csvField(s.name)},${r}`)).join("\n")
  })
  const report = personalReport(scenarios, config.title ?? "Scenarios", provenance)
  const summary = personalSummary(scenarios)
  await writeRunOutput(out, inputs, () => ({
    summary,
    config,
    provenance,
    report,
    files: { "steps.csv": `${steps.join("\n")}\n` },
  }))
  process.stderr.write(`wrote ${out}/report.html, summary.json, steps.csv, config.json\n`)
}

/** `interest-lab simulate`: plays the policies of a config against its environment and writes a report folder. */
export function registerSimulate(program: Command, argv: readonly string[]): void {
  program
    .command("simulate")
    .description(COMMAND_DESCRIPTIONS.simulate)
    .requiredOption("--config <file>", "simulation config (YAML or JSON)")
    .requiredOption("--out <dir>", "output folder (replaced atomically)")
    .option("--seed <n>", "override the config's seed", integerParser("--seed", 0))
    .option("--runs <n>", "override the number of runs", integerParser("--runs", 1))
    .option("--horizon <n>", "override the number of steps", integerParser("--horizon", 1))
    .option(
      "--workers <n>",
      "threads in all, this one included (results do not depend on it)",
      integerParser("--workers", 1),
    )
    .action(
      async (flags: {
        config: string
        out: string
        seed?: number
        runs?: number
        horizon?: number
        workers?: number
      }) => {
        const inputs = guardRun(flags.out, [{ flag: "--config", path: flags.config }])
        const fromFile = loadConfig(flags.config, simulationConfigSchema)
        const config = validate(
          simulationConfigSchema,
          {
            ...fromFile,
            seed: flags.seed ?? fromFile.seed,
            runs: flags.runs ?? fromFile.runs,
            horizon: flags.horizon ?? fromFile.horizon,
            workers: flags.workers ?? fromFile.workers,
          },
          flags.config,
        )
        checkSimulationSize(config, flags.config, flags)
        if (config.scenarios) return runScenarios(config, flags.config, flags.out, inputs, argv)
        const progress = terminalProgress("simulate", config.runs)
        const result = await simulateConfig(config, (done) => progress.update(done)).catch((error: unknown) => {
          // Bad parameters or a broken environment are the user's input: one line, no stack.
          throw new UserError(`${flags.config}: ${(error as Error).message}`)
        })
        progress.finish()
        const provenance = runProvenance(argv, { seed: config.seed, workers: config.workers })
        const report = simulationReport(result, config.title ?? `Simulation: ${result.environment}`, provenance)
        await writeRunOutput(flags.out, inputs, (dir) => {
          writeSimulationStepsCsv(join(dir, "steps.csv"), result)
          return { summary: simulationSummary(result), config, provenance, report }
        })
        process.stderr.write(`wrote ${flags.out}/report.html, summary.json, steps.csv, config.json\n`)
      },
    )
}
