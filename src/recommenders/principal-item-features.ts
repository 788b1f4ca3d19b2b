import { principalComponents, projectOntoComponents } from "../linalg/principal-components"
import type { ItemFeatures } from "./content-based"

/**
 * Item features compressed to their first k principal components (src/linalg/principal-components.ts):
 * item i becomes z_i = V (x_i − x̄), the scores on the k directions of largest variance across the
 * catalogue — eigen-images for pixels, latent semantic axes for TF-IDF rows. Small, dense and
 * centred, so a linear model fits them quickly and a cosine on them ignores what all items share.
 * @example const z = principalItemFeatures(textItemFeatures(tfidf), 8) // 8 columns per item
 */
export function principalItemFeatures(features: ItemFeatures, k: number): ItemFeatures {
  const pca = principalComponents(features.values, features.nItems, features.dimension, k)
  return { nItems: features.nItems, dimension: k, values: projectOntoComponents(pca, features.values, features.nItems) }
}
