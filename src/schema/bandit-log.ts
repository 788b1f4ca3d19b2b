import { MIN_PROPENSITY } from "./bandit-log-fields"

/**
 * Logged bandit feedback: the data contract of off-policy evaluation.
 *
 * Glossary (used throughout src/evaluation and src/data):
 * - round: one impression, one row of a log, index i in [0, n);
 * - context xᵢ: what the logging policy saw (numeric features and categorical codes);
 * - action aᵢ: the item shown, an integer in [0, nActions);
 * - position: the slot of the slate the item was shown in, 0-based in [0, nPositions)
 *   (the Open Bandit Dataset's 1, 2, 3 become 0, 1, 2);
 * - reward rᵢ: the outcome (a click: 0 or 1);
 * - propensity pᵢ = π₀(aᵢ | xᵢ, positionᵢ): the logging policy's probability of showing aᵢ at
 *   that position, in (0, 1].
 *
 * Shapes (n = length):
 * - `action`, `position`: Int32Array (n)
 * - `reward`, `propensity`: Float64Array (n)
 * - `context`: Float64Array (n × nFeatures), row-major: feature j of round i at i·nFeatures + j
 * - `categorical`: Int32Array (n × categoricalNames.length), row-major level codes into
 *   `categoricalLevels[j]`
 */
export interface BanditLog {
  readonly length: number
  readonly nActions: number
  readonly nPositions: number
  readonly action: Int32Array
  readonly position: Int32Array
  readonly reward: Float64Array
  readonly propensity: Float64Array
  readonly featureNames: readonly string[]
  readonly context: Float64Array
  readonly categoricalNames: readonly string[]
  readonly categorical: Int32Array
  readonly categoricalLevels: readonly (readonly string[])[]
  /** Where the log came from (a file path or a generator's description). */
  readonly source: string
  /**
   * The file's own id of each action, when they were not already 0, 1, 2, …: action a of the log
   * is item `actionIds[a]` of the file (see `loadBanditCsv`). Absent when ids and indices agree.
   */
  readonly actionIds?: readonly number[]
}

/**
 * One round as a loader streams it. The object and its arrays are reused between rounds: copy
 * what you keep (or use `BanditLogBuilder`).
 */
export interface BanditRound {
  action: number
  position: number
  reward: number
  propensity: number
  /** numeric context features, length = featureNames.length */
  readonly context: Float64Array
  /** categorical level codes, length = categoricalNames.length */
  readonly categorical: Int32Array
}

/** The fixed description of a streamed log, known once the header is read. */
export interface BanditLogSchema {
  nActions: number
  nPositions: number
  featureNames: string[]
  categoricalNames: string[]
  /** Levels seen so far for each categorical column (grows while streaming). */
  categoricalLevels: string[][]
  source: string
}

/**
 * Why round values are not a valid logged round, or undefined when they are: an action in
 * [0, nActions), a position in [0, nPositions), a finite reward and a propensity in
 * [MIN_PROPENSITY, 1] (0 would make the importance weight infinite).
 */
function roundProblem(
  action: number,
  position: number,
  reward: number,
  propensity: number,
  nActions: number,
  nPositions: number,
): string | undefined {
  if (!(Number.isInteger(action) && action >= 0 && action < nActions))
    return `action ${action} is not an integer in 0..${nActions - 1}`
  if (!(Number.isInteger(position) && position >= 0 && position < nPositions))
    return `position ${position} is not an integer in 0..${nPositions - 1}`
  if (!Number.isFinite(reward)) return `reward ${reward} is not a finite number`
  if (!(propensity >= MIN_PROPENSITY && propensity <= 1))
    return `propensity ${propensity} is not in [${MIN_PROPENSITY}, 1] (it must be > 0 and not denormal)`
  return undefined
}

/**
 * Checks every round of a log (see `BanditLogBuilder.push` for the rules), so that no estimator
 * returns Infinity or NaN from a propensity of 0 or an action outside the log's range.
 * @throws Error naming the log's source, the 0-based round and the bad value
 * @example checkBanditLog(log) // throws "log.csv: round 3: propensity 0 is not in …"
 */
