import type { Command } from "commander"
import { SUB_COMMANDS } from "./commands"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { loadConfig } from "../config/load-config"
import { renderReport } from "../report/html"
import { writeOutputDir } from "../io/output-dir"
import { guardRun } from "./run-guard"
import { provenance } from "../io/provenance"
import { terminalProgress } from "../io/progress"
import { worldConfigSchema } from "../world/config"
import { writeWorldCsv } from "../world/export"
import { summarizeWorld, worldOverviewSections } from "../report/world-overview"
import { simulateEvents } from "../world/simulate-events"
import { World } from "../world/world"
import { integerFlag } from "./flags"

interface WorldOptions {
  config: string
  out: string
  seed?: string
  csvOnly?: boolean
  quiet?: boolean
}

/** `interest-lab world`: generate a world from a config and write its CSVs and an overview report. */
export function registerWorld(program: Command): void {
  program
    .command("world")
    .description(SUB_COMMANDS.world.description)
    .requiredOption("--config <file>", "world config (JSON or YAML); every field is optional, see experiments/world-default.yaml")
    .requiredOption("--out <dir>", "output folder, written atomically (a failed run leaves an existing folder untouched)")
    .option("--seed <n>", "override the config's seed")
    .option("--csv-only", "write only the CSV files (the byte-reproducible part), no report or provenance")
    .option("--quiet", "no progress output")
    .action(async (options: WorldOptions) => {
      const inputs = guardRun(options.out, [{ flag: "--config", path: options.config }])
      const raw = loadConfig(options.config, worldConfigSchema)
      const config = options.seed === undefined ? raw : { ...raw, seed: integerFlag("--seed", options.seed, 0) }
      const progress = terminalProgress("world", 4, { quiet: options.quiet })
      const world = new World(config)
      progress.update(1, "catalogue and users")
      const log = simulateEvents(world)
      progress.update(2, `${log.events.length} events`)
      const dir = await writeOutputDir(options.out, async (tmp) => {
        const injected = await writeWorldCsv(world, log, tmp)
        progress.update(3, "CSV written")
        if (options.csvOnly) return
        const summary = { ...summarizeWorld(world, log), injectedFaults: injected }
        writeFileSync(join(tmp, "summary.json"), JSON.stringify(summary, null, 2) + "\n")
        const prov = provenance(`interest-lab world --config ${options.config}`)
        writeFileSync(join(tmp, "config.json"), JSON.stringify({ config, provenance: prov }, null, 2) + "\n")
        const html = renderReport({
          title: "Synthetic world: data overview",
          subtitle: `config ${options.config}, seed ${config.seed}`,
          sections: worldOverviewSections(world, log),
          provenance: { ...prov, seed: config.seed },
        })
        writeFileSync(join(tmp, "report.html"), html)
      }, { inputs })
      progress.finish(`→ ${dir}`)
    })
}
