import type { EventLog } from "../schema/event-log"
import { checkSequenceExamples, type SequenceExamples } from "./sequence-dataset"

/**
 * Next-few-categories examples: `inputs` holds `window` token ids per row (category + 1, 0 = padding
 * on the left), `targets` the categories (0-based) of the `horizon` clicks that follow, row-major
 * rows × horizon. The input window never contains a target.
 */
export interface MultiStepExamples {
  inputs: Int32Array
  targets: Int32Array
  /** The user of each row. */
  user: Int32Array
  rows: number
  window: number
  horizon: number
  nCategories: number
}

/**
 * Splits every user's chronological click categories c_1..c_T into (window → next `horizon` clicks)
 * examples. The test row of a user predicts the last `horizon` clicks c_{T−h+1..T} from the up-to-
 * `window` clicks before them; the training rows are every earlier cut whose targets all lie before
 * the test targets, so nothing of the test targets is trained on. Users with fewer than horizon + 1
 * clicks give no test row.
 * @throws if window or horizon is not a positive integer
 * @example const { train, test } = nextCategoriesExamples(log.events, world.catalog.category, world.nCategories, 8, 3)
 */
export function nextCategoriesExamples(
  events: EventLog,
  itemCategory: Int32Array,
  nCategories: number,
  window: number,
  horizon: number,
): { train: MultiStepExamples; test: MultiStepExamples } {
  for (const [key, v] of [
    ["window", window],
    ["horizon", horizon],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`nextCategoriesExamples: ${key} must be a positive integer, got ${v}`)
  const byUser = new Map<number, number[]>()
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] !== 1 || events.user[e] < 0) continue
    let list = byUser.get(events.user[e])
    if (list === undefined) byUser.set(events.user[e], (list = []))
    list.push(itemCategory[events.item[e]])
  }
  const train: [number, number[], number[]][] = []
  const test: [number, number[], number[]][] = []
  for (const [u, seq] of [...byUser.entries()].sort((a, b) => a[0] - b[0])) {
    const cut = seq.length - horizon
    if (cut < 1) continue
    for (let t = 1; t + horizon <= cut; t++)
      train.push([u, seq.slice(Math.max(0, t - window), t), seq.slice(t, t + horizon)])
    test.push([u, seq.slice(Math.max(0, cut - window), cut), seq.slice(cut)])
  }
  const pack = (rows: [number, number[], number[]][]): MultiStepExamples => {
    const inputs = new Int32Array(rows.length * window)
    const targets = new Int32Array(rows.length * horizon)
    const user = new Int32Array(rows.length)
    rows.forEach(([u, past, next], r) => {
      past.forEach((c, k) => (inputs[r * window + window - past.length + k] = c + 1))
      targets.set(next, r * horizon)
      user[r] = u
    })
    return { inputs, targets, user, rows: rows.length, window, horizon, nCategories }
  }
  return { train: pack(train), test: pack(test) }
}

/**
 * The single-step view of multi-step examples: the same windows with only the first target, for
 * training the next-category models on exactly the windows a sequence-to-sequence model sees.
 * @example const single = firstStepExamples(train) // NextCategoryModel.fit(single)
 */
export function firstStepExamples(x: MultiStepExamples): SequenceExamples {
  const targets = new Int32Array(x.rows)
  for (let r = 0; r < x.rows; r++) targets[r] = x.targets[r * x.horizon]
  return { inputs: x.inputs, targets, user: x.user, rows: x.rows, window: x.window, nCategories: x.nCategories }
}

/**
 * Checks multi-step examples: the windows as {@link checkSequenceExamples} does, and rows × horizon
 * targets in 0..nCategories−1.
 * @throws Error naming `input`, the row and position, and the allowed range
 * @internal
 */
export function checkMultiStepExamples(x: MultiStepExamples, input: string): void {
  if (!Number.isInteger(x.horizon) || x.horizon < 1)
    throw new Error(`${input}: horizon must be a positive integer, got ${x.horizon}`)
  if (x.targets.length !== x.rows * x.horizon)
    throw new Error(`${input}: targets has ${x.targets.length} entries but rows × horizon = ${x.rows} × ${x.horizon}`)
  checkSequenceExamples(firstStepExamples(x), input)
  for (let k = 0; k < x.targets.length; k++) {
    const t = x.targets[k]
    if (!(t >= 0 && t < x.nCategories))
      throw new Error(
        `${input}: target ${t} at row ${Math.floor(k / x.horizon)}, step ${k % x.horizon} is not a category (allowed 0..${x.nCategories - 1})`,
      )
  }
}
