import type { Rng } from "../random/rng"
import { categorical } from "../random/categorical"
import { dirichlet } from "../random/dirichlet"
import { normal } from "../random/normal"
import { randomInt, shuffle } from "../random/uniform"
import { zipfWeights } from "../random/zipf"
import { ADJECTIVES, CATEGORY_SPECS, FEATURES } from "./categories"
import type { WorldConfig } from "./config"

/** The items of a world, column by column (index = item id). */
export interface Catalog {
  category: Int32Array
  brand: Int32Array
  /** Brand names by brand id (brand ids are per world, brandsPerCategory per category). */
  brandNames: string[]
  price: Float64Array
  /** Zipf popularity over a random order of the items; sums to 1. */
  popularity: Float64Array
  /** Latent appeal on the logit scale (N(0, 0.5²)): part of the ground truth. */
  quality: Float64Array
  descriptionEn: string[]
  descriptionZh: string[]
  /** Each category's share of the market (weights of the catalogue and of users' base interests). */
  marketShare: Float64Array
}

/** Price tier of a price relative to its category's median: 0 budget, 1 mid, 2 premium. */
export function priceTier(price: number, median: number): number {
  const r = price / median
  return r < 0.7 ? 0 : r > 1.5 ? 2 : 1
}

/**
 * Generates the catalogue: categories drawn by market share (every category gets at least one
 * item), log-normal prices around each category's median, Zipf popularity, latent quality, and
 * a product description in English and in Chinese.
 */
export function generateCatalog(config: WorldConfig, rng: Rng): Catalog {
  const n = config.items
  const nc = config.categories
  const specs = CATEGORY_SPECS.slice(0, nc)
  const marketShare = dirichlet(rng, new Float64Array(nc).fill(8))
  const category = new Int32Array(n)
  for (let i = 0; i < n; i++) category[i] = i < nc ? i : categorical(rng, marketShare)
  shuffle(rng, category)
  const brandNames: string[] = []
  for (const s of specs) for (let b = 0; b < config.brandsPerCategory; b++) brandNames.push(s.brands[b])
  const brand = new Int32Array(n)
  const price = new Float64Array(n)
  const quality = new Float64Array(n)
  const descriptionEn: string[] = new Array(n)
  const descriptionZh: string[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const s = specs[category[i]]
    const b = randomInt(rng, config.brandsPerCategory)
    brand[i] = category[i] * config.brandsPerCategory + b
    // Brands differ in price level: the first is the budget line, the last the premium one.
    const brandShift = (b - (config.brandsPerCategory - 1) / 2) * 0.35
    price[i] = Math.round(Math.exp(Math.log(s.medianPrice) + brandShift + s.priceSpread * normal(rng)) * 100) / 100
    quality[i] = normal(rng, 0, 0.5)
    const tier = ADJECTIVES[priceTier(price[i], s.medianPrice)]
    const adj = tier[randomInt(rng, tier.length)]
    const noun = randomInt(rng, s.nounsEn.length)
    const feature = FEATURES[randomInt(rng, FEATURES.length)]
    descriptionEn[i] = `${s.brands[b]} ${adj[0]} ${s.nounsEn[noun]}, ${feature[0]}`
    descriptionZh[i] = `${s.brands[b]}${adj[1]}${s.nounsZh[noun]}，${feature[1]}`
  }
  const ranks = new Int32Array(n)
  for (let i = 0; i < n; i++) ranks[i] = i
  shuffle(rng, ranks)
  const z = zipfWeights(n, config.zipfExponent)
  const popularity = new Float64Array(n)
  for (let i = 0; i < n; i++) popularity[i] = z[ranks[i]]
  return { category, brand, brandNames, price, popularity, quality, descriptionEn, descriptionZh, marketShare }
}
