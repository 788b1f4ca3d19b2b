import { describe, expect, it } from "vitest"
import { createRng } from "../../src/random/rng"
import { Bpr } from "../../src/recommenders/bpr"
import { evaluateHoldout } from "../../src/recommenders/evaluate"
import { ItemKnn } from "../../src/recommenders/item-knn"
import { augmentSparseUsers } from "../../src/recommenders/sparse-user-augmentation"
import { evaluateSparseUsers } from "../../src/recommenders/sparse-user-evaluation"
import { blockInteractions, fromDense } from "./fixtures"

function row(m: { indptr: Int32Array; items: Int32Array; values: Float64Array }, u: number) {
  const items = Array.from(m.items.subarray(m.indptr[u], m.indptr[u + 1]))
  const values = Array.from(m.values.subarray(m.indptr[u], m.indptr[u + 1]))
  return { items, values }
}

describe("augmentSparseUsers", () => {
  it("adds pseudo-items by co-occurrence to users with few items only, keeping every original entry", () => {
    // Items 0 and 1 always co-occur, as do 2 and 3; user 4 has only item 0, user 5 only item 2.
    const m = fromDense([
      [1, 1, 0, 0, 0],
      [1, 1, 0, 0, 1],
      [0, 0, 1, 1, 0],
      [0, 0, 1, 1, 1],
      [2, 0, 0, 0, 0],
      [0, 0, 3, 0, 0],
    ])
    const a = augmentSparseUsers(m, { maxInteractions: 1, pseudoPerUser: 2, value: 0.5, shrinkage: 0 })
    expect(Array.from(a.sparseUsers)).toEqual([4, 5])
    for (const u of [0, 1, 2, 3]) expect(row(a.interactions, u)).toEqual(row(m, u))
    // Cosine on the values: s(0,1) = 2/√12 ≈ 0.58 > s(0,4) = 1/√12 ≈ 0.29 > 0 = s(0,2): items 1, then 4.
    expect(row(a.interactions, 4)).toEqual({ items: [0, 1, 4], values: [2, 0.5, 0.5] })
    expect(row(a.interactions, 5)).toEqual({ items: [2, 3, 4], values: [3, 0.5, 0.5] })
    expect(a.added).toBe(4)
  })

  it("on a larger matrix: only users with 1..k items gain, at most m each, never an item they had, as item-kNN ranks them", () => {
    const train = blockInteractions(80, 40, 3, 0.12, 0.02)
    const k = 3
    const m = 4
    const a = augmentSparseUsers(train, { maxInteractions: k, pseudoPerUser: m })
    const knn = new ItemKnn().fit(train)
    let sparse = 0
    for (let u = 0; u < train.nUsers; u++) {
      const before = row(train, u)
      const after = row(a.interactions, u)
      const added = after.items.filter((i) => !before.items.includes(i))
      for (const i of before.items) expect(after.items).toContain(i)
      const n = before.items.length
      if (n < 1 || n > k) {
        expect(added).toEqual([])
        continue
      }
      sparse++
      const expected = knn
        .recommend(u, m)
        .filter((r) => r.score > 0)
        .map((r) => r.item)
      expect(added.sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y))
    }
    expect(sparse).toBeGreaterThan(5)
    expect(a.interactions.items.length).toBe(train.items.length + a.added)
    expect(augmentSparseUsers(train, { maxInteractions: k, pseudoPerUser: m })).toEqual(a)
  })

  it("rejects bad options", () => {
    const train = blockInteractions(10, 8, 1)
    expect(() => augmentSparseUsers(train, { maxInteractions: 0 })).toThrow(
      /augmentSparseUsers: maxInteractions must be an integer >= 1, got 0/,
    )
    expect(() => augmentSparseUsers(train, { value: 0 })).toThrow(/value must be a finite number > 0, got 0/)
  })
})

describe("evaluateSparseUsers", () => {
  it("equals evaluateHoldout when the range covers every user and the model is fitted on the same matrix", () => {
    const all = blockInteractions(60, 30, 8)
    const train = blockInteractions(60, 30, 8, 0.2, 0.02)
    const model = new Bpr({ factors: 4, epochs: 5 }).fit(train, createRng(1))
    const a = evaluateSparseUsers(model, train, all, { maxInteractions: 1000, minInteractions: 0, k: 5 })
    expect(a).toEqual(evaluateHoldout(model, train, all, 5))
    const sparse = evaluateSparseUsers(model, train, all, { maxInteractions: 3, k: 5 })
    expect(sparse.users).toBeLessThan(a.users)
    expect(() => evaluateSparseUsers(model, train, all, { maxInteractions: 0, minInteractions: 1 })).toThrow(
      /need integers 0 <= minInteractions <= maxInteractions, got 1 and 0/,
    )
  })
})
