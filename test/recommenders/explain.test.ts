import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { FederatedMf } from "../../src/federated/federated-mf"
import { OnDeviceMf } from "../../src/federated/on-device-mf"
import { PrivateCategoryPopularity } from "../../src/privacy/private-category-popularity"
import { catalogFeatures, ContentBased } from "../../src/recommenders/content-based"
import { Ease } from "../../src/recommenders/ease"
import { FunkSvd } from "../../src/recommenders/funk-svd"
import { ItemKnn } from "../../src/recommenders/item-knn"
import type { Recommender } from "../../src/recommenders/recommender"
import { UserKnn } from "../../src/recommenders/user-knn"
import { createRng } from "../../src/random/rng"
import type { Explanation } from "../../src/schema/explanation"
import { RECOMMENDER_FACTORIES } from "./factories"
import { blockInteractions, fromDense } from "./fixtures"

const train = blockInteractions(30, 20, 21)

/** Every recommender class: the shared contract's factories plus the models outside src/recommenders. */
const MODELS: [string, () => Recommender][] = [
  ...RECOMMENDER_FACTORIES.map(([name, make]): [string, () => Recommender] => [name, () => make().fit(train)]),
  ["federated-mf", () => new FederatedMf({ factors: 3, rounds: 3 }).fit(train, createRng(2))],
  [
    "on-device-mf",
    () => {
      const fed = new FederatedMf({ factors: 3, rounds: 3 }).fit(train, createRng(2))
      return new OnDeviceMf(fed.itemFactors_, { factors: 3, alpha: 2, regularization: 10 }).fit(train)
    },
  ],
  [
    "private category popularity",
    () =>
      new PrivateCategoryPopularity({
        itemCategory: Int32Array.from({ length: 20 }, (_, i) => i % 4),
        nCategories: 4,
        epsilon: 1,
      }).fit(train, createRng(5)),
  ],
]

/** Σ (or Π) of the contributions, as the explanation says they combine. */
function combined(e: Explanation): number {
  if (e.combine === "product") return e.contributions.reduce((p, c) => p * c.value, 1)
  return e.contributions.reduce((s, c) => s + c.value, 0)
}

describe.each(MODELS)("explain: %s", (_name, make) => {
  const model = make()

  it("every item of known users: the score is score(user)[item] and the contributions make it (sums: largest first)", () => {
    for (const user of [0, 1, 7, 29]) {
      const scores = model.score(user)
      for (let item = 0; item < 20; item++) {
        const e = model.explain(user, item)
        expect(e.item).toBe(item)
        expect(e.kind).toBe("score")
        expect(e.score).toBe(scores[item])
        expect(e.combine).not.toBe("none")
        expect(combined(e)).toBeCloseTo(e.score, 10)
        expect(e.text.length).toBeGreaterThan(10)
        for (let j = 1; e.combine === "sum" && j < e.contributions.length; j++)
          expect(Math.abs(e.contributions[j - 1].value)).toBeGreaterThanOrEqual(Math.abs(e.contributions[j].value))
      }
    }
  })

  it("an unknown user gets the popularity fall-back explained; bad items are refused", () => {
    const scores = model.score(30)
    for (let item = 0; item < 20; item++) {
      const e = model.explain(30, item)
      expect(e.score).toBe(scores[item])
      expect(e.text).toMatch(/popular/)
    }
    expect(() => model.explain(0, 20)).toThrow(/item must be an integer in \[0, 20\), got 20/)
    expect(() => model.explain(0, -1)).toThrow(/item must be an integer/)
  })
})

