import type { Figure } from "./figure"
import { barFigure, histogramFigure, lineFigure, groupedBarFigure } from "./figures"
import type { ReportSection } from "./html"
import type { SimulatedLog } from "../world/simulate-events"
import { EVENT_TYPES } from "../schema/world-types"
import type { World } from "../world/world"

/** Headline numbers of a simulated world. */
export interface WorldSummary {
  users: number
  items: number
  categories: number
  sessions: number
  events: Record<(typeof EVENT_TYPES)[number], number>
  reviews: number
  clickThroughRate: number
  purchasePerClick: number
  focusedUsers: number
}

export function summarizeWorld(world: World, log: SimulatedLog): WorldSummary {
  const counts = [0, 0, 0, 0]
  for (let k = 0; k < log.events.length; k++) counts[log.events.type[k]]++
  let focused = 0
  for (let u = 0; u < world.nUsers; u++) if (world.users.segment[u] === 0) focused++
  return {
    users: world.nUsers,
    items: world.nItems,
    categories: world.nCategories,
    sessions: log.sessions,
    events: { view: counts[0], click: counts[1], cart: counts[2], purchase: counts[3] },
    reviews: log.reviews.length,
    clickThroughRate: counts[0] > 0 ? counts[1] / counts[0] : 0,
    purchasePerClick: counts[1] > 0 ? counts[3] / counts[1] : 0,
    focusedUsers: focused,
  }
}

/** Click-through rate by position: observed in the log and the ground-truth examination curve scaled to position 0. */
export function positionCtrFigure(world: World, log: SimulatedLog): Figure {
  const s = world.config.slateSize
  const views = new Float64Array(s)
  const clicks = new Float64Array(s)
  for (let k = 0; k < log.events.length; k++) {
    if (log.events.type[k] === 0) views[log.events.position[k]]++
    else if (log.events.type[k] === 1) clicks[log.events.position[k]]++
  }
  const ctr = Float64Array.from(views, (v, p) => (v > 0 ? clicks[p] / v : 0))
  const truth = Float64Array.from(views, (_, p) => ctr[0] * world.examination(p))
  const x = Array.from({ length: s }, (_, p) => p)
  return lineFigure(
    [
      { name: "observed CTR", x, y: ctr },
      { name: "CTR(0) × examination (truth)", x, y: truth },
    ],
    { title: "Position bias: click-through rate by slot", xTitle: "position (0 = top)", yTitle: "CTR" },
  )
}

