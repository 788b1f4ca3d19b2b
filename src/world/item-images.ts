import type { Rng } from "../random/rng"
import { normal } from "../random/normal"
import { shuffle } from "../random/uniform"
import { CATEGORY_SPECS } from "./categories"
import type { World } from "./world"

/** Options of {@link itemImageFeatures} (defaults in brackets). */
export interface ItemImageOptions {
  /** Side of the square image in pixels [8]: each item gets size² features. */
  size?: number
  /** Number of silhouettes ("looks") the categories share [4]; at most the number of categories. */
  looks?: number
  /** Standard deviation σ of the Gaussian noise added to every pixel [0.1]. */
  noise?: number
  /** Exponent λ of the price-to-size law s = (price / category median)^λ [0.4]. */
  priceScale?: number
}

/**
 * The fixed random "camera" that photographs the catalogue: which look each category has, and
 * each look's silhouette (an ellipse with centre, semi-axes and angle, in image units [0, 1]).
 */
export interface ItemImageCamera {
  readonly size: number
  readonly priceScale: number
  /** Look of each category (index into the per-look arrays). */
  readonly look: Int32Array
  readonly centreX: Float64Array
  readonly centreY: Float64Array
  readonly axisX: Float64Array
  readonly axisY: Float64Array
  readonly angle: Float64Array
}

/**
 * Items' images as item features (the `ItemFeatures` shape of src/recommenders): item i's pixels,
 * row by row, are `values[i·dimension .. (i+1)·dimension)`, pixel (row v, column u) at v·size + u.
 */
export interface ItemImages {
  readonly nItems: number
  readonly size: number
  /** size²: the number of pixels of one image. */
  readonly dimension: number
  /** Observed images: the rendering plus pixel noise. */
  readonly values: Float64Array
  /** The noise-free rendering (ground truth, like the world's latent attributes). */
  readonly clean: Float64Array
  readonly camera: ItemImageCamera
}

function checkedOptions(options: ItemImageOptions, nCategories: number): Required<ItemImageOptions> {
  const o = { size: 8, looks: Math.min(4, nCategories), noise: 0.1, priceScale: 0.4, ...options }
  if (!Number.isInteger(o.size) || o.size < 2 || o.size > 64)
    throw new Error(`itemImageFeatures: size must be an integer in [2, 64], got ${o.size}`)
  if (!Number.isInteger(o.looks) || o.looks < 1 || o.looks > nCategories)
    throw new Error(
      `itemImageFeatures: looks must be an integer in [1, ${nCategories}] (the categories), got ${o.looks}`,
    )
  if (!(Number.isFinite(o.noise) && o.noise >= 0))
    throw new Error(`itemImageFeatures: noise must be a finite number ≥ 0, got ${o.noise}`)
  if (!(Number.isFinite(o.priceScale) && o.priceScale >= 0))
    throw new Error(`itemImageFeatures: priceScale must be a finite number ≥ 0, got ${o.priceScale}`)
  return o
}

/**
 * Draws the camera: the categories are shuffled and dealt round-robin to the looks (so each look
 * covers ⌊C / L⌋ or ⌈C / L⌉ categories), and each look's ellipse has centre ~ U(0.35, 0.65)², semi-axes
 * ~ U(0.12, 0.3) and angle ~ U(0, π).
 * @example const camera = drawItemImageCamera(12, { looks: 4 }, createRng(7, 60))
 */
