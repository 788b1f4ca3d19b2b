import { describe, expect, it } from "vitest"
import { growTree, rankFeatures, treeProba } from "../../src/neural/decision-tree"
import type { TabularFeatures } from "../../src/neural/tabular-features"
import { RandomForest } from "../../src/neural/random-forest"
import { createRng } from "../../src/random/rng"

const frac = (v: number) => v - Math.floor(v)

/** The data of test/neural/reference/ref_tree.py (numpy, scikit-learn 1.2.1; run by hand): x_ij = round(frac(sin(i·12.9898 + j·78.233 + 1)·43758.5453), 3). */
function data(offset: number, n = 300, d = 4): { x: TabularFeatures; y: Uint8Array } {
  const x = new Float32Array(n * d)
  const y = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      x[i * d + j] = Math.round(frac(Math.sin((i + offset) * 12.9898 + j * 78.233 + 1) * 43758.5453) * 1000) / 1000
    y[i] = Number(x[i * d] + 0.5 * x[i * d + 1] > 0.8) ^ Number(frac((i + offset) * 0.618) < 0.1)
  }
  return { x: { data: x, rows: n, cols: d }, y }
}

function auc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let num = 0
  let pos = 0
  let neg = 0
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) pos++
    else neg++
    for (let j = 0; j < y.length; j++) if (y[i] === 1 && y[j] === 0) num += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0
  }
  return num / (pos * neg)
}

describe("CART tree", () => {
  it("grows the tree scikit-learn 1.2.1 grows (DecisionTreeClassifier(max_depth=3, min_samples_leaf=5))", () => {
    const { x, y } = data(0)
    const sample = Int32Array.from({ length: x.rows }, (_, i) => i)
    const tree = growTree(rankFeatures(x), y, sample, { maxDepth: 3, minSamplesLeaf: 5, maxFeatures: 4 }, createRng(1))
    // sklearn: tree_.feature (−2 = leaf) and tree_.threshold, preorder like ours.
    expect(Array.from(tree.feature.subarray(0, tree.nodes))).toEqual([
      0, 0, 2, -1, -1, 1, -1, -1, 1, 0, -1, -1, 3, -1, -1,
    ])
    const thr = [0.5725, 0.289, 0.7235, 0.474, 0.2645, 0.688, 0.828]
    const ours = Array.from(tree.threshold.subarray(0, tree.nodes)).filter((_, k) => tree.feature[k] >= 0)
    ours.forEach((t, k) => expect(t).toBeCloseTo(thr[k], 4))
    const p = Array.from({ length: x.rows }, (_, r) => treeProba(tree, x, r))
    expect(p.slice(0, 8).map((v) => Number(v.toFixed(6)))).toEqual([
      0.520833, 0.016129, 0.111111, 0.904255, 0.904255, 0.111111, 0.904255, 0.016129,
    ])
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(143, 6)
  })
})

describe("RandomForest", () => {
  it("ranks held-out rows about as well as scikit-learn's forest (test AUC 0.878 with the same settings)", () => {
    const train = data(0)
    const test = data(1000)
    const rf = new RandomForest({ seed: 0, nEstimators: 100, maxDepth: 12, minSamplesLeaf: 5 }).fit(train.x, train.y)
    const a = auc(test.y, rf.predictProba(test.x))
    expect(a).toBeGreaterThan(0.878 - 0.03)
    expect(a).toBeLessThan(0.878 + 0.03)
  })

  it("is reproducible from its seed and refits from scratch", () => {
    const { x, y } = data(0)
    const a = new RandomForest({ seed: 5, nEstimators: 10 }).fit(x, y).predictProba(x)
    const rf = new RandomForest({ seed: 5, nEstimators: 10 }).fit(data(500).x, data(500).y)
    expect(rf.fit(x, y).predictProba(x)).toEqual(a)
    expect(new RandomForest({ seed: 6, nEstimators: 10 }).fit(x, y).predictProba(x)).not.toEqual(a)
  })

  it("rejects bad options and inputs with the parameter's name", () => {
    expect(() => new RandomForest({ seed: 1, nEstimators: 0 })).toThrow(/nEstimators must be a positive integer, got 0/)
    expect(() => new RandomForest({ seed: 1, maxFeatures: 0 })).toThrow(
      /maxFeatures must be "sqrt", "all" or a positive integer/,
    )
    const { x, y } = data(0, 10)
    const bad = { ...x, data: x.data.slice() }
    bad.data[5] = NaN
    expect(() => new RandomForest({ seed: 1 }).fit(bad, y)).toThrow(/RandomForest.fit x: row 1, column 1 is NaN/)
    expect(() => new RandomForest({ seed: 1 }).fit(x, y.subarray(0, 9))).toThrow(
      /has 9 labels but the features have 10 rows/,
    )
    const rf = new RandomForest({ seed: 1, nEstimators: 2 }).fit(x, y)
    expect(() => rf.predictProba({ data: new Float32Array(6), rows: 2, cols: 3 })).toThrow(
      /expected 4 feature columns \(as in fit\), got 3/,
    )
  })
})
