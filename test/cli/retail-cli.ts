import { spawnSync } from "node:child_process"
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { tempDir } from "../temp-dir"

// The CLI runs from the build (npm test builds first), exactly as users run it.
const bin = join(__dirname, "..", "..", "bin", "interest-lab.js")
export const dir = tempDir("il-retail-cli-")

export function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** A small CSV in the Online Retail format with the given data lines. */
export function retailCsv(
  name: string,
  lines: string[],
  header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
): string {
  const path = join(dir, name)
  writeFileSync(path, `${[header, ...lines].join("\n")}\n`)
  return path
}
