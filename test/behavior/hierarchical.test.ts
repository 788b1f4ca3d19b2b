import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { agglomerative, cutTree, LINKAGES, type Linkage } from "../../src/behavior/hierarchical"
import { dendrogram } from "../../src/behavior/dendrogram"
import { denseMatrix } from "../../src/linalg/matrix"

// test/behavior/reference/clustering_reference.py (SciPy 1.10.1 on Debian) wrote this fixture.
const reference = JSON.parse(readFileSync(join(__dirname, "fixtures/clustering-reference.json"), "utf8")) as {
  points: number[][]
  linkage: Record<
    Linkage,
    { Z: number[][]; maxclust: Record<string, number[]>; leaves: number[]; icoord: number[][]; dcoord: number[][] }
  >
}
const X = denseMatrix(reference.points)

/** True when two labelings describe the same partition (a bijection between their labels). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>()
  const ba = new Map<number, number>()
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false
    ab.set(a[i], b[i])
    ba.set(b[i], a[i])
  }
  return true
}

describe("agglomerative clustering vs scipy.cluster.hierarchy.linkage", () => {
  for (const method of LINKAGES) {
    it(`${method} linkage: the same merges, heights (1e-9) and sizes`, () => {
      const Z = agglomerative(X, method)
      const ref = reference.linkage[method].Z
      expect(Z.n).toBe(70)
      ref.forEach(([l, r, h, s], i) => {
        expect([Z.left[i], Z.right[i], Z.size[i]], `row ${i}`).toEqual([l, r, s])
        expect(Math.abs(Z.height[i] - h), `row ${i}`).toBeLessThan(1e-9)
      })
    })

    it(`${method} linkage: cutTree equals fcluster(Z, k, "maxclust") and the dendrogram equals scipy's`, () => {
      const Z = agglomerative(X, method)
      for (const [k, labels] of Object.entries(reference.linkage[method].maxclust)) {
        const cut = cutTree(Z, Number(k))
        expect(new Set(cut).size).toBe(Number(k))
        expect(samePartition(cut, labels), `k = ${k}`).toBe(true)
      }
      const { leaves, links } = dendrogram(Z)
      expect(Array.from(leaves)).toEqual(reference.linkage[method].leaves)
      const key = (x: number[], y: number[]) => [...x, ...y].map((v) => v.toFixed(9)).join(",")
      const theirs = reference.linkage[method].icoord.map((x, i) => key(x, reference.linkage[method].dcoord[i])).sort()
      expect(links.map((l) => key(l.x, l.y)).sort()).toEqual(theirs)
    })
  }

  it("small cases by hand: Ward's height is √(2·ΔSSE); single and complete are the closest and farthest pairs", () => {
    const points = denseMatrix([[0], [1], [3], [7]])
    const single = agglomerative(points, "single")
    expect(Array.from(single.height)).toEqual([1, 2, 4])
    const complete = agglomerative(points, "complete")
    expect(Array.from(complete.height)).toEqual([1, 3, 7])
    expect([complete.left[2], complete.right[2]]).toEqual([3, 5]) // point 3 joins the cluster {0, 1, 2} made by row 1
    const ward = agglomerative(denseMatrix([[0], [1], [3]]), "ward")
    // {0, 1}: ΔSSE = 0.5 → height 1; then {0, 1} + {3}: ΔSSE = (2·1/3)·2.5² = 25/6 → height √(25/3)
    expect(ward.height[0]).toBeCloseTo(1, 14)
    expect(ward.height[1]).toBeCloseTo(Math.sqrt(25 / 3), 14)
    const average = agglomerative(denseMatrix([[0], [1], [3]]), "average")
    expect(average.height[1]).toBeCloseTo(2.5, 14)
  })

  it("one point gives an empty tree; bad input is named", () => {
    const one = agglomerative(denseMatrix([[1, 2]]), "ward")
    expect(one.height.length).toBe(0)
    expect(Array.from(cutTree(one, 1))).toEqual([0])
    expect(dendrogram(one).links).toEqual([])
    expect(() => agglomerative(X, "median" as Linkage)).toThrow(
      "agglomerative: linkage must be one of single, complete, average, ward, got median",
    )
    expect(() => agglomerative(denseMatrix([[0], [Number.NaN]]), "ward")).toThrow("agglomerative: X[1][0] is NaN")
    expect(() => cutTree(agglomerative(X, "ward"), 0)).toThrow("cutTree: k must be an integer in [1, 70], got 0")
  })
})
