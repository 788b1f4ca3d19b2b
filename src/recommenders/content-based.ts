import type { FeatureMatrix } from "../linalg/matrix"
import { toDense } from "../linalg/matrix"
import { BaseRecommender } from "./base-recommender"
import type { Contribution, Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"
import type { Interactions } from "../schema/interactions"
import { additiveExplanation } from "./explanation"

/** Dense item features, row-major: item i's vector is `values[i·dimension .. (i+1)·dimension)`. */
export interface ItemFeatures {
  readonly nItems: number
  readonly dimension: number
  readonly values: Float64Array
  /** A name per feature, for explanations (e.g. "category 3", a brand, a term); absent: "feature k". */
  readonly names?: readonly string[]
}

/**
 * Content-based recommendation (seed 001 §一.2, seed 004 §4.1; Lops, de Gemmis & Semeraro 2011, Recommender
 * Systems Handbook ch. 3): a user's profile is the interaction-weighted mean of the vectors of their items,
 * p_u = Σ_{j∈I(u)} r_uj x_j / Σ r_uj, and items are ranked by cosine(p_u, x_i). The features can be TF-IDF
 * rows of product descriptions or one-hot attributes (`catalogFeatures`). Unknown users get popularity.
 * @example new ContentBased(catalogFeatures(world.catalog, world.nCategories)).fit(train).recommend(0, 10)
 */
export class ContentBased extends BaseRecommender {
  readonly name: string
  private readonly itemNorm: Float64Array

  /** `name` labels the model in reports (default "content-based"), e.g. to tell feature sets apart. */
  constructor(
    readonly features: ItemFeatures,
    name = "content-based",
  ) {
    super()
    this.name = name
    const { nItems, dimension, values } = features
    if (!Number.isInteger(dimension) || dimension <= 0 || values.length !== nItems * dimension) {
      throw new Error(
        `ContentBased: features must hold nItems × dimension = ${nItems} × ${dimension} values, got ${values.length}`,
      )
    }
    this.itemNorm = new Float64Array(nItems)
    for (let i = 0; i < nItems; i++) {
      let s = 0
      for (let k = 0; k < dimension; k++) {
        const v = values[i * dimension + k]
        if (!Number.isFinite(v)) throw new Error(`ContentBased: feature ${k} of item ${i} is not finite (${v})`)
        s += v * v
      }
      this.itemNorm[i] = Math.sqrt(s)
    }
  }

  protected fitModel(train: Interactions): void {
    if (train.nItems !== this.features.nItems)
      throw new Error(
        `ContentBased.fit: the training data has ${train.nItems} items but the features describe ${this.features.nItems}`,
      )
  }

  /** The user's profile vector p_u (zeros for a user without interactions). */
  profile(user: number): Float64Array {
    const train = this.fitted()
    const d = this.features.dimension
    const x = this.features.values
    const p = new Float64Array(d)
    if (!Number.isInteger(user) || user < 0 || user >= train.nUsers)
      throw new Error(`ContentBased.profile: user must be an integer in [0, ${train.nUsers}), got ${user}`)
    let total = 0
    for (let q = train.indptr[user]; q < train.indptr[user + 1]; q++) {
      const r = train.values[q]
      const ri = train.items[q] * d
      total += r
      for (let k = 0; k < d; k++) p[k] += r * x[ri + k]
    }
    if (total !== 0) for (let k = 0; k < d; k++) p[k] /= total
    return p
  }

  protected scoreKnownUser(user: number): Float64Array {
    const p = this.profile(user)
    const d = this.features.dimension
    const x = this.features.values
    let pn = 0
    for (let k = 0; k < d; k++) pn += p[k] * p[k]
    pn = Math.sqrt(pn)
    const out = new Float64Array(this.features.nItems)
    if (pn === 0) return out
    for (let i = 0; i < out.length; i++) {
      if (this.itemNorm[i] === 0) continue
      let s = 0
      for (let k = 0; k < d; k++) s += p[k] * x[i * d + k]
      out[i] = s / (pn * this.itemNorm[i])
    }
    return out
  }

  /** One term p_k·x_ik / (‖p_u‖ ‖x_i‖) per feature k the profile and the item share. */
  protected explainKnownUser(user: number, item: number): Explanation {
    const p = this.profile(user)
    const d = this.features.dimension
    const x = this.features.values
    let pn = 0
    for (let k = 0; k < d; k++) pn += p[k] * p[k]
    const norm = Math.sqrt(pn) * this.itemNorm[item]
    const terms: Contribution[] = []
    for (let k = 0; norm > 0 && k < d; k++) {
      const v = p[k] * x[item * d + k]
      if (v === 0) continue
      const name = this.features.names?.[k] ?? `feature ${k}`
      terms.push({ label: `${name} (${formatValue(v / norm)})`, value: v / norm })
    }
    return additiveExplanation(
      item,
      this.scoreKnownUser(user)[item],
      terms,
      "Recommended because it matches what you interacted with:",
      `Score 0: #${item} shares no feature with the items you interacted with`,
    )
  }
}

/**
 * One-hot item attributes from the world's catalogue: category (nCategories columns) then brand
 * (one column per brand name), each block weighted by `categoryWeight` / `brandWeight` (defaults 1 and 0.5).
 * @example catalogFeatures(world.catalog, world.nCategories)
 */
export function catalogFeatures(
  catalog: { category: Int32Array; brand: Int32Array; brandNames: string[] },
  nCategories: number,
  categoryWeight = 1,
  brandWeight = 0.5,
): ItemFeatures {
  const nItems = catalog.category.length
  const dimension = nCategories + catalog.brandNames.length
  const values = new Float64Array(nItems * dimension)
  for (let i = 0; i < nItems; i++) {
    values[i * dimension + catalog.category[i]] = categoryWeight
    values[i * dimension + nCategories + catalog.brand[i]] = brandWeight
  }
  const names = [
    ...Array.from({ length: nCategories }, (_, c) => `category ${c}`),
    ...catalog.brandNames.map((b) => `brand ${b}`),
  ]
  return { nItems, dimension, values, names }
}

/**
 * Item features from a text feature matrix, e.g. the TF-IDF rows of the product descriptions
 * (`new TfidfVectorizer().fitTransform(world.catalog.descriptionZh)`, src/text), one row per item;
 * `names` (e.g. the vectorizer's vocabulary) name the columns in explanations.
 * @example new ContentBased(textItemFeatures(new TfidfVectorizer().fitTransform(world.catalog.descriptionEn)))
 */
export function textItemFeatures(matrix: FeatureMatrix, names?: readonly string[]): ItemFeatures {
  const dense = toDense(matrix)
  if (names && names.length !== dense.nCols)
    throw new Error(`textItemFeatures: ${names.length} names for ${dense.nCols} feature columns`)
  return { nItems: dense.nRows, dimension: dense.nCols, values: dense.data, ...(names ? { names } : {}) }
}
