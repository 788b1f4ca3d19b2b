import type { Rng } from "../random/rng"
import type { World } from "../world/world"

/** A simulated display campaign for one item. */
export interface CampaignOptions {
  /** The advertised item. */
  item: number
  /** Number of users who see the ad (the budget in impressions). */
  impressions: number
  /** Price paid per impression (CPM / 1000). */
  costPerImpression: number
  /** Day the campaign runs (the users' interests at that time count). */
  day: number
}

/** The outcome of a campaign. */
export interface CampaignResult {
  spend: number
  revenue: number
  /** Return on ad spend: revenue / spend. */
  roas: number
  clicks: number
  purchases: number
  /** Expected revenue under the world's ground truth for the chosen users (no sampling noise). */
  expectedRevenue: number
  /** expectedRevenue / spend: the ROAS without the luck of the draw. */
  expectedRoas: number
}

/**
 * Places an ad for `item` with the `impressions` users that `targeting` scores highest (ties to the
 * smaller user id), shows it at the top slot, and draws click and purchase from the world's ground
 * truth (clickProbability × purchaseProbability, revenue = the item's price per purchase).
 * ROAS = revenue / (impressions × costPerImpression). With the same `rng` seed, two targeting
 * rules see the same contexts per user rank, so their ROAS differ by targeting, not luck.
 * @throws if impressions exceeds the users or the costs are not positive
 * @example runCampaign(world, { item: 3, impressions: 200, costPerImpression: 0.5, day: 20 }, (u) => profile[u], rng)
 */
export function runCampaign(
  world: World,
  options: CampaignOptions,
  targeting: (user: number) => number,
  rng: Rng,
): CampaignResult {
  const { item, impressions, costPerImpression, day } = options
  if (!Number.isInteger(impressions) || impressions < 1 || impressions > world.nUsers) {
    throw new Error(`runCampaign: impressions must be an integer in [1, ${world.nUsers}], got ${impressions}`)
  }
  if (!(costPerImpression > 0 && Number.isFinite(costPerImpression)))
    throw new Error(`runCampaign: costPerImpression must be a finite number > 0, got ${costPerImpression}`)
  const scores = Float64Array.from({ length: world.nUsers }, (_, u) => {
    const s = targeting(u)
    if (Number.isNaN(s)) throw new Error(`runCampaign: the targeting score of user ${u} is NaN`)
    return s
  })
  const chosen = Array.from({ length: world.nUsers }, (_, u) => u)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, impressions)
  let revenue = 0
  let expectedRevenue = 0
  let clicks = 0
  let purchases = 0
  const price = world.catalog.price[item]
  for (const u of chosen) {
    const ctx = world.sampleContext(u, Math.floor(day), rng)
    const pc = world.clickProbability(u, item, ctx, 0)
    const pp = world.purchaseProbability(u, item, ctx)
    expectedRevenue += pc * pp * price
    const click = rng.next() < pc
    const buy = rng.next() < pp
    if (click) {
      clicks++
      if (buy) {
        purchases++
        revenue += price
      }
    }
  }
  const spend = impressions * costPerImpression
  return {
    spend,
    revenue,
    roas: revenue / spend,
    clicks,
    purchases,
    expectedRevenue,
    expectedRoas: expectedRevenue / spend,
  }
}
