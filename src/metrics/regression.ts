import { checkLength } from "./labels"

/**
 * Root mean squared error = sqrt((1/n) Σ (yᵢ − ŷᵢ)²).
 * @example rmse([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // sqrt(0.375) ≈ 0.6124
 */
export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLength("rmse", "yTrue", yTrue)
  checkLength("rmse", "yPred", yPred, yTrue.length)
  let sum = 0
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i]
    sum += d * d
  }
  if (!Number.isFinite(sum)) throw new Error("rmse: yTrue and yPred must be finite numbers")
  return Math.sqrt(sum / yTrue.length)
}

/**
 * Mean absolute error = (1/n) Σ |yᵢ − ŷᵢ|.
 * @example mae([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) // 0.5
 */
export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkLength("mae", "yTrue", yTrue)
  checkLength("mae", "yPred", yPred, yTrue.length)
  let sum = 0
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i] - yPred[i])
  if (!Number.isFinite(sum)) throw new Error("mae: yTrue and yPred must be finite numbers")
  return sum / yTrue.length
}
