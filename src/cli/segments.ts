import type { Command } from "commander"
import { COMMAND_DESCRIPTIONS } from "./commands"
import { csvField } from "../io/csv"
import { guardRun, retailDataInput } from "./run-guard"
import { runProvenance, writeRunOutput } from "./run-output"
import { DEFAULT_CLEANING_RULES } from "../retail/cleaning"
import { asUserError, cleanRetailData, loadRetailData } from "../retail/data-source"
import { integerParser } from "./flags"
import { computeRfm } from "../retail/rfm"
import { rfmSegmentation } from "../retail/segments"
import { segmentSections } from "../report/segments-report"

interface SegmentFlags {
  data: string
  k: number
  seed: number
  out: string
}

/** `interest-lab segments`: RFM customer segments by k-means on real retail data. */
export function registerSegments(program: Command, argv: readonly string[]): void {
  program
    .command("segments")
    .description(COMMAND_DESCRIPTIONS.segments)
    .requiredOption("--data <name|file>", "'online-retail' (the shipped copy) or a CSV with the same columns")
    .option("--k <n>", "number of segments", integerParser("--k", 1), 4)
    .option("--seed <n>", "seed of the k-means++ restarts", integerParser("--seed", 0), 0)
    .requiredOption("--out <dir>", "output folder, written atomically")
    .action(async (flags: SegmentFlags) => {
      const inputs = guardRun(flags.out, [retailDataInput(flags.data)])
      const { k, seed } = flags
      const clean = cleanRetailData(await loadRetailData(flags.data), flags.data)
      const rfm = asUserError(() => computeRfm(clean))
      const seg = asUserError(() => rfmSegmentation(rfm, { k, seed }))
      const lines = ["customer,R,F,M,segment"]
      for (let i = 0; i < rfm.customers.length; i++) {
        lines.push(
          [rfm.customers[i], rfm.recency[i], rfm.frequency[i], Number(rfm.monetary[i].toFixed(2)), seg.labels[i]]
            .map(csvField)
            .join(","),
        )
      }
      const summary = {
        customers: rfm.customers.length,
        k,
        inertia: seg.inertia,
        sizes: seg.sizes,
        seed,
        kneeK: seg.kneeK,
        elbow: seg.elbow,
        silhouettes: seg.silhouettes,
        profiles: seg.profiles,
        cleaning: clean.steps,
      }
      const dir = await writeRunOutput(flags.out, inputs, () => ({
        summary,
        config: { data: flags.data, k, seed, cleaning: DEFAULT_CLEANING_RULES.map((r) => r.name) },
        provenance: runProvenance(argv, { seed }),
        report: {
          title: "Online Retail: RFM customer segments",
          subtitle: `${rfm.customers.length} customers, k = ${k}`,
          sections: segmentSections(clean, rfm, seg),
        },
        files: { "segments.csv": `${lines.join("\n")}\n` },
      }))
      process.stderr.write(`segments: ${k} segments of ${rfm.customers.length} customers → ${dir}\n`)
    })
}
