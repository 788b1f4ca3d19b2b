import type { Policy } from "../bandits/policy"
import type { BanditLog } from "../schema/bandit-log"
import { parseIndex } from "../schema/bandit-log-fields"
import { CsvError } from "../io/csv-error"
import { csvField, readCsv } from "../io/csv"
import type { TargetPolicy } from "../schema/target-policy"

const SUM_TOLERANCE = 1e-6

/**
 * A context-free target: one distribution over actions per position,
 * π(a | x, pos) = probabilities[pos · nActions + a].
 * @example new ContextFreeTarget("uniform", 3, 1, Float64Array.of(1/3, 1/3, 1/3))
 */
export class ContextFreeTarget implements TargetPolicy {
  constructor(
    readonly name: string,
    readonly nActions: number,
    readonly nPositions: number,
    /** (nPositions × nActions), row-major; each row sums to 1. */
    readonly probabilities: Float64Array,
  ) {
    if (!Number.isInteger(nActions) || nActions < 1)
      throw new Error(`ContextFreeTarget: nActions must be a positive integer, got ${nActions}`)
    if (!Number.isInteger(nPositions) || nPositions < 1)
      throw new Error(`ContextFreeTarget: nPositions must be a positive integer, got ${nPositions}`)
    if (probabilities.length !== nActions * nPositions) {
      throw new Error(
        `ContextFreeTarget: probabilities must have nPositions × nActions = ${nActions * nPositions} entries, got ${probabilities.length}`,
      )
    }
    for (let p = 0; p < nPositions; p++) {
      let sum = 0
      for (let a = 0; a < nActions; a++) {
        const x = probabilities[p * nActions + a]
        if (!(x >= 0 && x <= 1))
          throw new Error(`ContextFreeTarget: probability of action ${a} at position ${p} must be in [0, 1], got ${x}`)
        sum += x
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE)
        throw new Error(`ContextFreeTarget: probabilities at position ${p} sum to ${sum}, must sum to 1`)
    }
  }

  actionProbabilities(log: BanditLog, i: number, out: Float64Array): void {
    const p = log.position[i]
    if (p >= this.nPositions)
      throw new Error(
        `${this.name}: round ${i} is at position ${p} but the target defines positions 0..${this.nPositions - 1}`,
      )
    const k = this.nActions
    for (let a = 0; a < k; a++) out[a] = this.probabilities[p * k + a]
  }

  /** The distribution as CSV text `item_id,position,probability` (0-based positions, zeros omitted). */
  toCsv(): string {
    const lines = ["item_id,position,probability"]
    for (let p = 0; p < this.nPositions; p++) {
      for (let a = 0; a < this.nActions; a++) {
        const x = this.probabilities[p * this.nActions + a]
        if (x > 0) lines.push(`${a},${p},${csvField(x)}`)
      }
    }
    return `${lines.join("\n")}\n`
  }
}

/**
 * The uniform target: π(a | x, pos) = 1/nActions at every position.
 * @example uniformTarget(3, 1).probabilities // [1/3, 1/3, 1/3]
 */
export function uniformTarget(nActions: number, nPositions: number, name = "uniform"): ContextFreeTarget {
  return new ContextFreeTarget(name, nActions, nPositions, new Float64Array(nActions * nPositions).fill(1 / nActions))
}

/**
 * The empirical action distribution of a log at each position: π(a | pos) = #(a shown at pos) /
 * #(rounds at pos). Applied to the Open Bandit Dataset's `bts` log it is the Bernoulli-TS
 * policy's distribution, which OBP's benchmark evaluates from the `random` log.
 * @throws when a position has no round
 * @example actionFrequencyTarget(btsLog, "bts")
 */
export function actionFrequencyTarget(log: BanditLog, name: string): ContextFreeTarget {
  const k = log.nActions
  const counts = new Float64Array(log.nPositions * k)
  const totals = new Float64Array(log.nPositions)
  for (let i = 0; i < log.length; i++) {
    counts[log.position[i] * k + log.action[i]]++
    totals[log.position[i]]++
  }
  for (let p = 0; p < log.nPositions; p++) {
    if (totals[p] === 0) throw new Error(`actionFrequencyTarget: the log has no round at position ${p}`)
    for (let a = 0; a < k; a++) counts[p * k + a] /= totals[p]
  }
  return new ContextFreeTarget(name, k, log.nPositions, counts)
}

