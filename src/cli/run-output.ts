import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { writeOutputDir } from "../io/output-dir"
import { provenance, recordedCommandLine, type Provenance } from "../io/provenance"
import { renderReport, type Report } from "../report/html"

/** A run's provenance: package, commit, node, date and command line, plus what the command adds (seed, workers). */
export type RunProvenance = Provenance & Record<string, string | number | boolean | null>

/**
 * The provenance of a run started by `argv` (the raw command line, see `recordedCommandLine`),
 * with `extra` fields such as the seed.
 * @example runProvenance(process.argv, { seed: 3 }).command // "interest-lab segments --data online-retail --seed 3"
 */
export function runProvenance(
  argv: readonly string[],
  extra: Record<string, string | number | boolean | null> = {},
): RunProvenance {
  return { ...provenance(recordedCommandLine(argv)), ...extra }
}

/** What every command writes into its output folder (besides the data files it writes itself). */
export interface RunOutput {
  /** summary.json: the run's numbers, byte-identical for the same config and seed. */
  summary: unknown
  /** config.json's `config`: the settings the run used, defaults and flags resolved. */
  config: unknown
  /** config.json's `provenance`, also printed at the foot of report.html. */
  provenance: RunProvenance
  /** report.html, self-contained; its provenance is `provenance`. */
  report: Omit<Report, "provenance">
  /** Further text files by name (CSV tables, query.sql, timings.json), written as given. */
  files?: Record<string, string>
}

/** A JSON file as every command writes it: two-space indent and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/**
 * Writes a command's output folder atomically (see `writeOutputDir`: a temporary sibling renamed
 * into place only when everything is written; refused up front if `out` is an input or not the
 * run's to replace). `produce` may write data files into the folder itself (large CSVs), then
 * returns the standard ones: summary.json, config.json (`{ config, provenance }`), report.html and
 * any `files`; it returns nothing when the run writes data files alone (`world --csv-only`).
 * Returns the folder's absolute path.
 * @example await writeRunOutput(flags.out, inputs, () => ({ summary, config, provenance: runProvenance(argv), report }))
 */
export async function writeRunOutput(
  out: string,
  inputs: readonly string[],
  produce: (dir: string) => RunOutput | undefined | Promise<RunOutput | undefined>,
): Promise<string> {
  return writeOutputDir(
    out,
    async (dir) => {
      const output = await produce(dir)
      if (output === undefined) return
      for (const [name, text] of Object.entries(output.files ?? {})) writeFileSync(join(dir, name), text)
      writeFileSync(join(dir, "summary.json"), jsonText(output.summary))
      writeFileSync(join(dir, "config.json"), jsonText({ config: output.config, provenance: output.provenance }))
      writeFileSync(join(dir, "report.html"), renderReport({ ...output.report, provenance: output.provenance }))
    },
    { inputs: [...inputs] },
  )
}
