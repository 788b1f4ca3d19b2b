import type { Table } from "../io/table"
import { CATEGORY_SPECS } from "./categories"
import type { EventLog, ReviewLog } from "../schema/event-log"
import { DEVICES, EVENT_TYPES, REGIONS } from "../schema/world-types"
import type { World } from "./world"

/** The catalogue as a table: item_id, category, brand, price, popularity, quality, descriptions. */
export function itemsTable(world: World): Table {
  const c = world.catalog
  const n = world.nItems
  return [
    { name: "item_id", values: Int32Array.from({ length: n }, (_, i) => i) },
    { name: "category_id", values: c.category },
    { name: "category_en", values: Array.from(c.category, (k) => CATEGORY_SPECS[k].en) },
    { name: "category_zh", values: Array.from(c.category, (k) => CATEGORY_SPECS[k].zh) },
    { name: "brand", values: Array.from(c.brand, (b) => c.brandNames[b]) },
    { name: "price", values: c.price, digits: 2 },
    { name: "popularity", values: c.popularity, digits: 8 },
    { name: "quality", values: c.quality, digits: 6 },
    { name: "description_en", values: c.descriptionEn },
    { name: "description_zh", values: c.descriptionZh },
  ]
}

/** The users with their ground truth: traits, segment, and start/end interests per category. */
export function usersTable(world: World): Table {
  const u = world.users
  const n = world.nUsers
  const nc = world.nCategories
  const table: Table = [
    { name: "user_id", values: Int32Array.from({ length: n }, (_, i) => i) },
    { name: "segment", values: Array.from(u.segment, (s) => (s === 0 ? "focused" : "broad")) },
    { name: "concentration", values: u.concentration, digits: 6 },
    { name: "price_sensitivity", values: u.priceSensitivity, digits: 6 },
    { name: "activity", values: u.activity, digits: 6 },
    { name: "novelty_seeking", values: u.noveltySeeking, digits: 6 },
    { name: "fatigue", values: u.fatigue, digits: 6 },
    { name: "drift", values: u.drift, digits: 6 },
    { name: "device", values: Array.from(u.device, (d) => DEVICES[d]) },
    { name: "region", values: Array.from(u.region, (r) => REGIONS[r]) },
  ]
  for (let k = 0; k < nc; k++) {
    table.push({
      name: `interest_start_${k}`,
      values: Float64Array.from({ length: n }, (_, i) => u.interestStart[i * nc + k]),
      digits: 6,
    })
  }
  for (let k = 0; k < nc; k++) {
    table.push({
      name: `interest_end_${k}`,
      values: Float64Array.from({ length: n }, (_, i) => u.interestEnd[i * nc + k]),
      digits: 6,
    })
  }
  return table
}

/** The event log as a table, with the item's category and price joined for convenience. */
export function eventsTable(world: World, events: EventLog): Table {
  const n = events.length
  const category = new Int32Array(n)
  const price = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    category[k] = world.catalog.category[events.item[k]]
    price[k] = world.catalog.price[events.item[k]]
  }
  return [
    { name: "event_id", values: Int32Array.from({ length: n }, (_, i) => i) },
    { name: "time", values: events.time },
    { name: "user_id", values: events.user },
    { name: "session_id", values: events.session },
    { name: "item_id", values: events.item },
    { name: "category_id", values: category },
    { name: "event", values: Array.from(events.type, (t) => EVENT_TYPES[t]) },
    { name: "position", values: events.position },
    { name: "hour", values: events.hour },
    { name: "weekday", values: events.weekday },
    { name: "device", values: Array.from(events.device, (d) => DEVICES[d]) },
    { name: "region", values: Array.from(events.region, (r) => REGIONS[r]) },
    { name: "price", values: price, digits: 2 },
  ]
}

/** Reviews: user, item, rating and the texts. */
export function reviewsTable(reviews: ReviewLog): Table {
  return [
    { name: "review_id", values: Int32Array.from({ length: reviews.length }, (_, i) => i) },
    { name: "time", values: reviews.time },
    { name: "user_id", values: reviews.user },
    { name: "item_id", values: reviews.item },
    { name: "rating", values: reviews.rating },
    { name: "text_en", values: reviews.textEn },
    { name: "text_zh", values: reviews.textZh },
  ]
}

/** The categories of the world with their English and Chinese names. */
export function categoriesTable(world: World): Table {
  return [
    { name: "category_id", values: Int32Array.from(world.categories, (c) => c.id) },
    { name: "name_en", values: world.categories.map((c) => c.en) },
    { name: "name_zh", values: world.categories.map((c) => c.zh) },
    { name: "market_share", values: world.catalog.marketShare, digits: 6 },
  ]
}
