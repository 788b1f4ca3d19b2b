import { positionExposure } from "../metrics/exposure"
import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { Context } from "../schema/world-types"
import type { World } from "../world/world"

/**
 * How a non-personalised ranker orders the listed items from what it has observed (clicks c_i over
 * impressions n_i, history included), with the estimated click rate
 *   p̂_i = (c_i + m·p₀) / (n_i + m),   p₀ = (C + 1) / (N + 2) the click rate of all impressions so far
 *   (C clicks over N impressions, Laplace-smoothed), m = `priorStrength`:
 * `popularity` by clicks c_i; `greedy` by p̂_i; `ucb` by p̂_i + c·√(ln(1 + T) / (1 + n_i)) (T all
 * impressions; Auer et al. 2002, as {@link withExplorationBonus}).
 */
export type ColdItemRanker = { name: string; kind: "popularity" | "greedy" } | { name: string; kind: "ucb"; c: number }

/** Options of {@link simulateColdItems}. */
export interface ColdItemOptions {
  /** Visitors are drawn uniformly from these users. */
  users: ArrayLike<number>
  /** Requests to serve. */
  steps: number
  /** Items shown per request (positions 0..slate−1). */
  slate: number
  /** The day whose interests and contexts the visitors have. */
  day: number
  /** The step at which each item is listed (0: from the start); items with arrival > 0 are the cold ones. */
  arrival: ArrayLike<number>
  /** Impressions and clicks of each item before the run, in the run's units (top-`slate` impressions) [none]. */
  history?: { impressions: ArrayLike<number>; clicks: ArrayLike<number> }
  /** Pseudo-impressions m of the prior at the overall click rate p₀ [20]. */
  priorStrength?: number
}

/** What one ranker did to the cold items. */
export interface ColdItemCurve {
  name: string
  /** Share of each step's position exposure (1/log₂(r + 2) at rank r) that went to cold items. */
  coldExposureShare: Float64Array
  /** Impressions of every item during the run. */
  impressions: Float64Array
  /** Clicks per request over the run. */
  clickRate: number
  /** Cold items never shown. */
  coldNeverShown: number
}

/**
 * New items entering a catalogue under non-personalised rankers: at each step a visitor drawn from
 * `users` arrives in a sampled context, the ranker shows the top `slate` listed items, and each
 * position is clicked with the world's ground-truth probability (examination × attraction). Counts
 * update after every step. Every ranker sees the same visitors, contexts and click coins (common
 * random numbers). Measures how much exposure cold items
 * get (Singh & Joachims 2018 position exposure), which is what decides whether they ever collect
 * the clicks that would let a greedy ranker learn they are good.
 * @throws on bad sizes or an arrival outside [0, steps)
 * @example simulateColdItems(world, { users, steps: 4000, slate: 5, day: 25, arrival }, [{ name: "greedy", kind: "greedy" }], rng)
 */
export function simulateColdItems(
  world: World,
  options: ColdItemOptions,
  rankers: readonly ColdItemRanker[],
  rng: Rng,
): ColdItemCurve[] {
  const { users, steps, slate, day, arrival } = options
  const historyImpressions = options.history?.impressions ?? new Float64Array(world.nItems)
  const historyClicks = options.history?.clicks ?? new Float64Array(world.nItems)
  const m = options.priorStrength ?? 20
  const n = world.nItems
  for (const [key, v] of [
    ["steps", steps],
    ["slate", slate],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new Error(`simulateColdItems: ${key} must be a positive integer, got ${v}`)
  if (!(m > 0)) throw new Error(`simulateColdItems: priorStrength must be > 0, got ${m}`)
  if (users.length === 0) throw new Error("simulateColdItems: users must not be empty")
  for (const [key, a] of [
    ["arrival", arrival],
    ["history.impressions", historyImpressions],
    ["history.clicks", historyClicks],
  ] as const)
    if (a.length !== n) throw new Error(`simulateColdItems: ${key} has ${a.length} entries, the world ${n} items`)
  let warm = 0
  let hImp = 0
  let hClk = 0
  for (let i = 0; i < n; i++) {
    if (!(Number.isInteger(arrival[i]) && arrival[i] >= 0 && arrival[i] < steps))
      throw new Error(`simulateColdItems: arrival of item ${i} is ${arrival[i]}, allowed integers in [0, ${steps})`)
    if (arrival[i] === 0) warm++
    hImp += historyImpressions[i]
    hClk += historyClicks[i]
  }
  if (warm < slate) throw new Error(`simulateColdItems: ${warm} items listed at step 0, fewer than the slate ${slate}`)
  // Common random numbers: the visitors, contexts and click coins of every step, drawn once.
  const visitor = Int32Array.from({ length: steps }, () => users[randomInt(rng, users.length)])
  const contexts: Context[] = Array.from(visitor, (u) => world.sampleContext(u, day, rng))
  const coins = Float64Array.from({ length: steps * slate }, () => rng.next())
  const weights = positionExposure(slate)
  let weightTotal = 0
  for (const w of weights) weightTotal += w
  const imp = new Float64Array(n)
  const clk = new Float64Array(n)
  const score = new Float64Array(n)
  const shown = new Int32Array(slate)
  const bonus = rankers.map((r) => (r.kind === "ucb" ? r.c : 0))
  rankers.forEach((r, k) => {
    if (!(Number.isFinite(bonus[k]) && bonus[k] >= 0))
      throw new Error(`simulateColdItems: ranker ${r.name}: c must be a finite number >= 0, got ${bonus[k]}`)
  })
  return rankers.map((ranker, k) => {
    const c = bonus[k]
    const runImp = new Float64Array(n)
    const share = new Float64Array(steps)
    let clicks = 0
    for (let i = 0; i < n; i++) {
      imp[i] = historyImpressions[i]
      clk[i] = historyClicks[i]
    }
    let total = hImp
    let totalClicks = hClk
    for (let t = 0; t < steps; t++) {
      const logT = Math.log(1 + total)
      const p0 = (totalClicks + 1) / (total + 2)
      for (let i = 0; i < n; i++) {
        if (arrival[i] > t) {
          score[i] = -Infinity
          continue
        }
        score[i] =
          ranker.kind === "popularity" ? clk[i] : (clk[i] + m * p0) / (imp[i] + m) + c * Math.sqrt(logT / (1 + imp[i]))
      }
      topK(score, shown)
      const u = visitor[t]
      for (let p = 0; p < slate; p++) {
        const i = shown[p]
        if (arrival[i] > 0) share[t] += weights[p] / weightTotal
        const click = coins[t * slate + p] < world.clickProbability(u, i, contexts[t], p) ? 1 : 0
        imp[i]++
        runImp[i]++
        clk[i] += click
        clicks += click
        totalClicks += click
      }
      total += slate
    }
    let never = 0
    for (let i = 0; i < n; i++) if (arrival[i] > 0 && runImp[i] === 0) never++
    return {
      name: ranker.name,
      coldExposureShare: share,
      impressions: runImp,
      clickRate: clicks / steps,
      coldNeverShown: never,
    }
  })
}

/** The indices of the `out.length` largest scores, best first (ties to the smaller index). */
function topK(score: Float64Array, out: Int32Array): void {
  const k = out.length
  out.fill(-1)
  for (let i = 0; i < score.length; i++) {
    if (score[i] === -Infinity) continue
    let p = k
    while (p > 0 && (out[p - 1] < 0 || score[i] > score[out[p - 1]])) p--
    if (p === k) continue
    for (let q = k - 1; q > p; q--) out[q] = out[q - 1]
    out[p] = i
  }
}