/**
 * Reads a context-free target from CSV `item_id,position,probability` (0-based item and
 * position; pairs not listed have probability 0). Checks ranges, duplicates and that the
 * probabilities of each position sum to 1 (±1e-6), with `file:row:column` errors. With
 * `actionIds` (a log's `actionIds`), `item_id` is the file's own id and is mapped to its index.
 * @example await readContextFreeTarget("target.csv", 34, 3)
 */
export async function readContextFreeTarget(
  path: string,
  nActions: number,
  nPositions: number,
  name = path,
  actionIds?: readonly number[],
): Promise<ContextFreeTarget> {
  const indexOf = actionIds === undefined ? undefined : new Map(actionIds.map((id, a) => [id, a]))
  const probabilities = new Float64Array(nActions * nPositions)
  const seen = new Uint8Array(nActions * nPositions)
  const lastRow = new Int32Array(nPositions)
  let at = { item: -1, position: -1, probability: -1 }
  await readCsv(
    path,
    {
      header(columns) {
        const need = (c: string): number => {
          const i = columns.indexOf(c)
          if (i < 0)
            throw new CsvError(
              name,
              1,
              c,
              `missing column '${c}' (the header has: ${columns.join(", ")}; expected item_id,position,probability)`,
            )
          return i
        }
        at = { item: need("item_id"), position: need("position"), probability: need("probability") }
      },
      row(fields, row) {
        let a: number
        if (indexOf === undefined) a = parseIndex(name, row, "item_id", fields[at.item], 0, nActions - 1, "item_id")
        else {
          const id = parseIndex(name, row, "item_id", fields[at.item], 0, 2147483646, "item_id")
          const found = indexOf.get(id)
          if (found === undefined)
            throw new CsvError(
              name,
              row,
              "item_id",
              `item_id ${id} is not an action of the log (${nActions} distinct ids, from ${actionIds![0]} to ${actionIds![nActions - 1]})`,
            )
          a = found
        }
        const p = parseIndex(name, row, "position", fields[at.position], 0, nPositions - 1, "position")
        const text = fields[at.probability]
        const x = text === "" ? NaN : Number(text)
        if (!(x >= 0 && x <= 1)) throw new CsvError(name, row, "probability", `probability '${text}' is not in [0, 1]`)
        if (seen[p * nActions + a])
          throw new CsvError(name, row, "item_id", `item ${a} at position ${p} is listed twice`)
        seen[p * nActions + a] = 1
        probabilities[p * nActions + a] = x
        lastRow[p] = row
      },
    },
    { name },
  )
  for (let p = 0; p < nPositions; p++) {
    let sum = 0
    for (let a = 0; a < nActions; a++) sum += probabilities[p * nActions + a]
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new CsvError(
        name,
        lastRow[p] || 1,
        "probability",
        `probabilities at position ${p} sum to ${sum}, must sum to 1 over items`,
      )
    }
  }
  return new ContextFreeTarget(name, nActions, nPositions, probabilities)
}

/**
 * Freezes a context-free `Policy` (e.g. a bandit of src/bandits after training) into a
 * `ContextFreeTarget`: its `probabilities(undefined)` computed once and used at every position.
 * Cheaper than `PolicyTarget` for policies whose propensities are Monte Carlo estimates
 * (Thompson sampling), which would otherwise be recomputed for every round.
 * @example contextFreeTargetFromPolicy(trainedThompson, 3)
 */
export function contextFreeTargetFromPolicy(
  policy: Policy<undefined> | Policy<unknown>,
  nPositions: number,
): ContextFreeTarget {
  const p = policy.probabilities(undefined)
  const probabilities = new Float64Array(nPositions * p.length)
  for (let pos = 0; pos < nPositions; pos++) probabilities.set(p, pos * p.length)
  return new ContextFreeTarget(policy.name, p.length, nPositions, probabilities)
}
