import type { EventLog } from "../schema/event-log"

/**
 * Next-category examples: `inputs` holds `window` token ids per row (category + 1, 0 = padding on the
 * left), `targets` the category (0-based) of the NEXT click — the input window never contains it
 * (seed 004 §5 trained the LSTM to reproduce its own input).
 */
export interface SequenceExamples {
  inputs: Int32Array
  targets: Int32Array
  /** The user of each row. */
  user: Int32Array
  rows: number
  window: number
  /** Number of categories; token ids run 0..nCategories. */
  nCategories: number
}

/**
 * Splits every user's chronological click categories into next-category examples: each click after
 * the first is a target, the up-to-`window` clicks before it the input. The last example of each user
 * is the test set (predict the most recent click from the past), the others the training set.
 * @example const { train, test } = nextCategoryExamples(log.events, world.catalog.category, world.nCategories, 8)
 */
export function nextCategoryExamples(
  events: EventLog,
  itemCategory: Int32Array,
  nCategories: number,
  window: number,
): { train: SequenceExamples; test: SequenceExamples } {
  if (!Number.isInteger(window) || window < 1)
    throw new Error(`nextCategoryExamples: window must be a positive integer, got ${window}`)
  const byUser = new Map<number, number[]>()
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] !== 1 || events.user[e] < 0) continue
    const c = itemCategory[events.item[e]]
    let list = byUser.get(events.user[e])
    if (list === undefined) byUser.set(events.user[e], (list = []))
    list.push(c)
  }
  const trainRows: [number, number[], number][] = []
  const testRows: [number, number[], number][] = []
  for (const [u, seq] of [...byUser.entries()].sort((a, b) => a[0] - b[0])) {
    for (let t = 1; t < seq.length; t++) {
      const row: [number, number[], number] = [u, seq.slice(Math.max(0, t - window), t), seq[t]]
      if (t === seq.length - 1) testRows.push(row)
      else trainRows.push(row)
    }
  }
  const pack = (rows: [number, number[], number][]): SequenceExamples => {
    const inputs = new Int32Array(rows.length * window)
    const targets = new Int32Array(rows.length)
    const user = new Int32Array(rows.length)
    rows.forEach(([u, past, next], r) => {
      past.forEach((c, k) => (inputs[r * window + window - past.length + k] = c + 1))
      targets[r] = next
      user[r] = u
    })
    return { inputs, targets, user, rows: rows.length, window, nCategories }
  }
  return { train: pack(trainRows), test: pack(testRows) }
}

/**
 * Checks token windows: `inputs.length` = rows × window, ids in 0..nCategories (0 = padding), at least
 * one non-padding token per row, targets in 0..nCategories−1.
 * @throws Error naming `input`, the row, the position and the allowed range
 * @internal
 */
export function checkSequenceExamples(x: SequenceExamples, input: string): void {
  if (x.rows === 0) throw new Error(`${input}: no sequences (empty input)`)
  if (x.inputs.length !== x.rows * x.window)
    throw new Error(`${input}: inputs has ${x.inputs.length} ids but rows × window = ${x.rows} × ${x.window}`)
  for (let r = 0; r < x.rows; r++) {
    let tokens = 0
    for (let k = 0; k < x.window; k++) {
      const id = x.inputs[r * x.window + k]
      if (!(id >= 0 && id <= x.nCategories))
        throw new Error(
          `${input}: unknown token id ${id} at row ${r}, position ${k} (allowed 0..${x.nCategories}, 0 = padding)`,
        )
      if (id > 0) tokens++
    }
    if (tokens === 0) throw new Error(`${input}: row ${r} is an empty sequence (padding only)`)
  }
  if (x.targets.length !== x.rows)
    throw new Error(`${input}: targets has ${x.targets.length} entries but there are ${x.rows} rows`)
  for (let r = 0; r < x.rows; r++) {
    const t = x.targets[r]
    if (!(t >= 0 && t < x.nCategories))
      throw new Error(`${input}: target ${t} at row ${r} is not a category (allowed 0..${x.nCategories - 1})`)
  }
}
