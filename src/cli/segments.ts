import type { Command } from "commander"
import { SUB_COMMANDS } from "./commands"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { csvField } from "../io/csv"
import { renderReport } from "../report/html"
import { writeOutputDir } from "../io/output-dir"
import { guardRun, retailDataInput } from "./run-guard"
import { provenance } from "../io/provenance"
import { DEFAULT_CLEANING_RULES } from "../retail/cleaning"
import { asUserError, cleanRetailData, loadRetailData } from "../retail/data-source"
import { integerFlag } from "./flags"
import { computeRfm } from "../retail/rfm"
import { rfmSegmentation } from "../retail/segments"
import { segmentSections } from "../report/segments-report"

interface SegmentFlags {
  data: string
  k: string
  seed: string
  out: string
}

/** `interest-lab segments`: RFM customer segments by k-means on real retail data. */
export function registerSegments(program: Command): void {
  program
    .command("segments")
    .description(SUB_COMMANDS.segments.description)
    .requiredOption("--data <name|file>", "'online-retail' (the shipped copy) or a CSV with the same columns")
    .option("--k <n>", "number of segments", "4")
    .option("--seed <n>", "seed of the k-means++ restarts", "0")
    .requiredOption("--out <dir>", "output folder, written atomically")
    .action(async (flags: SegmentFlags) => {
      const inputs = guardRun(flags.out, [retailDataInput(flags.data)])
      const k = integerFlag("--k", flags.k, 1)
      const seed = integerFlag("--seed", flags.seed, 0)
      const clean = cleanRetailData(await loadRetailData(flags.data), flags.data)
      const rfm = asUserError(() => computeRfm(clean))
      const seg = asUserError(() => rfmSegmentation(rfm, { k, seed }))
      const command = `interest-lab segments --data ${flags.data} --k ${k} --seed ${seed}`
      const prov = provenance(command)
      const dir = await writeOutputDir(flags.out, (tmp) => {
        const lines = ["customer,R,F,M,segment"]
        for (let i = 0; i < rfm.customers.length; i++) {
          lines.push([rfm.customers[i], rfm.recency[i], rfm.frequency[i], Number(rfm.monetary[i].toFixed(2)), seg.labels[i]].map(csvField).join(","))
        }
        writeFileSync(join(tmp, "segments.csv"), lines.join("\n") + "\n")
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
        writeFileSync(join(tmp, "summary.json"), JSON.stringify(summary, null, 2) + "\n")
        const config = { data: flags.data, k, seed, cleaning: DEFAULT_CLEANING_RULES.map((r) => r.name) }
        writeFileSync(join(tmp, "config.json"), JSON.stringify({ config, provenance: prov }, null, 2) + "\n")
        const html = renderReport({
          title: "Online Retail: RFM customer segments",
          subtitle: `${rfm.customers.length} customers, k = ${k}`,
          sections: segmentSections(clean, rfm, seg),
          provenance: { ...prov, seed },
        })
        writeFileSync(join(tmp, "report.html"), html)
      }, { inputs })
      process.stderr.write(`segments: ${k} segments of ${rfm.customers.length} customers → ${dir}\n`)
    })
}