/** The figures and tables of the data overview report (also used by the tour notebook). */
export function worldOverviewSections(world: World, log: SimulatedLog): ReportSection[] {
  const summary = summarizeWorld(world, log)
  const nc = world.nCategories
  const names = world.categories.map((c) => `${c.en} ${c.zh}`)
  const views = new Float64Array(nc)
  const purchases = new Float64Array(nc)
  for (let k = 0; k < log.events.length; k++) {
    const c = world.catalog.category[log.events.item[k]]
    if (log.events.type[k] === 0) views[c]++
    else if (log.events.type[k] === 3) purchases[c]++
  }
  const maxInterest = { focused: [] as number[], broad: [] as number[] }
  for (let u = 0; u < world.nUsers; u++) {
    const x = world.interestAt(u, 0)
    let m = 0
    for (let k = 0; k < nc; k++) m = Math.max(m, x[k])
    ;(world.users.segment[u] === 0 ? maxInterest.focused : maxInterest.broad).push(m)
  }
  const hourly = new Float64Array(24)
  for (let k = 0; k < log.events.length; k++) if (log.events.type[k] === 0) hourly[log.events.hour[k]]++
  const ratings = new Float64Array(5)
  for (let k = 0; k < log.reviews.length; k++) ratings[log.reviews.rating[k] - 1]++
  const logPrice = Array.from(world.catalog.price, (p) => Math.log10(p))
  const funnel = barFigure(
    [...EVENT_TYPES],
    EVENT_TYPES.map((t) => summary.events[t]),
    { title: "Behaviour funnel (log scale: each step is a small share of the one before)", yTitle: "events" },
  )
  funnel.layout.yaxis = { ...funnel.layout.yaxis, type: "log" }
  const argmax = (v: ArrayLike<number>): number => {
    let best = 0
    for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i
    return best
  }
  const conversion = Float64Array.from(purchases, (p, c) => (views[c] > 0 ? p / views[c] : 0))
  const perThousand = (t: (typeof EVENT_TYPES)[number]): string =>
    summary.events.view > 0 ? ((1000 * summary.events[t]) / summary.events.view).toFixed(1) : "0"
  const mostViewed = argmax(views)
  const largest = argmax(world.catalog.marketShare)
  const conclusions = [
    `Of every 1,000 views, ${perThousand("click")} become clicks, ${perThousand("cart")} add-to-carts and ${perThousand("purchase")} purchases.`,
    `${names[mostViewed]} draws the most views (${((100 * views[mostViewed]) / Math.max(1, summary.events.view)).toFixed(1)}%)` +
      (largest === mostViewed
        ? `, and it also has the largest catalogue share (${(100 * world.catalog.marketShare[largest]).toFixed(1)}%).`
        : `, while ${names[largest]} has the largest catalogue share (${(100 * world.catalog.marketShare[largest]).toFixed(1)}%): interests, not supply, drive views.`),
    `${names[argmax(conversion)]} converts best: ${(1000 * conversion[argmax(conversion)]).toFixed(1)} purchases per 1,000 views.`,
  ]
  return [
    { heading: "Conclusions", paragraphs: conclusions },
    {
      heading: "The world in numbers",
      paragraphs: [
        `${summary.users} users, ${summary.items} items in ${summary.categories} categories, ${summary.sessions} sessions over ${world.config.days} days (seed ${world.config.seed}).`,
        `Funnel: ${summary.events.view} views → ${summary.events.click} clicks (CTR ${(100 * summary.clickThroughRate).toFixed(2)}%) → ${summary.events.cart} add-to-carts → ${summary.events.purchase} purchases (${(100 * summary.purchasePerClick).toFixed(1)}% of clicks); ${summary.reviews} reviews.`,
        `${summary.focusedUsers} users are focused (interest concentration below the median) and ${summary.users - summary.focusedUsers} broad: the ground truth that segment-aware exploration tries to recover.`,
      ],
      tables: [
        {
          columns: ["event", "count", "share of views"],
          rows: EVENT_TYPES.map((t) => [
            t,
            summary.events[t],
            summary.events.view > 0 ? summary.events[t] / summary.events.view : 0,
          ]),
          caption: "Behaviour funnel",
        },
      ],
      figures: [funnel],
    },
    {
      heading: "Categories",
      figures: [
        groupedBarFigure(
          names,
          [
            { name: "market share (catalogue)", values: world.catalog.marketShare },
            { name: "share of views", values: views.map((v) => v / Math.max(1, summary.events.view)) },
          ],
          {
            title: "Category market share vs share of views",
            yTitle: "share",
          },
        ),
        barFigure(names, conversion, { title: "Purchases per view by category", yTitle: "conversion" }),
      ],
    },
    {
      heading: "Users: broad and focused interests",
      paragraphs: [
        "A user's largest category interest: focused users put most of their interest on one or two categories, broad users spread it.",
      ],
      figures: [
        histogramFigure(
          [
            { name: "focused", values: maxInterest.focused },
            { name: "broad", values: maxInterest.broad },
          ],
          { title: "Largest category interest per user", xTitle: "max_c θ_u,c", yTitle: "users" },
        ),
      ],
    },
    {
      heading: "Context and position",
      figures: [
        barFigure(
          Array.from({ length: 24 }, (_, h) => String(h)),
          hourly,
          { title: "Views by hour of day", xTitle: "hour", yTitle: "views" },
        ),
        positionCtrFigure(world, log),
      ],
    },
    {
      heading: "Prices and reviews",
      figures: [
        histogramFigure([{ name: "log10 price", values: logPrice }], {
          title: "Item prices (log10 yuan)",
          xTitle: "log10 price",
          yTitle: "items",
        }),
        barFigure(["1★", "2★", "3★", "4★", "5★"], ratings, { title: "Review ratings", yTitle: "reviews" }),
      ],
    },
  ]
}
