import { fromRowMajor } from "../linalg/matrix"
import { LogisticRegression } from "../text/logistic-regression"
import { checkBinaryLabels } from "./tabular-features"

/** P clipped into [ε, 1 − ε] before the logit, so that a model's 0 or 1 stays finite. */
const EPSILON = 1e-12

function logit(p: number): number {
  const q = Math.min(1 - EPSILON, Math.max(EPSILON, p))
  return Math.log(q / (1 - q))
}

function checkScores(probabilities: readonly ArrayLike<number>[], input: string): number {
  if (probabilities.length === 0) throw new Error(`${input}: give the probabilities of at least one model`)
  const rows = probabilities[0].length
  probabilities.forEach((p, m) => {
    if (p.length !== rows) throw new Error(`${input}: model ${m} has ${p.length} rows, model 0 has ${rows}`)
    for (let r = 0; r < rows; r++)
      if (!(p[r] >= 0 && p[r] <= 1))
        throw new Error(`${input}: model ${m}, row ${r} is ${p[r]}; expected a probability in [0, 1]`)
  })
  return rows
}

/**
 * Late (decision-level) fusion of the click probabilities of one model per modality:
 *
 *   p(r) = σ( b + Σ_m w_m · logit p_m(r) ),
 *
 * the weighted product of experts on the logit scale (Baltrušaitis, Ahuja & Morency 2019, §5;
 * weights learned by stacking, Wolpert 1992, in {@link LateFusion}). With w = (1, 0, …) and b = 0 it
 * returns model 0's probabilities: a zero-weight modality changes nothing.
 * @example lateFusionProbability([pText, pImage], [0.8, 0.6], -0.1)
 */
export function lateFusionProbability(
  probabilities: readonly ArrayLike<number>[],
  weights: readonly number[],
  bias = 0,
): Float64Array {
  const rows = checkScores(probabilities, "lateFusionProbability")
  if (weights.length !== probabilities.length)
    throw new Error(`lateFusionProbability: ${weights.length} weights for ${probabilities.length} models`)
  const out = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    let z = bias
    for (let m = 0; m < weights.length; m++) if (weights[m] !== 0) z += weights[m] * logit(probabilities[m][r])
    out[r] = 1 / (1 + Math.exp(-z))
  }
  return out
}

/**
 * Late fusion with learned weights: logistic regression (src/text, L2 with inverse strength `C`) of
 * the labels on the models' logits, then {@link lateFusionProbability}. Fit it on predictions the
 * models made for rows they were trained on or on a validation split; the weights say how much each
 * modality is trusted.
 * @example const fusion = new LateFusion().fit([pTextTrain, pImageTrain], yTrain); fusion.predictProba([pText, pImage])
 */
export class LateFusion {
  readonly name = "late fusion"
  readonly config: { C: number }
  weights_: number[] | undefined
  bias_: number | undefined

  constructor(options: { C?: number } = {}) {
    const C = options.C ?? 1
    if (!(Number.isFinite(C) && C > 0)) throw new Error(`LateFusion: C must be a finite number > 0, got ${C}`)
    this.config = { C }
  }

  fit(probabilities: readonly ArrayLike<number>[], y: ArrayLike<number>): this {
    const rows = checkScores(probabilities, "LateFusion.fit")
    checkBinaryLabels(y, rows, "LateFusion.fit y")
    const m = probabilities.length
    const z = new Float64Array(rows * m)
    for (let r = 0; r < rows; r++) for (let k = 0; k < m; k++) z[r * m + k] = logit(probabilities[k][r])
    const lr = new LogisticRegression({ C: this.config.C }).fit(fromRowMajor(z, rows, m), y)
    this.weights_ = Array.from(lr.coef.data)
    this.bias_ = lr.intercept[0]
    return this
  }

  predictProba(probabilities: readonly ArrayLike<number>[]): Float64Array {
    if (this.weights_ === undefined || this.bias_ === undefined)
      throw new Error("LateFusion.predictProba: call fit first")
    return lateFusionProbability(probabilities, this.weights_, this.bias_)
  }
}
