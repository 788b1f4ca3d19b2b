import type { Rng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { TabularFeatures } from "./tabular-features"

/**
 * Each feature's values replaced by dense ranks (equal values share a rank) plus the sorted distinct
 * values: computed once per data set so that every split search sorts small integers, not floats.
 */
export interface RankedFeatures {
  rows: number
  cols: number
  /** rank[f * rows + r]: the rank of row r's value of feature f among f's distinct values. */
  rank: Int32Array
  /** values[f]: feature f's distinct values, ascending. */
  values: Float64Array[]
}

/** Dense ranks of every column of `x` (see {@link RankedFeatures}). */
export function rankFeatures(x: TabularFeatures): RankedFeatures {
  const { rows, cols, data } = x
  const rank = new Int32Array(rows * cols)
  const values: Float64Array[] = []
  const order = new Int32Array(rows)
  for (let f = 0; f < cols; f++) {
    for (let r = 0; r < rows; r++) order[r] = r
    order.sort((a, b) => data[a * cols + f] - data[b * cols + f])
    const distinct: number[] = []
    let prev = NaN
    for (let k = 0; k < rows; k++) {
      const v = data[order[k] * cols + f]
      if (v !== prev) {
        distinct.push(v)
        prev = v
      }
      rank[f * rows + order[k]] = distinct.length - 1
    }
    values.push(Float64Array.from(distinct))
  }
  return { rows, cols, rank, values }
}

/** Options of {@link growTree}. */
export interface TreeOptions {
  maxDepth: number
  minSamplesLeaf: number
  /** Features tried per split (sampled without replacement); `cols` = all. */
  maxFeatures: number
}

/** A fitted binary classification tree in flat arrays; leaves have feature −1. */
export interface Tree {
  feature: Int32Array
  threshold: Float64Array
  left: Int32Array
  right: Int32Array
  /** Share of positive (bootstrap-weighted) training rows in the node. */
  value: Float64Array
  nodes: number
}

/**
 * Grows a CART classification tree (Breiman et al. 1984) on the rows `sample` (repeats = bootstrap
 * weights) by greedy binary splits x_f ≤ t minimising the weighted Gini impurity
 *   n_L·2p_L(1−p_L) + n_R·2p_R(1−p_R),
 * thresholds at midpoints between consecutive distinct values present in the node (as scikit-learn does). At each node
 * `maxFeatures` features are drawn with `rng` (Breiman's random forest, 2001).
 * Checked against scikit-learn's DecisionTreeClassifier in test/neural/random-forest.test.ts.
 * @internal
 */
export function growTree(
  data: RankedFeatures,
  y: ArrayLike<number>,
  sample: Int32Array,
  options: TreeOptions,
  rng: Rng,
): Tree {
  const { rows, cols, rank, values } = data
  const cap = 2 * sample.length + 1
  const tree: Tree = {
    feature: new Int32Array(cap).fill(-1),
    threshold: new Float64Array(cap),
    left: new Int32Array(cap).fill(-1),
    right: new Int32Array(cap).fill(-1),
    value: new Float64Array(cap),
    nodes: 0,
  }
  const idx = Int32Array.from(sample)
  const keys = new Int32Array(idx.length)
  const scratch = new Int32Array(idx.length)
  const features = new Int32Array(cols)
  for (let f = 0; f < cols; f++) features[f] = f
  const minLeaf = options.minSamplesLeaf

  const grow = (start: number, end: number, depth: number): number => {
    const node = tree.nodes++
    const n = end - start
    let pos = 0
    for (let k = start; k < end; k++) pos += y[idx[k]]
    tree.value[node] = pos / n
    if (depth >= options.maxDepth || n < 2 * minLeaf || pos === 0 || pos === n) return node
    let bestScore = (2 * pos * (n - pos)) / n - 1e-12
    let bestFeature = -1
    let bestRank = -1
    let bestNext = -1
    // Partial Fisher–Yates: the first maxFeatures entries become a uniform sample without replacement.
    for (let j = 0; j < options.maxFeatures; j++) {
      const swap = j + randomInt(rng, cols - j)
      const f = features[swap]
      features[swap] = features[j]
      features[j] = f
      const base = f * rows
      for (let k = start; k < end; k++) keys[k - start] = rank[base + idx[k]] * 2 + y[idx[k]]
      const sorted = keys.subarray(0, n).sort()
      let nl = 0
      let pl = 0
      for (let k = 0; k < n - 1; k++) {
        nl++
        pl += sorted[k] & 1
        const r = sorted[k] >> 1
        if (r === sorted[k + 1] >> 1 || nl < minLeaf || n - nl < minLeaf) continue
        const nr = n - nl
        const pr = pos - pl
        const score = (2 * pl * (nl - pl)) / nl + (2 * pr * (nr - pr)) / nr
        if (score < bestScore) {
          bestScore = score
          bestFeature = f
          bestRank = r
          bestNext = sorted[k + 1] >> 1
        }
      }
    }
    if (bestFeature < 0) return node
    const base = bestFeature * rows
    let l = start
    let s = 0
    for (let k = start; k < end; k++) {
      const row = idx[k]
      if (rank[base + row] <= bestRank) idx[l++] = row
      else scratch[s++] = row
    }
    idx.set(scratch.subarray(0, s), l)
    const v = values[bestFeature]
    tree.feature[node] = bestFeature
    tree.threshold[node] = (v[bestRank] + v[bestNext]) / 2
    tree.left[node] = grow(start, l, depth + 1)
    tree.right[node] = grow(l, end, depth + 1)
    return node
  }
  grow(0, idx.length, 0)
  return tree
}

/**
 * The leaf value (P(y = 1)) that row `r` of `x` falls into.
 * @internal
 */
export function treeProba(tree: Tree, x: TabularFeatures, r: number): number {
  let node = 0
  const row = r * x.cols
  while (tree.feature[node] >= 0)
    node = x.data[row + tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node]
  return tree.value[node]
}
