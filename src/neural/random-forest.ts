import { createRng, splitRng } from "../random/rng"
import { randomInt } from "../random/uniform"
import type { BinaryClassifier } from "./binary-classifier"
import { growTree, rankFeatures, treeProba, type Tree } from "./decision-tree"
import { checkBinaryLabels, checkTabularFeatures, type TabularFeatures } from "./tabular-features"

/** Options of {@link RandomForest} (defaults in brackets, those of scikit-learn where sensible). */
export interface RandomForestOptions {
  seed: number
  /** [100] as in seed 000 §2 */
  nEstimators?: number
  /** [12] */
  maxDepth?: number
  /** [5] */
  minSamplesLeaf?: number
  /** Features tried per split: "sqrt" (⌈√d⌉, scikit-learn's default), "all", or a count ["sqrt"]. */
  maxFeatures?: "sqrt" | "all" | number
  /** Bootstrap rows for each tree [true]. */
  bootstrap?: boolean
}

/**
 * Random forest classifier (Breiman 2001): `nEstimators` CART trees, each on a bootstrap sample with
 * `maxFeatures` features drawn at every split; P(y = 1 | x) is the mean of the trees' leaf shares
 * (scikit-learn's predict_proba). Seeded: tree t draws from its own stream of `seed`.
 * Our own CART rather than ml-random-forest: that package samples features once per tree (not per
 * split), its predictProbability drops the first tree's vote, and its split search is too slow for
 * the notebooks' data (docs/performance.md).
 * @example const rf = new RandomForest({ seed: 42, nEstimators: 100 }).fit(x, y); rf.predictProba(x)
 */
export class RandomForest implements BinaryClassifier {
  readonly name = "random forest"
  readonly config: Required<RandomForestOptions>
  trees_: Tree[] = []
  cols_ = 0

  constructor(options: RandomForestOptions) {
    if (!Number.isSafeInteger(options.seed))
      throw new Error(`RandomForest: seed must be a safe integer, got ${options.seed}`)
    this.config = {
      seed: options.seed,
      nEstimators: options.nEstimators ?? 100,
      maxDepth: options.maxDepth ?? 12,
      minSamplesLeaf: options.minSamplesLeaf ?? 5,
      maxFeatures: options.maxFeatures ?? "sqrt",
      bootstrap: options.bootstrap ?? true,
    }
    for (const key of ["nEstimators", "maxDepth", "minSamplesLeaf"] as const) {
      const v = this.config[key]
      if (!Number.isInteger(v) || v < 1) throw new Error(`RandomForest: ${key} must be a positive integer, got ${v}`)
    }
    const mf = this.config.maxFeatures
    if (mf !== "sqrt" && mf !== "all" && !(Number.isInteger(mf) && mf >= 1)) {
      throw new Error(`RandomForest: maxFeatures must be "sqrt", "all" or a positive integer, got ${String(mf)}`)
    }
  }

  fit(x: TabularFeatures, y: ArrayLike<number>): this {
    checkTabularFeatures(x, "RandomForest.fit x")
    checkBinaryLabels(y, x.rows, "RandomForest.fit y")
    if (x.rows === 0) throw new Error("RandomForest.fit x: no rows")
    const mf = this.config.maxFeatures
    const maxFeatures = mf === "sqrt" ? Math.ceil(Math.sqrt(x.cols)) : mf === "all" ? x.cols : mf
    if (maxFeatures > x.cols)
      throw new Error(`RandomForest: maxFeatures ${maxFeatures} exceeds the ${x.cols} feature columns`)
    const ranked = rankFeatures(x)
    const root = createRng(this.config.seed, 0)
    this.trees_ = []
    const sample = new Int32Array(x.rows)
    for (let t = 0; t < this.config.nEstimators; t++) {
      const rng = splitRng(root)
      for (let i = 0; i < x.rows; i++) sample[i] = this.config.bootstrap ? randomInt(rng, x.rows) : i
      this.trees_.push(
        growTree(
          ranked,
          y,
          sample,
          { maxDepth: this.config.maxDepth, minSamplesLeaf: this.config.minSamplesLeaf, maxFeatures },
          rng,
        ),
      )
    }
    this.cols_ = x.cols
    return this
  }

  predictProba(x: TabularFeatures): Float64Array {
    if (this.trees_.length === 0) throw new Error("RandomForest.predictProba: call fit first")
    checkTabularFeatures(x, "RandomForest.predictProba x", this.cols_)
    const out = new Float64Array(x.rows)
    for (const tree of this.trees_) for (let r = 0; r < x.rows; r++) out[r] += treeProba(tree, x, r)
    for (let r = 0; r < x.rows; r++) out[r] /= this.trees_.length
    return out
  }

  dispose(): void {}
}
