import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { dbscan } from "../../src/behavior/dbscan"
import { denseMatrix } from "../../src/linalg/matrix"

// test/behavior/reference/clustering_reference.py (scikit-learn 1.2.1 on Debian) wrote this fixture.
const reference = JSON.parse(readFileSync(join(__dirname, "fixtures/clustering-reference.json"), "utf8")) as {
  points: number[][]
  dbscan: { eps: number; minSamples: number; labels: number[]; core: number[] }[]
}

describe("dbscan vs scikit-learn's DBSCAN", () => {
  for (const { eps, minSamples, labels, core } of reference.dbscan) {
    it(`eps = ${eps}, minSamples = ${minSamples}: identical labels, noise and core points`, () => {
      const result = dbscan(denseMatrix(reference.points), { eps, minSamples })
      expect(Array.from(result.labels)).toEqual(labels)
      expect(Array.from(result.core)).toEqual(core)
      expect(result.nClusters).toBe(Math.max(...labels) + 1)
    })
  }

  it("by hand: a chain of core points is one cluster, a border point joins it, an isolated point is noise", () => {
    const X = denseMatrix([[0], [1], [2], [3], [3.9], [10]])
    const { labels, core } = dbscan(X, { eps: 1, minSamples: 3 })
    expect(Array.from(core)).toEqual([0, 1, 1, 1, 0, 0])
    expect(Array.from(labels)).toEqual([0, 0, 0, 0, 0, -1])
    // a point at exactly eps is a neighbour
    expect(Array.from(dbscan(denseMatrix([[0], [1]]), { eps: 1, minSamples: 2 }).labels)).toEqual([0, 0])
  })

  it("names bad options", () => {
    const X = denseMatrix([[0], [1]])
    expect(() => dbscan(X, { eps: 0 })).toThrow("dbscan: eps must be a finite number > 0, got 0")
    expect(() => dbscan(X, { eps: 1, minSamples: 0 })).toThrow("dbscan: minSamples must be an integer >= 1, got 0")
  })
})
