import type { EventLog } from "../schema/event-log"
import { checkSequenceExamples } from "./sequence-dataset"

/**
 * Multi-label interest-tag examples: `inputs` holds `window` token ids per row (category + 1, 0 =
 * padding on the left), `labels` a rows × nCategories 0/1 matrix of the categories the user clicked
 * in the `horizon` clicks that FOLLOW the window (observable in any log: no ground truth is used).
 */
export interface TagExamples {
  inputs: Int32Array
  /** Row-major rows × nCategories, 1 where the category occurs among the next clicks (empty for query rows). */
  labels: Float32Array
  user: Int32Array
  rows: number
  window: number
  nCategories: number
}

/** Options of {@link interestTagExamples} (defaults in brackets). */
export interface TagExampleOptions {
  /** Clicks in the input window [20]. */
  window?: number
  /** Clicks after the cut whose categories are the labels [10]. */
  horizon?: number
  /** Distance between consecutive cut points of one user [1]. */
  stride?: number
}

function userClickCategories(events: EventLog, itemCategory: ArrayLike<number>): Map<number, number[]> {
  const byUser = new Map<number, number[]>()
  for (let e = 0; e < events.length; e++) {
    if (events.type[e] !== 1 || events.user[e] < 0) continue
    let list = byUser.get(events.user[e])
    if (list === undefined) byUser.set(events.user[e], (list = []))
    list.push(itemCategory[events.item[e]])
  }
  return byUser
}

/**
 * Training rows and one query row per user for interest-tag generation from behaviour. Each user's
 * chronological click categories c_1..c_T are cut at t = 1, 1 + stride, … ≤ T − 1: the input is
 * c_{t−window+1..t}, the labels the set {c_{t+1}, …, c_{t+horizon}}. The query row (`latest`) holds the
 * last `window` clicks of the whole history: the behaviour the tags are generated from, evaluated
 * against the world's true interests at the end of the log.
 * @example const { train, latest } = interestTagExamples(log.events, world.catalog.category, world.nCategories, { window: 20 })
 */
export function interestTagExamples(
  events: EventLog,
  itemCategory: ArrayLike<number>,
  nCategories: number,
  options: TagExampleOptions = {},
): { train: TagExamples; latest: TagExamples } {
  const window = options.window ?? 20
  const horizon = options.horizon ?? 10
  const stride = options.stride ?? 1
  for (const [name, v] of [
    ["window", window],
    ["horizon", horizon],
    ["stride", stride],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`interestTagExamples: ${name} must be a positive integer, got ${v}`)
  }
  if (!Number.isInteger(nCategories) || nCategories < 2)
    throw new Error(`interestTagExamples: nCategories must be an integer ≥ 2, got ${nCategories}`)
  const byUser = [...userClickCategories(events, itemCategory).entries()].sort((a, b) => a[0] - b[0])
  const trainRows: [number, number[], number[]][] = []
  const latestRows: [number, number[], number[]][] = []
  for (const [u, seq] of byUser) {
    for (const c of seq)
      if (!(Number.isInteger(c) && c >= 0 && c < nCategories))
        throw new Error(
          `interestTagExamples: user ${u} clicked an item of category ${c}; allowed 0..${nCategories - 1}`,
        )
    for (let t = 1; t < seq.length; t += stride)
      trainRows.push([u, seq.slice(Math.max(0, t - window), t), seq.slice(t, t + horizon)])
    latestRows.push([u, seq.slice(Math.max(0, seq.length - window)), []])
  }
  const pack = (rows: [number, number[], number[]][]): TagExamples => {
    const inputs = new Int32Array(rows.length * window)
    const labels = new Float32Array(rows.length * nCategories)
    const user = new Int32Array(rows.length)
    rows.forEach(([u, past, next], r) => {
      past.forEach((c, k) => (inputs[r * window + window - past.length + k] = c + 1))
      for (const c of next) labels[r * nCategories + c] = 1
      user[r] = u
    })
    return { inputs, labels, user, rows: rows.length, window, nCategories }
  }
  return { train: pack(trainRows), latest: pack(latestRows) }
}

/**
 * Checks tag examples: the token windows as {@link checkSequenceExamples} does, and (when `withLabels`)
 * a rows × nCategories label matrix of 0/1 values.
 * @throws Error naming `input`, the row and what is allowed
 * @internal
 */
export function checkTagExamples(x: TagExamples, input: string, withLabels: boolean): void {
  checkSequenceExamples({ ...x, targets: new Int32Array(x.rows) }, input)
  if (!withLabels) return
  if (x.labels.length !== x.rows * x.nCategories)
    throw new Error(
      `${input}: labels has ${x.labels.length} values but rows × nCategories = ${x.rows} × ${x.nCategories}`,
    )
  for (let i = 0; i < x.labels.length; i++) {
    if (x.labels[i] !== 0 && x.labels[i] !== 1)
      throw new Error(
        `${input}: label ${x.labels[i]} at row ${Math.floor(i / x.nCategories)}, category ${i % x.nCategories}; labels must be 0 or 1`,
      )
  }
}

/**
 * The frequency baseline's scores: each user's click count per category over the whole history
 * (rows follow `users`), plus 10⁻³ × the category's share of all clicks, so ties (a user with few
 * clicks) go to the globally more clicked category and never overturn a difference of one click.
 * @example const scores = categoryClickScores(log.events, world.catalog.category, world.nCategories, latest.user)
 */
export function categoryClickScores(
  events: EventLog,
  itemCategory: ArrayLike<number>,
  nCategories: number,
  users: ArrayLike<number>,
): Float32Array {
  const byUser = userClickCategories(events, itemCategory)
  const global = new Float64Array(nCategories)
  let total = 0
  for (const seq of byUser.values())
    for (const c of seq) {
      if (!(c >= 0 && c < nCategories))
        throw new Error(`categoryClickScores: an item of category ${c} was clicked; allowed 0..${nCategories - 1}`)
      global[c]++
      total++
    }
  const out = new Float32Array(users.length * nCategories)
  for (let r = 0; r < users.length; r++) {
    const row = r * nCategories
    for (let c = 0; c < nCategories; c++) out[row + c] = total > 0 ? (1e-3 * global[c]) / total : 0
    for (const c of byUser.get(users[r]) ?? []) out[row + c]++
  }
  return out
}
