import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { loadConfig } from "../config/load-config"
import { guardRun } from "./run-guard"
import { runProvenance, writeRunOutput } from "./run-output"
import { terminalProgress } from "../io/progress"
import { worldConfigSchema } from "../world/config"
import { writeWorldCsv } from "../world/export"
import { summarizeWorld, worldOverviewSections } from "../report/world-overview"
import { simulateEvents } from "../world/simulate-events"
import { World } from "../world/world"
import { integerParser } from "./flags"

interface WorldOptions {
  config: string
  out: string
  seed?: number
  csvOnly?: boolean
  quiet?: boolean
}

/** `interest-lab world`: generate a world from a config and write its CSVs and an overview report. */
export function registerWorld(program: Command, argv: readonly string[]): void {
  program
    .command("world")
    .description(COMMAND_DESCRIPTIONS.world)
    .requiredOption(
      "--config <file>",
      "world config (JSON or YAML); every field is optional, see experiments/world-default.yaml",
    )
    .requiredOption(
      "--out <dir>",
      "output folder, written atomically (a failed run leaves an existing folder untouched)",
    )
    .option("--seed <n>", "override the config's seed", integerParser("--seed", 0))
    .option("--csv-only", "write only the CSV files (the byte-reproducible part), no report or provenance")
    .option("--quiet", "no progress output")
    .action(async (options: WorldOptions) => {
      const inputs = guardRun(options.out, [{ flag: "--config", path: options.config }])
      const raw = loadConfig(options.config, worldConfigSchema)
      const config = options.seed === undefined ? raw : { ...raw, seed: options.seed }
      const progress = terminalProgress("world", 4, { quiet: options.quiet })
      const world = new World(config)
      progress.update(1, "catalogue and users")
      const log = simulateEvents(world)
      progress.update(2, `${log.events.length} events`)
      const dir = await writeRunOutput(options.out, inputs, async (tmp) => {
        const injected = await writeWorldCsv(world, log, tmp)
        progress.update(3, "CSV written")
        if (options.csvOnly) return undefined
        return {
          summary: { ...summarizeWorld(world, log), injectedFaults: injected },
          config,
          provenance: runProvenance(argv, { seed: config.seed }),
          report: {
            title: "Synthetic world: data overview",
            subtitle: `config ${options.config}, seed ${config.seed}`,
            sections: worldOverviewSections(world, log),
          },
        }
      })
      progress.finish(`→ ${dir}`)
    })
}