export function checkBanditLog(log: BanditLog): void {
  for (let i = 0; i < log.length; i++) {
    const problem = roundProblem(
      log.action[i],
      log.position[i],
      log.reward[i],
      log.propensity[i],
      log.nActions,
      log.nPositions,
    )
    if (problem !== undefined) throw new Error(`${log.source}: round ${i}: ${problem}`)
  }
}

/**
 * Collects streamed rounds into a `BanditLog`, growing typed arrays geometrically (amortised
 * O(1) per round, no allocation per round).
 * @example const b = new BanditLogBuilder(); await readBanditCsv(path, {}, (round, schema) => b.push(round, schema)); const log = b.build()
 */
export class BanditLogBuilder {
  private n = 0
  private capacity = 0
  private action = new Int32Array(0)
  private position = new Int32Array(0)
  private reward = new Float64Array(0)
  private propensity = new Float64Array(0)
  private context = new Float64Array(0)
  private categorical = new Int32Array(0)
  private schema: BanditLogSchema | undefined

  /**
   * @param options.unknownPropensities accept NaN propensities: a log without a propensity column
   * whose propensities the caller estimates afterwards (see `withEstimatedPropensities`)
   */
  constructor(private readonly options: { unknownPropensities?: boolean } = {}) {}

  /**
   * Appends a copy of `round`.
   * @throws Error when the round is invalid: an action outside [0, schema.nActions), a position
   * outside [0, schema.nPositions), a reward that is not finite, or a propensity not in
   * [MIN_PROPENSITY, 1] (0, negative, denormal or above 1)
   */
  push(round: BanditRound, schema: BanditLogSchema): void {
    const propensity = this.options.unknownPropensities && Number.isNaN(round.propensity) ? 1 : round.propensity
    const problem = roundProblem(
      round.action,
      round.position,
      round.reward,
      propensity,
      schema.nActions,
      schema.nPositions,
    )
    if (problem !== undefined) throw new Error(`BanditLogBuilder.push: round ${this.n} of ${schema.source}: ${problem}`)
    this.schema = schema
    const d = round.context.length
    const c = round.categorical.length
    if (this.n === this.capacity) this.grow(Math.max(1024, this.capacity * 2), d, c)
    const i = this.n++
    this.action[i] = round.action
    this.position[i] = round.position
    this.reward[i] = round.reward
    this.propensity[i] = round.propensity
    if (d > 0) this.context.set(round.context, i * d)
    if (c > 0) this.categorical.set(round.categorical, i * c)
  }

  private grow(capacity: number, d: number, c: number): void {
    const copy = <T extends Int32Array | Float64Array>(old: T, make: (k: number) => T, width: number): T => {
      const next = make(capacity * width)
      next.set(old.subarray(0, this.n * width) as never)
      return next
    }
    this.action = copy(this.action, (k) => new Int32Array(k), 1)
    this.position = copy(this.position, (k) => new Int32Array(k), 1)
    this.reward = copy(this.reward, (k) => new Float64Array(k), 1)
    this.propensity = copy(this.propensity, (k) => new Float64Array(k), 1)
    this.context = copy(this.context, (k) => new Float64Array(k), d)
    this.categorical = copy(this.categorical, (k) => new Int32Array(k), c)
    this.capacity = capacity
  }

  /** The collected log (arrays trimmed to length). */
  build(): BanditLog {
    const schema = this.schema
    if (schema === undefined) throw new Error("BanditLogBuilder.build: no round was pushed (the log is empty)")
    const n = this.n
    const d = schema.featureNames.length
    const c = schema.categoricalNames.length
    return {
      length: n,
      nActions: schema.nActions,
      nPositions: schema.nPositions,
      action: this.action.slice(0, n),
      position: this.position.slice(0, n),
      reward: this.reward.slice(0, n),
      propensity: this.propensity.slice(0, n),
      featureNames: schema.featureNames.slice(),
      context: this.context.slice(0, n * d),
      categoricalNames: schema.categoricalNames.slice(),
      categorical: this.categorical.slice(0, n * c),
      categoricalLevels: schema.categoricalLevels.map((levels) => levels.slice()),
      source: schema.source,
    }
  }
}

