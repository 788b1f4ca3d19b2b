import type { ItemEmbedding } from "../schema/item-embedding"
import { priceTier } from "./catalog"
import { CATEGORY_SPECS } from "./categories"
import type { World } from "./world"

/**
 * The synthetic world's items as a categorical embedding for MIPS: dimension 0 the category,
 * dimension 1 the price tier within it (budget / mid / premium against the category's median,
 * `priceTier`). `items[a]` is the world item behind action a.
 * @example const e = worldItemEmbedding(env.world, env.armItem)
 */
export function worldItemEmbedding(world: World, items: Int32Array): ItemEmbedding {
  const levels = new Int32Array(items.length * 2)
  items.forEach((item, a) => {
    const c = world.catalog.category[item]
    levels[2 * a] = c
    levels[2 * a + 1] = priceTier(world.catalog.price[item], CATEGORY_SPECS[c].medianPrice)
  })
  return { nActions: items.length, nDims: 2, levels, names: ["category", "price tier"] }
}
