import { describe, expect, it } from "vitest"
import { choleskySolveInPlace } from "../../src/linalg/cholesky"
import { createRng } from "../../src/random/rng"
import { textItemFeatures } from "../../src/recommenders/content-based"
import { TfidfVectorizer } from "../../src/text/tfidf"
import { CATEGORY_SPECS } from "../../src/world/categories"
import { drawItemImageCamera, itemImageFeatures, renderItemImage } from "../../src/world/item-images"
import { simulateEvents } from "../../src/world/simulate-events"
import { generateWorld } from "../../src/world/world"

const config = { users: 60, items: 300, days: 3, seed: 11 }

/** Held-out R² of a ridge probe y ≈ wᵀx + b fitted on the even items, scored on the odd ones. */
function probeR2(x: Float64Array, d: number, y: ArrayLike<number>): number {
  const n = y.length
  const p = d + 1
  const a = new Float64Array(p * p)
  const b = new Float64Array(p)
  const row = (i: number) => [...x.subarray(i * d, (i + 1) * d), 1]
  for (let i = 0; i < n; i += 2) {
    const r = row(i)
    for (let j = 0; j < p; j++) {
      b[j] += r[j] * y[i]
      for (let k = 0; k < p; k++) a[j * p + k] += r[j] * r[k]
    }
  }
  for (let j = 0; j < d; j++) a[j * p + j] += 1e-3
  const w = choleskySolveInPlace(a, b, p)
  let mean = 0
  let count = 0
  for (let i = 1; i < n; i += 2) {
    mean += y[i]
    count++
  }
  mean /= count
  let residual = 0
  let total = 0
  for (let i = 1; i < n; i += 2) {
    const r = row(i)
    const fit = r.reduce((s, v, j) => s + v * w[j], 0)
    residual += (y[i] - fit) ** 2
    total += (y[i] - mean) ** 2
  }
  return 1 - residual / total
}

/** Held-out accuracy of the nearest class centroid (even items fit, odd items scored). */
function centroidAccuracy(x: Float64Array, d: number, label: ArrayLike<number>, classes: number): number {
  const centre = new Float64Array(classes * d)
  const count = new Float64Array(classes)
  for (let i = 0; i < label.length; i += 2) {
    count[label[i]]++
    for (let k = 0; k < d; k++) centre[label[i] * d + k] += x[i * d + k]
  }
  for (let c = 0; c < classes; c++) for (let k = 0; k < d; k++) centre[c * d + k] /= Math.max(1, count[c])
  let right = 0
  let scored = 0
  for (let i = 1; i < label.length; i += 2) {
    let best = -1
    let bestDistance = Number.POSITIVE_INFINITY
    for (let c = 0; c < classes; c++) {
      if (count[c] === 0) continue
      let s = 0
      for (let k = 0; k < d; k++) s += (x[i * d + k] - centre[c * d + k]) ** 2
      if (s < bestDistance) {
        bestDistance = s
        best = c
      }
    }
    if (best === label[i]) right++
    scored++
  }
  return right / scored
}

