import type { Rng } from "../random/rng"
import { bernoulli } from "../random/discrete"
import { randomInt } from "../random/uniform"
import type { EventLog } from "../schema/event-log"
import type { World } from "../world/world"
import type { TabularFeatures } from "./tabular-features"
import type { InputGroup } from "./multi-input-mlp"

/** A click-prediction data set drawn from the synthetic world, with the ground truth kept. */
export interface ClickDataset {
  /** Features: user columns, then item, context and the user×item match column (see `groups`). */
  x: TabularFeatures
  /** Simulated clicks (0/1). */
  y: Uint8Array
  /** The world's P(click) for each row: the best any model could predict. */
  trueProbability: Float64Array
  /** Column groups for {@link MultiInputMlp} (units are suggestions). */
  groups: InputGroup[]
  user: Int32Array
  item: Int32Array
}

/**
 * Impressions with observable features and simulated clicks: user u uniform, item uniform (an
 * exploration log, so the labels are not confounded by a ranking policy), a context from
 * `world.sampleContext` on the day after `history` ends, a uniform slate position; the label is
 * Bernoulli(world.clickProbability(u, i, context, position)).
 * Features use only what a platform observes in `history` (never the latent truth): the user's
 * smoothed click share per category and activity, the item's category, log price, view count and
 * smoothed CTR, the context (hour on the circle, weekend, device, position), and the user's click
 * share of the item's category.
 * @example const data = clickDataset(world, simulateEvents(world).events, 20000, createRng(1, 3))
 */
export function clickDataset(world: World, history: EventLog, impressions: number, rng: Rng): ClickDataset {
  if (!Number.isInteger(impressions) || impressions < 1)
    throw new Error(`clickDataset: impressions must be a positive integer, got ${impressions}`)
  const nc = world.nCategories
  const nu = world.nUsers
  const ni = world.nItems
  const userClicks = new Float64Array(nu * nc)
  const userViews = new Float64Array(nu)
  const userClickTotal = new Float64Array(nu)
  const itemViews = new Float64Array(ni)
  const itemClicks = new Float64Array(ni)
  let views = 0
  let clicks = 0
  for (let e = 0; e < history.length; e++) {
    const u = history.user[e]
    const i = history.item[e]
    if (u < 0 || u >= nu || i < 0 || i >= ni) continue
    if (history.type[e] === 0) {
      userViews[u]++
      itemViews[i]++
      views++
    } else if (history.type[e] === 1) {
      userClicks[u * nc + world.catalog.category[i]]++
      userClickTotal[u]++
      itemClicks[i]++
      clicks++
    }
  }
  const globalCtr = views > 0 ? clicks / views : 0.05
  const userCols = nc + 3
  const itemCols = nc + 3
  const contextCols = 7
  const cols = userCols + itemCols + contextCols + 1
  const data = new Float32Array(impressions * cols)
  const y = new Uint8Array(impressions)
  const truth = new Float64Array(impressions)
  const users = new Int32Array(impressions)
  const items = new Int32Array(impressions)
  const day = world.config.days
  for (let r = 0; r < impressions; r++) {
    const u = randomInt(rng, nu)
    const i = randomInt(rng, ni)
    const context = world.sampleContext(u, day, rng)
    const position = randomInt(rng, world.config.slateSize)
    const p = world.clickProbability(u, i, context, position)
    users[r] = u
    items[r] = i
    truth[r] = p
    y[r] = bernoulli(rng, p)
    const c = world.catalog.category[i]
    const row = r * cols
    // Click share per category, smoothed towards uniform by one pseudo-click per category.
    const denom = userClickTotal[u] + nc
    for (let k = 0; k < nc; k++) data[row + k] = (userClicks[u * nc + k] + 1) / denom
    data[row + nc] = Math.log1p(userViews[u])
    data[row + nc + 1] = Math.log1p(userClickTotal[u])
    data[row + nc + 2] = (userClickTotal[u] + 20 * globalCtr) / (userViews[u] + 20)
    const it = row + userCols
    data[it + c] = 1
    data[it + nc] = Math.log(world.catalog.price[i])
    data[it + nc + 1] = Math.log1p(itemViews[i])
    data[it + nc + 2] = (itemClicks[i] + 20 * globalCtr) / (itemViews[i] + 20)
    const cx = it + itemCols
    data[cx] = Math.sin((2 * Math.PI * context.hour) / 24)
    data[cx + 1] = Math.cos((2 * Math.PI * context.hour) / 24)
    data[cx + 2] = context.weekday >= 5 ? 1 : 0
    data[cx + 3 + context.device] = 1
    data[cx + 6] = position
    data[cx + contextCols] = (userClicks[u * nc + c] + 1) / denom
  }
  const names = [
    ...world.categories.map((k) => `user share ${k.en}`),
    "user log views",
    "user log clicks",
    "user ctr",
    ...world.categories.map((k) => `item is ${k.en}`),
    "item log price",
    "item log views",
    "item ctr",
    "hour sin",
    "hour cos",
    "weekend",
    "device mobile",
    "device desktop",
    "device tablet",
    "position",
    "user share of item category",
  ]
  return {
    x: { data, rows: impressions, cols, names },
    y,
    trueProbability: truth,
    groups: [
      { name: "user", cols: userCols, units: 32 },
      { name: "item", cols: itemCols, units: 32 },
      { name: "context", cols: contextCols, units: 16 },
      { name: "match", cols: 1, units: 4 },
    ],
    user: users,
    item: items,
  }
}
