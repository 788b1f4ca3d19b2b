import { closeSync, openSync, writeSync } from "node:fs"
import { csvField } from "../io/csv"
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

/** `steps.csv`: one row per step and policy with the per-step curves and their CI bounds. */
export function simulationStepsCsv(result: SimulationResult): string {
  return [...simulationStepsCsvBlocks(result)].join("")
}

/**
 * `steps.csv` in blocks of at most `rows` lines, each line ended by "\n": the file of a long
 * horizon is written block by block, never held whole (see `writeSimulationStepsCsv`).
 * @example for (const block of simulationStepsCsvBlocks(result)) writeSync(fd, block)
 */
export function* simulationStepsCsvBlocks(result: SimulationResult, rows = 1 << 16): Generator<string> {
  let lines = [
    "policy,step,meanReward,rewardLower,rewardUpper,optimalActionRate,cumulativeRegret,regretLower,regretUpper,laiRobbins",
  ]
  for (const p of result.policies) {
    const name = csvField(p.name)
    for (let t = 0; t < result.horizon; t++) {
      lines.push(
        [
          name,
          t + 1,
          p.meanReward[t],
          p.rewardLower[t],
          p.rewardUpper[t],
          p.optimalRate[t],
          p.cumulativeRegret[t],
          p.regretLower[t],
          p.regretUpper[t],
          result.laiRobbins ? result.laiRobbins[t] : "",
        ].join(","),
      )
      if (lines.length === rows) {
        yield `${lines.join("\n")}\n`
        lines = []
      }
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`
}
