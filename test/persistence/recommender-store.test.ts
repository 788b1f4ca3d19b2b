import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { FederatedMf } from "../../src/federated/federated-mf"
import { OnDeviceMf } from "../../src/federated/on-device-mf"
import {
  loadRecommender,
  recommenderFromState,
  recommenderState,
  SAVABLE_RECOMMENDERS,
  saveRecommender,
} from "../../src/persistence/recommender-store"
import { PrivateCategoryPopularity } from "../../src/privacy/private-category-popularity"
import { createRng } from "../../src/random/rng"
import type { BaseRecommender } from "../../src/recommenders/base-recommender"
import { ImplicitAls } from "../../src/recommenders/implicit-als"
import { Popularity } from "../../src/recommenders/popularity"
import { blockInteractions } from "../recommenders/fixtures"
import { RECOMMENDER_FACTORIES } from "../recommenders/factories"
import { tempDir } from "../temp-dir"

const train = blockInteractions(30, 20, 21)
const dir = tempDir("il-recommender-store-")

/** Every user's scores (an unseen one included) and top-5 lists of both models, bit for bit. */
function expectSameModel(a: BaseRecommender, b: BaseRecommender): void {
  expect(b.constructor).toBe(a.constructor)
  expect(b.name).toBe(a.name)
  for (const u of [0, 3, 17, 29, 30]) {
    expect(Array.from(b.score(u))).toEqual(Array.from(a.score(u)))
    expect(b.recommend(u, 5)).toEqual(a.recommend(u, 5))
  }
}

const objective = { factors: 3, alpha: 4, regularization: 0.5 }
const fitted: [string, () => BaseRecommender][] = [
  ...RECOMMENDER_FACTORIES.map(([name, make]): [string, () => BaseRecommender] => [
    name,
    () => make().fit(train, createRng(5)) as unknown as BaseRecommender,
  ]),
  ["federated-mf", () => new FederatedMf({ ...objective, rounds: 3, clientsPerRound: 10 }).fit(train, createRng(2))],
  [
    "on-device-mf",
    () =>
      new OnDeviceMf(
        new ImplicitAls({ ...objective, iterations: 3 }).fit(train, createRng(1)).itemFactors_,
        objective,
      ).fit(train),
  ],
  [
    "private-category-popularity",
    () =>
      new PrivateCategoryPopularity({
        itemCategory: Int32Array.from({ length: 20 }, (_, i) => i % 4),
        nCategories: 4,
        epsilon: 1,
      }).fit(train, createRng(3)),
  ],
]

describe.each(fitted)("saving and loading %s", (name, make) => {
  it("the loaded model scores and recommends exactly as the saved one; equal models give identical files", () => {
    const model = make()
    const again = recommenderFromState(recommenderState(model))
    expectSameModel(model, again)
    expect(recommenderState(again).json).toBe(recommenderState(model).json)
    expect(Array.from(recommenderState(again).binary)).toEqual(Array.from(recommenderState(model).binary))
    const path = join(dir, name)
    saveRecommender(model, path)
    expectSameModel(model, loadRecommender(path))
    expect(() => saveRecommender(model, path)).toThrow(`${path}.json already exists; pass { overwrite: true }`)
    saveRecommender(make(), path, { overwrite: true })
    expect(readFileSync(`${path}.json`, "utf8")).toBe(recommenderState(model).json)
  })
})

describe("recommender store", () => {
  it("knows every recommender class of the library", () => {
    expect([...SAVABLE_RECOMMENDERS].sort()).toEqual([
      "Bpr",
      "ContentBased",
      "Ease",
      "ExplicitAls",
      "FederatedMf",
      "FunkSvd",
      "ImplicitAls",
      "ItemKnn",
      "OnDeviceMf",
      "Popularity",
      "PrivateCategoryPopularity",
      "UserKnn",
    ])
  })

  it("refuses a model not fitted, and names a missing file", () => {
    expect(() => recommenderState(new Popularity())).toThrow(
      "popularity is not fitted; call fit(train) before saving it",
    )
    expect(() => loadRecommender(join(dir, "nothing"))).toThrow(
      `loadRecommender: ${join(dir, "nothing")}.json does not exist`,
    )
    expect(existsSync(join(dir, "nothing.bin"))).toBe(false)
  })
})
