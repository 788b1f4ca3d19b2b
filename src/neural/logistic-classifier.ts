import { LogisticRegression, type LogisticRegressionOptions } from "../text/logistic-regression"
import { fromRowMajor } from "../linalg/matrix"
import type { BinaryClassifier } from "./binary-classifier"
import { checkBinaryLabels, checkTabularFeatures, type TabularFeatures } from "./tabular-features"

/**
 * The classic baseline beside the neural models: L2 logistic regression (src/text/logistic-regression.ts,
 * scikit-learn's objective, L-BFGS) on z-scored features, behind the {@link BinaryClassifier} interface.
 * P(click | x) = σ(wᵀz + b), z = (x − mean) / sd of the training rows.
 * @example const lr = new LogisticClassifier({ C: 1 }).fit(x, y); lr.predictProba(x)
 */
export class LogisticClassifier implements BinaryClassifier {
  readonly name = "logistic regression"
  readonly model: LogisticRegression
  mean_: Float64Array | undefined
  scale_: Float64Array | undefined

  constructor(options: LogisticRegressionOptions = {}) {
    this.model = new LogisticRegression(options)
  }

  fit(x: TabularFeatures, y: ArrayLike<number>): this {
    checkTabularFeatures(x, "LogisticClassifier.fit x")
    checkBinaryLabels(y, x.rows, "LogisticClassifier.fit y")
    const mean = new Float64Array(x.cols)
    const scale = new Float64Array(x.cols)
    for (let i = 0; i < x.data.length; i++) mean[i % x.cols] += x.data[i] / x.rows
    for (let i = 0; i < x.data.length; i++) scale[i % x.cols] += (x.data[i] - mean[i % x.cols]) ** 2 / x.rows
    for (let c = 0; c < x.cols; c++) scale[c] = isConstant(scale[c], mean[c], x.rows) ? 1 : Math.sqrt(scale[c])
    this.mean_ = mean
    this.scale_ = scale
    this.model.fit(this.standardised(x), y)
    return this
  }

  predictProba(x: TabularFeatures): Float64Array {
    if (this.mean_ === undefined) throw new Error("LogisticClassifier.predictProba: call fit first")
    checkTabularFeatures(x, "LogisticClassifier.predictProba x", this.mean_.length)
    const p = this.model.predictProba(this.standardised(x))
    // Binary: column 1 is P(y = 1).
    const out = new Float64Array(x.rows)
    for (let r = 0; r < x.rows; r++) out[r] = p.data[r * p.nCols + 1]
    return out
  }

  dispose(): void {}

  private standardised(x: TabularFeatures) {
    const mean = this.mean_ as Float64Array
    const scale = this.scale_ as Float64Array
    const z = new Float64Array(x.data.length)
    for (let i = 0; i < z.length; i++) z[i] = (x.data[i] - mean[i % x.cols]) / scale[i % x.cols]
    return fromRowMajor(z, x.rows, x.cols)
  }
}

/**
 * A column is constant when its computed variance is within the rounding error of computing it
 * (scikit-learn's `_is_constant_feature`): n·ε·var + (n·mean·ε)². Without this, a constant column whose
 * mean is not exactly representable gets a variance of about 1e-33 and a scale that blows its rounding
 * noise up to ±1.
 */
function isConstant(variance: number, mean: number, rows: number): boolean {
  const eps = Number.EPSILON
  return variance <= rows * eps * variance + (rows * mean * eps) ** 2
}
