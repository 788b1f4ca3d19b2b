import type { Rng } from "../../src/random/rng"
import type { Interactions } from "../../src/schema/interactions"
import { Bpr } from "../../src/recommenders/bpr"
import { ContentBased } from "../../src/recommenders/content-based"
import { Ease } from "../../src/recommenders/ease"
import { ExplicitAls } from "../../src/recommenders/explicit-als"
import { FunkSvd } from "../../src/recommenders/funk-svd"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { ItemKnn } from "../../src/recommenders/item-knn"
import { Popularity } from "../../src/recommenders/popularity"
import type { Recommender } from "../../src/recommenders/recommender"
import { UserKnn } from "../../src/recommenders/user-knn"

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
  ["user-knn cosine", () => new UserKnn({ neighbours: 5 })],
  ["user-knn pearson", () => new UserKnn({ neighbours: 5, similarity: "pearson" })],
  ["funk-svd", () => new FunkSvd({ factors: 4, epochs: 3 })],
  ["explicit-als", () => new ExplicitAls({ factors: 4, iterations: 3 })],
  // 20 items (the contract's catalogue) described by 3 features: their index mod 3, one-hot, plus a constant.
  [
    "content-based",
    () =>
      new ContentBased({
        nItems: 20,
        dimension: 4,
        values: Float64Array.from({ length: 80 }, (_, k) =>
          k % 4 === 3 ? 0.5 : k % 4 === Math.floor(k / 4) % 3 ? 1 : 0,
        ),
      }),
  ],
]