describe("every recommender is explained", () => {
  it("each class extending BaseRecommender in src/ is among the models above", () => {
    const src = join(__dirname, "..", "..", "src")
    const classes = new Set<string>()
    for (const folder of readdirSync(src, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue
      for (const file of readdirSync(join(src, folder.name))) {
        if (!file.endsWith(".ts")) continue
        const text = readFileSync(join(src, folder.name, file), "utf8")
        for (const m of text.matchAll(/class (\w+) extends BaseRecommender/g)) classes.add(m[1])
      }
    }
    const covered = new Set(MODELS.map(([, make]) => make().constructor.name))
    expect([...classes].filter((c) => !covered.has(c))).toEqual([])
    expect(classes.size).toBeGreaterThanOrEqual(12)
  })
})

describe("explanations against hand computations", () => {
  // Users × items; item 0 = (2, 1, 0, 1), item 1 = (1, 0, 1, 1), item 2 = (0, 1, 1, 1) over the users.
  const small = fromDense([
    [2, 1, 0],
    [1, 0, 1],
    [0, 1, 1],
    [1, 1, 1],
  ])

  it("item-kNN: user 0's score of item 2 is s₀₂·2 + s₁₂·1 with cosines 2/√18 and 2/3", () => {
    const e = new ItemKnn({ neighbours: 2, shrinkage: 0 }).fit(small).explain(0, 2)
    const s02 = 2 / Math.sqrt(18)
    expect(e.contributions.map((c) => c.value)).toEqual([expect.closeTo(2 * s02, 12), expect.closeTo(2 / 3, 12)])
    expect(e.score).toBeCloseTo(2 * s02 + 2 / 3, 12)
    expect(e.text).toBe(
      "Recommended because you interacted with #0 (similarity 0.471 × 2) and #1 (similarity 0.667 × 1)",
    )
  })

  it("user-kNN: user 0's score of item 2 is Σ over the neighbours who took it of s_uv · r_v2", () => {
    // Users as vectors: u0 = (2, 1, 0), u1 = (1, 0, 1), u2 = (0, 1, 1), u3 = (1, 1, 1).
    const e = new UserKnn({ neighbours: 3, shrinkage: 0 }).fit(small).explain(0, 2)
    const n0 = Math.sqrt(5)
    const cos = [2 / (n0 * Math.sqrt(2)), 1 / (n0 * Math.sqrt(2)), 3 / (n0 * Math.sqrt(3))]
    expect(e.contributions.map((c) => c.label)).toEqual([
      "user 3 (similarity 0.775 × 1)",
      "user 1 (similarity 0.632 × 1)",
      "user 2 (similarity 0.316 × 1)",
    ])
    expect(e.score).toBeCloseTo(cos[0] + cos[1] + cos[2], 12)
  })

  it("EASE: user 0's score of item 2 is 2·B₀₂ + 1·B₁₂", () => {
    const ease = new Ease({ lambda: 1 }).fit(small)
    const e = ease.explain(0, 2)
    const b = ease.weights_
    expect(e.contributions.map((c) => c.value).sort()).toEqual([2 * b[0 * 3 + 2], 1 * b[1 * 3 + 2]].sort())
  })

  it("Funk-SVD: μ + b_u + b_i + Σ_k p_uk q_ik, each term as the model holds it", () => {
    const svd = new FunkSvd({ factors: 2, epochs: 5 }).fit(small, createRng(4))
    const e = svd.explain(1, 2)
    const terms = new Map(e.contributions.map((c) => [c.label.replace(/ \(.*\)$/, ""), c.value]))
    expect(terms.get("the mean rating")).toBe(svd.globalMean_)
    expect(terms.get("your bias")).toBe(svd.userBias_[1])
    expect(terms.get("the item's bias")).toBe(svd.itemBias_[2])
    expect(terms.get("latent factor 1")).toBe(svd.userFactors_[1 * 2 + 1] * svd.itemFactors_[2 * 2 + 1])
    expect(e.score).toBe(svd.predict(1, 2))
  })

  it("content-based: named catalogue features, each p_k x_ik / (‖p‖‖x_i‖)", () => {
    // Items 0, 1 in category 0, item 2 in category 1; brands A, B, A.
    const features = catalogFeatures(
      { category: Int32Array.of(0, 0, 1), brand: Int32Array.of(0, 1, 0), brandNames: ["A", "B"] },
      2,
    )
    const e = new ContentBased(features).fit(small).explain(2, 0)
    // u2 took items 1 and 2: p = ((1·1 + 0)/2, (0 + 1)/2, (0 + 0.5)/2, (0.5 + 0)/2) = (0.5, 0.5, 0.25, 0.25); x_0 = (1, 0, 0.5, 0).
    const norm = Math.sqrt(0.25 + 0.25 + 0.0625 + 0.0625) * Math.sqrt(1.25)
    expect(e.contributions).toEqual([
      { label: "category 0 (0.566)", value: 0.5 / norm },
      { label: "brand A (0.141)", value: 0.125 / norm },
    ])
  })
})
