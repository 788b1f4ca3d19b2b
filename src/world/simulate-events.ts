import type { Rng } from "../random/rng"
import { AliasTable, categorical } from "../random/categorical"
import { geometric, poisson } from "../random/discrete"
import { normal } from "../random/normal"
import { createRng } from "../random/rng"
import { randomInt } from "../random/uniform"
import { CATEGORY_SPECS } from "./categories"
import { emptyEventLog, growEventLog, trimEventLog, type EventLog, type ReviewLog } from "../schema/event-log"
import { logInterest } from "./math"
import { reviewText } from "./review-text"
import type { Context } from "../schema/world-types"
import type { World } from "./world"

/** Satisfaction thresholds between star ratings (satisfaction = quality + 0.8·log-interest + N(0, 0.8²)). */
const RATING_THRESHOLDS = [-0.2, 0.6, 1.3, 2.0]

export interface SimulatedLog {
  events: EventLog
  reviews: ReviewLog
  sessions: number
}

/**
 * Simulates every user's sessions over the world's days: each session has a context; each page
 * shows `slateSize` items of one category (chosen by the user's current interests, or at random
 * with probability ν_u/2), drawn by popularity; each shown item is a `view`, then `click`,
 * `cart` and `purchase` follow the world's ground-truth probabilities (the purchase probability
 * given a click is split evenly between cart and checkout on the log scale). Purchases are
 * reviewed with `reviewRate`; the rating follows satisfaction and the text follows the rating.
 *
 * Deterministic: user u draws from its own stream of `world.config.seed` (or of `rng` when given),
 * so the log does not depend on the order users are simulated in.
 * @example const { events, reviews } = simulateEvents(generateWorld({ users: 100 }))
 */
export function simulateEvents(world: World, rng?: Rng): SimulatedLog {
  const cfg = world.config
  const nc = world.nCategories
  const baseSeed = rng ? rng.nextUint32() : cfg.seed
  const expected =
    Math.ceil(world.nUsers * cfg.days * cfg.sessionsPerDay * cfg.pagesPerSession * cfg.slateSize * 1.15) + 1024
  let events = emptyEventLog(expected)
  const reviews: ReviewLog = {
    length: 0,
    user: new Int32Array(0),
    item: new Int32Array(0),
    rating: new Uint8Array(0),
    time: new Int32Array(0),
    textEn: [],
    textZh: [],
  }
  const reviewUser: number[] = []
  const reviewItem: number[] = []
  const reviewRating: number[] = []
  const reviewTime: number[] = []
  const byPopularity = world.itemsByCategory.map((items) =>
    items.length > 0 ? new AliasTable(Array.from(items, (i) => world.catalog.popularity[i])) : null,
  )
  const specs = CATEGORY_SPECS
  const interest = new Float64Array(nc)
  const exposures = new Int32Array(nc)
  const pageStay = 1 / cfg.pagesPerSession
  const startWeekday = world.startWeekday()
  const ctx: Context = { day: 0, hour: 0, weekday: 0, device: 0, region: 0 }
  let session = 0
  for (let u = 0; u < world.nUsers; u++) {
    const r = createRng(baseSeed, 1_000_000 + u)
    const nSessions = poisson(r, world.users.activity[u] * cfg.days)
    const starts = new Float64Array(nSessions)
    for (let s = 0; s < nSessions; s++) starts[s] = r.next() * cfg.days
    starts.sort()
    const novelty = world.users.noveltySeeking[u]
    let reviewsByUser = 0
    for (let s = 0; s < nSessions; s++) {
      const dayIndex = Math.floor(starts[s])
      const c0 = world.sampleContext(u, dayIndex, r)
      ctx.day = c0.day
      ctx.hour = c0.hour
      ctx.weekday = (startWeekday + dayIndex) % 7
      ctx.device = c0.device
      ctx.region = c0.region
      let time = Math.floor(ctx.day * 86400)
      world.interestAt(u, ctx.day, interest)
      exposures.fill(0)
      const pages = 1 + geometric(r, pageStay)
      for (let p = 0; p < pages; p++) {
        const c = r.next() < novelty / 2 ? randomInt(r, nc) : categorical(r, interest)
        const table = byPopularity[c]
        if (!table) continue
        const items = world.itemsByCategory[c]
        time += 5 + Math.floor(-30 * Math.log(1 - r.next()))
        for (let pos = 0; pos < cfg.slateSize; pos++) {
          const item = items[table.sample(r)]
          if (events.length + 4 > events.user.length) events = growEventLog(events, events.length + 4)
          pushEvent(events, u, item, session, time, 0, pos, ctx)
          const pClick = world.clickProbability(u, item, ctx, pos, exposures[c])
          exposures[c]++
          if (r.next() >= pClick) continue
          pushEvent(events, u, item, session, time + 2, 1, pos, ctx)
          const half = Math.sqrt(world.purchaseProbability(u, item, ctx))
          if (r.next() >= half) continue
          pushEvent(events, u, item, session, time + 20, 2, pos, ctx)
          if (r.next() >= half) continue
          pushEvent(events, u, item, session, time + 60, 3, pos, ctx)
          if (r.next() < cfg.reviewRate) {
            const satisfaction = world.catalog.quality[item] + 0.8 * logInterest(interest[c], nc) + normal(r, 0, 0.8)
            let rating = 1
            for (const t of RATING_THRESHOLDS) if (satisfaction > t) rating++
            const spec = specs[c]
            const noun = randomInt(r, spec.nounsEn.length)
            // Review text draws its variety from its own stream (user u's k-th review).
            const noise = createRng(baseSeed, 4_294_967_296 + u * 4096 + (reviewsByUser++ % 4096))
            const [en, zh] = reviewText(rating, spec.nounsEn[noun], spec.nounsZh[noun], r, noise)
            reviewUser.push(u)
            reviewItem.push(item)
            reviewRating.push(rating)
            reviewTime.push(time + 86400 * (2 + randomInt(r, 10)))
            reviews.textEn.push(en)
            reviews.textZh.push(zh)
          }
        }
      }
      session++
    }
  }
  reviews.length = reviewUser.length
  reviews.user = Int32Array.from(reviewUser)
  reviews.item = Int32Array.from(reviewItem)
  reviews.rating = Uint8Array.from(reviewRating)
  reviews.time = Int32Array.from(reviewTime)
  return { events: trimEventLog(events), reviews, sessions: session }
}

function pushEvent(
  log: EventLog,
  user: number,
  item: number,
  session: number,
  time: number,
  type: number,
  position: number,
  ctx: Context,
): void {
  const k = log.length++
  log.user[k] = user
  log.item[k] = item
  log.session[k] = session
  log.time[k] = time
  log.type[k] = type
  log.position[k] = position
  log.hour[k] = ctx.hour
  log.weekday[k] = ctx.weekday
  log.device[k] = ctx.device
  log.region[k] = ctx.region
}
