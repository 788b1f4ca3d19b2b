import type { Rng } from "../../src/random/rng"
import type { Interactions } from "../../src/recommenders/interactions"
import { Bpr } from "../../src/recommenders/bpr"
import { Ease } from "../../src/recommenders/ease"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { ItemKnn } from "../../src/recommenders/item-knn"
import { Popularity } from "../../src/recommenders/popularity"
import type { Recommender } from "../../src/recommenders/recommender"

/** A recommender whose fit may take an explicit Rng (the base class's signature). */
export interface FittableRecommender extends Recommender {
  fit(train: Interactions, rng?: Rng): this
}

/** Every recommender with small, fast settings, for the shared contract test. */
export const RECOMMENDER_FACTORIES: [string, () => FittableRecommender][] = [
  ["popularity", () => new Popularity()],
  ["item-knn cosine", () => new ItemKnn({ neighbours: 5 })],
  ["item-knn pearson", () => new ItemKnn({ neighbours: 5, similarity: "pearson" })],
  ["implicit-als", () => new ImplicitAls({ factors: 4, iterations: 3 })],
  ["bpr", () => new Bpr({ factors: 4, epochs: 3 })],
  ["ease", () => new Ease({ lambda: 5 })],
]
