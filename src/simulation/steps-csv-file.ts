import { closeSync, openSync, writeSync } from "node:fs"
import { simulationStepsCsvBlocks } from "./report"
import type { SimulationResult } from "./result"

/**
 * Writes `steps.csv` (the bytes of `simulationStepsCsv`) block by block, so a long horizon needs
 * no string of the whole file (V8 caps strings at 2²⁹ − 24 characters).
 * @example writeSimulationStepsCsv(join(dir, "steps.csv"), result)
 */
export function writeSimulationStepsCsv(path: string, result: SimulationResult): void {
  const fd = openSync(path, "w")
  try {
    for (const block of simulationStepsCsvBlocks(result)) writeSync(fd, block)
  } finally {
    closeSync(fd)
  }
}
