/**
 * The prototype (nearest class mean) classifier of prototypical networks (Snell, Swersky & Zemel
 * 2017) on fixed embeddings: each class is the mean c_k of its support embeddings; a query x gets
 * the class with the smallest squared Euclidean distance ‖x − c_k‖², and
 * P(k | x) ∝ exp(−‖x − c_k‖²). A class never seen in training needs only a few labelled examples.
 * @example
 * const clf = new PrototypeClassifier().fit(supportRows, supportLabels, dim)
 * clf.predict(queryRows)
 */
export class PrototypeClassifier {
  /** Class labels, ascending, after `fit`. */
  classes_: Int32Array = new Int32Array(0)
  /** Row-major (classes × dim) class means. */
  prototypes_: Float64Array = new Float64Array(0)
  dim_ = 0

  /**
   * Learns one prototype per label from row-major embeddings (n × dim).
   * @throws if rows and labels disagree or there are no rows
   */
  fit(rows: Float64Array, labels: ArrayLike<number>, dim: number): this {
    if (!Number.isInteger(dim) || dim < 1)
      throw new Error(`PrototypeClassifier.fit: dim must be a positive integer, got ${dim}`)
    const n = labels.length
    if (n === 0 || rows.length !== n * dim)
      throw new Error(
        `PrototypeClassifier.fit: expected ${n} rows of ${dim} values (got ${rows.length} values) and at least one row`,
      )
    const classes = Int32Array.from(new Set(Array.from(labels))).sort()
    const index = new Map<number, number>()
    classes.forEach((c, k) => index.set(c, k))
    const sums = new Float64Array(classes.length * dim)
    const counts = new Float64Array(classes.length)
    for (let r = 0; r < n; r++) {
      const k = index.get(labels[r]) as number
      counts[k]++
      for (let j = 0; j < dim; j++) sums[k * dim + j] += rows[r * dim + j]
    }
    for (let k = 0; k < classes.length; k++) for (let j = 0; j < dim; j++) sums[k * dim + j] /= counts[k]
    this.classes_ = classes
    this.prototypes_ = sums
    this.dim_ = dim
    return this
  }

  /** Squared distances to every prototype, row-major (n × classes). */
  distances(rows: Float64Array): Float64Array {
    const dim = this.dim_
    if (dim === 0) throw new Error("PrototypeClassifier: call fit before predict")
    if (rows.length % dim !== 0)
      throw new Error(`PrototypeClassifier: rows must hold a multiple of ${dim} values, got ${rows.length}`)
    const n = rows.length / dim
    const K = this.classes_.length
    const out = new Float64Array(n * K)
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < K; k++) {
        let s = 0
        for (let j = 0; j < dim; j++) s += (rows[r * dim + j] - this.prototypes_[k * dim + j]) ** 2
        out[r * K + k] = s
      }
    }
    return out
  }

  /** The nearest prototype's label for every row (ties to the smaller label). */
  predict(rows: Float64Array): Int32Array {
    const K = this.classes_.length
    const d = this.distances(rows)
    const n = d.length / K
    const out = new Int32Array(n)
    for (let r = 0; r < n; r++) {
      let best = 0
      for (let k = 1; k < K; k++) if (d[r * K + k] < d[r * K + best]) best = k
      out[r] = this.classes_[best]
    }
    return out
  }
}