export function drawItemImageCamera(nCategories: number, options: ItemImageOptions, rng: Rng): ItemImageCamera {
  const o = checkedOptions(options, nCategories)
  const order = Int32Array.from({ length: nCategories }, (_, c) => c)
  shuffle(rng, order)
  const look = new Int32Array(nCategories)
  for (let r = 0; r < nCategories; r++) look[order[r]] = r % o.looks
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.next()
  const centreX = new Float64Array(o.looks)
  const centreY = new Float64Array(o.looks)
  const axisX = new Float64Array(o.looks)
  const axisY = new Float64Array(o.looks)
  const angle = new Float64Array(o.looks)
  for (let g = 0; g < o.looks; g++) {
    centreX[g] = uniform(0.35, 0.65)
    centreY[g] = uniform(0.35, 0.65)
    axisX[g] = uniform(0.12, 0.3)
    axisY[g] = uniform(0.12, 0.3)
    angle[g] = uniform(0, Math.PI)
  }
  return { size: o.size, priceScale: o.priceScale, look, centreX, centreY, axisX, axisY, angle }
}

/**
 * Renders one noise-free image into `out[offset .. offset + size²)`:
 *
 *   x(u, v) = tanh( e^q · exp(−d²(u, v) / (2 s²)) ),   s = (price / median_c)^λ,
 *
 * where d² is the squared distance of the pixel centre ((u + ½)/size, (v + ½)/size) to the look's
 * centre in the ellipse's rotated, axis-scaled frame, q the item's latent quality and tanh the
 * sensor's saturation.
 * @example renderItemImage(camera, 2, Math.log(1.2), 0.3, new Float64Array(64))
 */
export function renderItemImage(
  camera: ItemImageCamera,
  category: number,
  logPriceRatio: number,
  quality: number,
  out: Float64Array,
  offset = 0,
): Float64Array {
  const g = camera.look[category]
  const n = camera.size
  const s = Math.exp(camera.priceScale * logPriceRatio)
  const brightness = Math.exp(quality)
  const cos = Math.cos(camera.angle[g])
  const sin = Math.sin(camera.angle[g])
  for (let v = 0; v < n; v++) {
    const dy = (v + 0.5) / n - camera.centreY[g]
    for (let u = 0; u < n; u++) {
      const dx = (u + 0.5) / n - camera.centreX[g]
      const a = (dx * cos + dy * sin) / camera.axisX[g]
      const b = (-dx * sin + dy * cos) / camera.axisY[g]
      out[offset + v * n + u] = Math.tanh(brightness * Math.exp(-(a * a + b * b) / (2 * s * s)))
    }
  }
  return out
}

/**
 * Image-like features of every item, derived from the world's latent attributes (seed 001 §四 and
 * seed 004 §8.1: text and images together). The generative story: a catalogue photo shows the
 * item's silhouette, which depends only on its category's look (several categories share one, so
 * the image cannot tell a dress from a shirt of the same look, which the description can); pricier
 * items fill more of the frame (size s = (price / median)^λ, continuous where the description has
 * only a price-tier adjective); better items are photographed brighter (e^q, the latent quality q
 * that the description never mentions); the sensor saturates (tanh) and adds noise N(0, σ²) per
 * pixel (see {@link renderItemImage}). So image and text each carry signal the other lacks.
 *
 * `rng` draws the camera first, then the noise item by item; the world is only read, so its own
 * random streams and outputs are unchanged. Give it a stream of its own, e.g.
 * `createRng(world.config.seed, 60)`.
 * @example const images = itemImageFeatures(world, { size: 8 }, createRng(world.config.seed, 60))
 */
export function itemImageFeatures(world: World, options: ItemImageOptions, rng: Rng): ItemImages {
  const o = checkedOptions(options, world.nCategories)
  const camera = drawItemImageCamera(world.nCategories, o, rng)
  const dimension = o.size * o.size
  const { category, price, quality } = world.catalog
  const clean = new Float64Array(world.nItems * dimension)
  const values = new Float64Array(world.nItems * dimension)
  for (let i = 0; i < world.nItems; i++) {
    const c = category[i]
    renderItemImage(camera, c, Math.log(price[i] / CATEGORY_SPECS[c].medianPrice), quality[i], clean, i * dimension)
    for (let p = i * dimension; p < (i + 1) * dimension; p++) values[p] = clean[p] + normal(rng, 0, o.noise)
  }
  return { nItems: world.nItems, size: o.size, dimension, values, clean, camera }
}