describe("itemImageFeatures", () => {
  it("has the documented shape and is deterministic per generator seed", () => {
    const world = generateWorld(config)
    const a = itemImageFeatures(world, {}, createRng(1, 60))
    const b = itemImageFeatures(world, {}, createRng(1, 60))
    const c = itemImageFeatures(world, {}, createRng(2, 60))
    expect([a.nItems, a.size, a.dimension, a.values.length, a.clean.length]).toEqual([300, 8, 64, 300 * 64, 300 * 64])
    expect(a.values).toEqual(b.values)
    expect(a.values).not.toEqual(c.values)
    const small = itemImageFeatures(world, { size: 5, looks: 2 }, createRng(1, 60))
    expect([small.dimension, small.values.length, small.camera.centreX.length]).toEqual([25, 300 * 25, 2])
  })

  it("leaves the world's own random streams and outputs as they were", () => {
    const before = simulateEvents(generateWorld(config)).events
    const world = generateWorld(config)
    const price = Float64Array.from(world.catalog.price)
    itemImageFeatures(world, {}, createRng(1, 60))
    expect(world.catalog.price).toEqual(price)
    const after = simulateEvents(world).events
    expect(after.length).toBe(before.length)
    expect(after.item).toEqual(before.item)
    expect(after.type).toEqual(before.type)
  })

  it("deals the categories round-robin to the looks", () => {
    const camera = drawItemImageCamera(12, { looks: 4 }, createRng(5))
    const perLook = [0, 0, 0, 0]
    for (const g of camera.look) perLook[g]++
    expect(perLook).toEqual([3, 3, 3, 3])
  })

  it("renders brightness e^q and size (price / median)^λ exactly as its formula says", () => {
    const camera = drawItemImageCamera(12, {}, createRng(5))
    const base = renderItemImage(camera, 3, 0, 0, new Float64Array(64))
    const bright = renderItemImage(camera, 3, 0, 0.4, new Float64Array(64))
    const large = renderItemImage(camera, 3, Math.log(2), 0, new Float64Array(64))
    for (let p = 0; p < 64; p++) {
      if (Math.atanh(base[p]) < 1e-6) continue
      // tanh⁻¹ x = e^q · exp(−d²/(2s²)): quality scales it by e^q ...
      expect(Math.atanh(bright[p]) / Math.atanh(base[p])).toBeCloseTo(Math.exp(0.4), 8)
      // ... and doubling the price divides −ln tanh⁻¹ x (= d²/(2s²)) by s² = 2^(2λ).
      if (base[p] < 0.999)
        expect(Math.log(Math.atanh(base[p])) / Math.log(Math.atanh(large[p]))).toBeCloseTo(2 ** 0.8, 6)
    }
    // Two categories with the same look photograph alike; another look does not.
    const sameLook = Array.from(camera.look).findIndex((g, c) => c !== 3 && g === camera.look[3])
    const otherLook = Array.from(camera.look).findIndex((g) => g !== camera.look[3])
    expect(renderItemImage(camera, sameLook, 0, 0, new Float64Array(64))).toEqual(base)
    expect(renderItemImage(camera, otherLook, 0, 0, new Float64Array(64))).not.toEqual(base)
  })

  it("adds independent N(0, σ²) pixel noise: items with equal attributes differ only by the noise", () => {
    const world = generateWorld(config)
    const noise = 0.15
    const images = itemImageFeatures(world, { noise }, createRng(3, 60))
    let sum = 0
    let squares = 0
    let lagged = 0
    const n = images.values.length
    for (let p = 0; p < n; p++) {
      const e = images.values[p] - images.clean[p]
      sum += e
      squares += e * e
      if (p > 0) lagged += e * (images.values[p - 1] - images.clean[p - 1])
    }
    // 19,200 draws: the sd's standard error is σ/√(2n) ≈ 0.5% of σ.
    expect(Math.abs(sum / n)).toBeLessThan((4 * noise) / Math.sqrt(n))
    expect(Math.sqrt(squares / n) / noise).toBeCloseTo(1, 1)
    expect(Math.abs(lagged / squares)).toBeLessThan(0.03)
    // Every item given the same category, price and quality: the clean images coincide, and the
    // observed ones differ by noise alone (pixel sd across items = σ).
    const same = generateWorld(config)
    same.catalog.category.fill(0)
    same.catalog.price.fill(CATEGORY_SPECS[0].medianPrice)
    same.catalog.quality.fill(0.2)
    const alike = itemImageFeatures(same, { noise }, createRng(3, 60))
    for (let i = 1; i < alike.nItems; i++)
      expect(alike.clean.subarray(i * 64, (i + 1) * 64)).toEqual(alike.clean.subarray(0, 64))
    let spread = 0
    for (let p = 0; p < 64; p++) {
      let m = 0
      for (let i = 0; i < alike.nItems; i++) m += alike.values[i * 64 + p] / alike.nItems
      for (let i = 0; i < alike.nItems; i++) spread += (alike.values[i * 64 + p] - m) ** 2 / (64 * (alike.nItems - 1))
    }
    expect(Math.sqrt(spread) / noise).toBeCloseTo(1, 1)
    const silent = itemImageFeatures(world, { noise: 0 }, createRng(3, 60))
    expect(silent.values).toEqual(silent.clean)
  })

  it("carries what the text lacks (quality, continuous price) and lacks what it carries (the category)", () => {
    const world = generateWorld({ ...config, items: 2000 })
    const images = itemImageFeatures(world, {}, createRng(4, 60))
    const text = textItemFeatures(new TfidfVectorizer().fitTransform(world.catalog.descriptionEn))
    const quality = world.catalog.quality
    const logPrice = Float64Array.from(
      world.catalog.price,
      (p, i) => Math.log(p) - Math.log(CATEGORY_SPECS[world.catalog.category[i]].medianPrice),
    )
    // A linear probe reads quality and price off the pixels (held-out R² 0.77 and 0.65 here: the
    // camera is nonlinear), and nothing of quality off the description.
    expect(probeR2(images.values, 64, quality)).toBeGreaterThan(0.7)
    expect(probeR2(images.values, 64, logPrice)).toBeGreaterThan(0.55)
    expect(probeR2(text.values, text.dimension, quality)).toBeLessThan(0.05)
    // The description names the category (accuracy 1); the image shows only its look (0.78, chance
    // 0.25), and so hardly the category itself (0.25 with 3 categories per look, chance 0.08).
    const look = Int32Array.from(world.catalog.category, (c) => images.camera.look[c])
    expect(centroidAccuracy(images.values, 64, look, 4)).toBeGreaterThan(0.7)
    expect(centroidAccuracy(images.values, 64, world.catalog.category, 12)).toBeLessThan(0.35)
    expect(centroidAccuracy(text.values, text.dimension, world.catalog.category, 12)).toBeGreaterThan(0.95)
  })

  it("rejects bad options with the option's name and range", () => {
    const world = generateWorld(config)
    expect(() => itemImageFeatures(world, { size: 1 }, createRng(1))).toThrow(
      "size must be an integer in [2, 64], got 1",
    )
    expect(() => itemImageFeatures(world, { looks: 13 }, createRng(1))).toThrow("looks must be an integer in [1, 12]")
    expect(() => itemImageFeatures(world, { noise: -1 }, createRng(1))).toThrow("noise must be a finite number ≥ 0")
    expect(() => itemImageFeatures(world, { priceScale: Number.NaN }, createRng(1))).toThrow("priceScale")
  })
})
