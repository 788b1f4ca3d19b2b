import { describe, expect, it } from "vitest"
import { KMeans, kmeansPlusPlus } from "../../src/behavior/kmeans"
import { createRng } from "../../src/random/rng"
import { denseMatrix } from "../../src/linalg/matrix"
import data from "./fixtures/kmeans-data.json"

// Reference: scikit-learn 1.2.1, computed by hand on fixtures/kmeans-data.json (120 points, 4 blobs):
//   KMeans(n_clusters=k, init=<given centres>, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300)
// k = 4 from rows 0, 1, 2, 5: inertia 357.05171490397777 in 5 iterations;
// k = 3 from rows 0, 1, 2:    inertia 599.6977209609446 in 6 iterations.
// KMeans(n_clusters=4, n_init=10, random_state=r) for r = 0, 1, 2: 357.051715, 357.030811, 357.030811.
const X = denseMatrix(data.X)

describe("KMeans", () => {
  it("from the same initial centres reaches scikit-learn's inertia and centres (k = 4)", () => {
    const km = new KMeans({ k: 4, init: denseMatrix(data.init) }).fit(X)
    expect(Math.abs(km.inertia - 357.05171490397777) / 357.05171490397777).toBeLessThan(0.01)
    expect(km.inertia).toBeCloseTo(357.05171490397777, 9)
    expect(km.nIter).toBe(5)
    expect(Array.from(km.labels.subarray(0, 12))).toEqual([0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2, 1])
    const expected = [
      -0.214576923077, -0.4095, -0.199538461538, 2.790666666667, 3.2379, 2.6917, -0.358757575758, 3.930787878788,
      -1.088212121212, 4.000064516129, -0.256161290323, 0.873322580645,
    ]
    expected.forEach((v, j) => expect(km.centers.data[j]).toBeCloseTo(v, 10))
  })

  it("from the same initial centres reaches scikit-learn's inertia (k = 3)", () => {
    const km = new KMeans({ k: 3, init: denseMatrix(data.init.slice(0, 3)) }).fit(X)
    expect(Math.abs(km.inertia - 599.6977209609446) / 599.6977209609446).toBeLessThan(0.01)
    expect(km.nIter).toBe(6)
  })

  it("k-means++ with 10 restarts is within 1% of scikit-learn's best inertia, and seeded runs repeat", () => {
    const a = new KMeans({ k: 4 }).fit(X, createRng(5))
    const b = new KMeans({ k: 4 }).fit(X, createRng(5))
    expect(a.inertia).toBeLessThan(357.030811 * 1.01)
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels))
    // The inertia equals the sum of squared distances to the assigned centres, and labels are nearest centres.
    let total = 0
    for (let i = 0; i < X.nRows; i++) {
      const c = a.labels[i]
      for (let j = 0; j < 3; j++) total += (X.data[3 * i + j] - a.centers.data[3 * c + j]) ** 2
    }
    expect(a.inertia).toBeCloseTo(total, 9)
    expect(Array.from(a.predict(X))).toEqual(Array.from(a.labels))
  })

  it("more restarts never give a worse inertia than the first run of the same stream", () => {
    const one = new KMeans({ k: 6, nInit: 1 }).fit(X, createRng(9))
    const many = new KMeans({ k: 6, nInit: 8 }).fit(X, createRng(9))
    expect(many.inertia).toBeLessThanOrEqual(one.inertia)
  })

  it("k = n puts every point in its own cluster with zero inertia; an emptied cluster moves to the farthest point", () => {
    const small = denseMatrix([
      [0, 0],
      [1, 0],
      [5, 5],
    ])
    expect(new KMeans({ k: 3 }).fit(small, createRng(1)).inertia).toBe(0)
    // Two identical initial centres: the second one's cluster is empty and moves to the farthest point (5, 5).
    const pts = denseMatrix([
      [0, 0],
      [0, 0],
      [5, 5],
      [1, 1],
    ])
    const km = new KMeans({
      k: 3,
      init: denseMatrix([
        [0, 0],
        [0, 0],
        [1, 1],
      ]),
    }).fit(pts)
    expect(Array.from(km.labels)).toEqual([0, 0, 1, 2])
    expect(km.inertia).toBe(0)
    expect(km.centers.data.every(Number.isFinite)).toBe(true)
  })

  it("predict gives each point the centre of least squared distance, bit for bit (k = 1 … 9), ties to the smaller index", () => {
    const rng = createRng(31)
    const d = 5
    const points = denseMatrix(Array.from({ length: 200 }, () => Array.from({ length: d }, () => rng.next() * 4 - 2)))
    for (let k = 1; k <= 9; k++) {
      // centre k − 1 repeats centre 0 (a tie on every point), the others are random points
      const centres = Array.from({ length: k }, (_, c) => (c > 0 && c === k - 1 ? 0 : c * 7))
      const init = denseMatrix(centres.map((row) => Array.from(points.data.subarray(row * d, row * d + d))))
      const km = new KMeans({ k, init, maxIter: 1 }).fit(points)
      const labels = km.predict(points)
      const final = km.centers.data
      let inertia = 0
      for (let i = 0; i < points.nRows; i++) {
        let best = 0
        let bestD = Infinity
        for (let c = 0; c < k; c++) {
          let s = 0
          for (let j = 0; j < d; j++) {
            const t = points.data[i * d + j] - final[c * d + j]
            s += t * t
          }
          if (s < bestD) {
            bestD = s
            best = c
          }
        }
        expect(labels[i]).toBe(best)
        inertia += bestD
      }
      expect(km.inertia).toBe(inertia)
    }
    // exact ties: centres 0, 4, 8, 12, 16; each query point is halfway between two of them
    const grid = denseMatrix([0, 0, 4, 4, 8, 8, 12, 12, 16, 16].map((v) => [v]))
    const five = new KMeans({ k: 5, init: denseMatrix([[0], [4], [8], [12], [16]]) }).fit(grid)
    expect(Array.from(five.predict(denseMatrix([[2], [6], [10], [14], [18]])))).toEqual([0, 1, 2, 3, 4])
  })

  it("k-means++ seeds are data points, distinct on distinct data", () => {
    const c = kmeansPlusPlus(X, 4, createRng(2))
    const rows = new Set(data.X.map((r) => r.join(",")))
    for (let k = 0; k < 4; k++) expect(rows.has(Array.from(c.subarray(3 * k, 3 * k + 3)).join(","))).toBe(true)
  })

  it("rejects bad options and input with clear errors", () => {
    expect(() => new KMeans({ k: 0 })).toThrow(/k must be/)
    expect(() => new KMeans({ k: 2, nInit: 0 })).toThrow(/nInit/)
    expect(() => new KMeans({ k: 2, init: denseMatrix([[0, 0]]) })).toThrow(/init has 1 centres but k is 2/)
    expect(() => new KMeans({ k: 5 }).fit(denseMatrix([[1], [2]]), createRng(1))).toThrow(
      /k = 5 is larger than the number of points \(2\)/,
    )
    expect(() => new KMeans({ k: 1 }).fit(denseMatrix([[1], [NaN]]), createRng(1))).toThrow(/X\[1\]\[0\] is NaN/)
    expect(() =>
      new KMeans({ k: 1 }).fit({ kind: "dense", nRows: 0, nCols: 1, data: new Float64Array(0) }, createRng(1)),
    ).toThrow(/at least one row/)
    expect(() => new KMeans({ k: 1 }).fit(denseMatrix([[1]]))).toThrow(/an Rng is required/)
    expect(() => new KMeans({ k: 1 }).labels).toThrow(/call fit\(\) first/)
  })
})
