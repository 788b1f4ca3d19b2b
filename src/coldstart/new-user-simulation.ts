import type { Policy } from "../bandits/policy"
import type { Rng } from "../random/rng"
import { createRng } from "../random/rng"
import type { World } from "../world/world"

/**
 * How a new user's next category is chosen: `popular` always shows the category with the most
 * clicks overall; `first-click` (content-based from a first interaction) shows popular categories
 * until the user's first click and from then on that click's category; `oracle` knows the user's
 * true top category (an upper bound); `policy` runs a fresh bandit over categories per user.
 */
export type NewUserStrategy =
  | { name: string; kind: "popular" | "first-click" | "oracle" }
  | { name: string; kind: "policy"; make: (user: number) => Policy<unknown> }

/** Options of `simulateNewUsers`. */
export interface NewUserOptions {
  /** The users treated as new (no history is used for them). */
  users: ArrayLike<number>
  /** Recommendations per user. */
  steps: number
  /** The day on which the users arrive (their interests at that time count). */
  day: number
  /** Clicks per category observed on the warm users: defines the popularity order. */
  categoryClicks: ArrayLike<number>
}

/** Click rate per step, averaged over the new users, for each strategy. */
export interface NewUserCurve {
  name: string
  /** clickRate[t] = mean click at step t. */
  clickRate: Float64Array
  /** Mean clicks per user over all steps. */
  totalClicks: number
}

/**
 * Plays each strategy for each new user for `steps` single-item recommendations: the category is
 * chosen by the strategy, the item is the category's most popular one, shown at the top, and the
 * click is drawn from the world's ground-truth `clickProbability`. Every strategy sees the same
 * contexts and the same uniform draws per user (common random numbers), so differences are not
 * luck of the draw.
 * @throws if steps is not a positive integer or a user is out of range
 * @example simulateNewUsers(world, { users, steps: 30, day: 25, categoryClicks }, [{ name: "popular", kind: "popular" }], rng)
 */
export function simulateNewUsers(
  world: World,
  options: NewUserOptions,
  strategies: readonly NewUserStrategy[],
  rng: Rng,
): NewUserCurve[] {
  const { users, steps, day, categoryClicks } = options
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`simulateNewUsers: steps must be a positive integer, got ${steps}`)
  if (categoryClicks.length !== world.nCategories)
    throw new Error(
      `simulateNewUsers: categoryClicks must have ${world.nCategories} entries, got ${categoryClicks.length}`,
    )
  const nc = world.nCategories
  const bestItem = Int32Array.from(world.itemsByCategory, (items) => {
    let best = -1
    for (const i of items) if (best < 0 || world.catalog.popularity[i] > world.catalog.popularity[best]) best = i
    return best
  })
  const order = Array.from({ length: nc }, (_, c) => c)
    .filter((c) => bestItem[c] >= 0)
    .sort((a, b) => categoryClicks[b] - categoryClicks[a] || a - b)
  const curves = strategies.map((s) => ({ name: s.name, clickRate: new Float64Array(steps), totalClicks: 0 }))
  for (let k = 0; k < users.length; k++) {
    const u = users[k]
    const seed = rng.nextUint32()
    const top = world.trueTopCategories(u, nc, day).filter((c) => bestItem[c] >= 0)[0]
    strategies.forEach((s, si) => {
      const r = createRng(seed, 0)
      const policy = s.kind === "policy" ? s.make(u) : null
      let firstClick = -1
      for (let t = 0; t < steps; t++) {
        const ctx = world.sampleContext(u, day, r)
        const coin = r.next()
        const policyRng = createRng(seed, 1 + t)
        let c: number
        if (s.kind === "oracle") c = top
        else if (s.kind === "popular") c = order[0]
        else if (s.kind === "first-click") c = firstClick >= 0 ? firstClick : order[t % order.length]
        else c = (policy as Policy<unknown>).select(undefined, policyRng)
        const item = bestItem[c]
        const click = item >= 0 && coin < world.clickProbability(u, item, ctx, 0) ? 1 : 0
        if (policy) policy.update(c, click, undefined)
        if (click && firstClick < 0) firstClick = c
        curves[si].clickRate[t] += click / users.length
        curves[si].totalClicks += click / users.length
      }
    })
  }
  return curves
}
