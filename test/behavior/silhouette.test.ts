import { describe, expect, it } from "vitest"
import { KMeans } from "../../src/behavior/kmeans"
import { silhouetteSamples, silhouetteScore } from "../../src/behavior/silhouette"
import { denseMatrix } from "../../src/linalg/matrix"
import data from "./fixtures/kmeans-data.json"

// Reference: scikit-learn 1.2.1 sklearn.metrics.silhouette_score, computed by hand on fixtures/kmeans-data.json.
const X = denseMatrix(data.X)

describe("silhouette", () => {
  it("matches scikit-learn to 1e-9 on the k-means labels from the given centres", () => {
    const k4 = new KMeans({ k: 4, init: denseMatrix(data.init) }).fit(X)
    expect(Math.abs(silhouetteScore(X, k4.labels) - 0.45972239249705343)).toBeLessThan(1e-9)
    const k3 = new KMeans({ k: 3, init: denseMatrix(data.init.slice(0, 3)) }).fit(X)
    expect(Math.abs(silhouetteScore(X, k3.labels) - 0.39870245139171817)).toBeLessThan(1e-9)
  })

  it("matches scikit-learn to 1e-9 on the generating labels (i mod 4)", () => {
    const labels = data.X.map((_, i) => i % 4)
    expect(Math.abs(silhouetteScore(X, labels) - 0.43516757945496626)).toBeLessThan(1e-9)
  })

  it("computes the textbook case by hand and gives 0 to a singleton", () => {
    // Points 0, 1 | 10, 11 | 30: for x=0, a = 1, b = mean(10, 11) = 10.5, s = 9.5/10.5.
    const s = silhouetteSamples(denseMatrix([[0], [1], [10], [11], [30]]), [0, 0, 1, 1, 2])
    expect(s[0]).toBeCloseTo(9.5 / 10.5, 15)
    expect(s[4]).toBe(0)
  })

  it("rejects one cluster, n clusters, and bad labels", () => {
    const Y = denseMatrix([[0], [1], [2]])
    expect(() => silhouetteScore(Y, [0, 0, 0])).toThrow(/number of clusters must be in \[2, n − 1\]/)
    expect(() => silhouetteScore(Y, [0, 1, 2])).toThrow(/number of clusters/)
    expect(() => silhouetteScore(Y, [0, 1])).toThrow(/labels has 2 entries but X has 3 rows/)
    expect(() => silhouetteScore(Y, [0, 1, -1])).toThrow(/labels\[2\] is -1/)
  })
})
