import type { TabularFeatures } from "./tabular-features"

/**
 * A probabilistic binary classifier on tabular features (scikit-learn's `fit` / `predict_proba`):
 * the MLPs, the random forest and logistic regression all implement it, so one comparison loop
 * trains and scores them on the same split.
 */
export interface BinaryClassifier {
  readonly name: string
  /** Learns from features `x` and 0/1 labels `y`; returns this. Refitting starts from scratch. */
  fit(x: TabularFeatures, y: ArrayLike<number>): Promise<this> | this
  /** P(y = 1 | x) for every row. */
  predictProba(x: TabularFeatures): Float64Array
  /** Frees native memory (tensors); a no-op for plain-JS models. */
  dispose(): void
}