/**
 * Rounds [start, end) of a log as a new log (copies), e.g. to learn a policy on the first half
 * and evaluate it on the second.
 * @example const [train, test] = [sliceBanditLog(log, 0, log.length >> 1), sliceBanditLog(log, log.length >> 1, log.length)]
 */
export function sliceBanditLog(log: BanditLog, start: number, end: number): BanditLog {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > log.length || start >= end) {
    throw new Error(
      `sliceBanditLog: need integers 0 <= start < end <= ${log.length}, got start = ${start}, end = ${end}`,
    )
  }
  const d = log.featureNames.length
  const c = log.categoricalNames.length
  return {
    ...log,
    length: end - start,
    action: log.action.slice(start, end),
    position: log.position.slice(start, end),
    reward: log.reward.slice(start, end),
    propensity: log.propensity.slice(start, end),
    context: log.context.slice(start * d, end * d),
    categorical: log.categorical.slice(start * c, end * c),
    source: `${log.source}[${start}:${end}]`,
  }
}

/**
 * The empirical mean reward of a log: the on-policy value of the policy that produced it.
 * @example meanReward(await loadOpenBanditLog("data/open-bandit-dataset", "bts", "men")) // 0.0069
 */
export function meanReward(log: BanditLog): number {
  if (log.length === 0) throw new Error("meanReward: the log is empty")
  let s = 0
  for (let i = 0; i < log.length; i++) s += log.reward[i]
  return s / log.length
}

/**
 * The rounds of several logs of the same problem, one after another (e.g. the logs of several
 * logging policies, pooled). Numeric features must agree by name and order; categorical columns
 * must agree by name, and their levels are merged (first seen first), so codes are remapped.
 * @example const pooled = concatBanditLogs([randomLog, btsLog])
 */
export function concatBanditLogs(logs: readonly BanditLog[]): BanditLog {
  if (logs.length === 0) throw new Error("concatBanditLogs: give at least one log")
  const first = logs[0]
  const d = first.featureNames.length
  const c = first.categoricalNames.length
  for (const log of logs) {
    const same = (a: readonly string[], b: readonly string[]): boolean =>
      a.length === b.length && a.every((x, i) => x === b[i])
    if (log.nActions !== first.nActions || log.nPositions !== first.nPositions)
      throw new Error(
        `concatBanditLogs: ${log.source} has ${log.nActions} actions × ${log.nPositions} positions, ${first.source} ${first.nActions} × ${first.nPositions}`,
      )
    if (!same(log.featureNames, first.featureNames) || !same(log.categoricalNames, first.categoricalNames))
      throw new Error(`concatBanditLogs: ${log.source} has other context columns than ${first.source}`)
  }
  const levels = first.categoricalNames.map(() => [] as string[])
  const codes = logs.map((log) =>
    log.categoricalLevels.map((ls, j) =>
      Int32Array.from(ls, (level) => {
        const at = levels[j].indexOf(level)
        return at >= 0 ? at : levels[j].push(level) - 1
      }),
    ),
  )
  const n = logs.reduce((s, log) => s + log.length, 0)
  const out = {
    action: new Int32Array(n),
    position: new Int32Array(n),
    reward: new Float64Array(n),
    propensity: new Float64Array(n),
    context: new Float64Array(n * d),
    categorical: new Int32Array(n * c),
  }
  let at = 0
  logs.forEach((log, k) => {
    out.action.set(log.action, at)
    out.position.set(log.position, at)
    out.reward.set(log.reward, at)
    out.propensity.set(log.propensity, at)
    out.context.set(log.context, at * d)
    for (let i = 0; i < log.length * c; i++) out.categorical[at * c + i] = codes[k][i % c][log.categorical[i]]
    at += log.length
  })
  const { actionIds } = first
  if (logs.some((log) => JSON.stringify(log.actionIds) !== JSON.stringify(actionIds)))
    throw new Error("concatBanditLogs: the logs number their actions differently")
  return {
    ...out,
    length: n,
    nActions: first.nActions,
    nPositions: first.nPositions,
    featureNames: first.featureNames,
    categoricalNames: first.categoricalNames,
    categoricalLevels: levels,
    source: logs.map((log) => log.source).join(" + "),
    ...(actionIds ? { actionIds } : {}),
  }
}
