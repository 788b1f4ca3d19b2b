/**
 * How an estimator tames a large importance weight w = π(a | x) / π₀(a | x) (OBP's `lambda_`):
 * - "clip": ŵ = min(w, λ) (clipped IPW; clipped DR is DR with pessimistic shrinkage, Su et al. 2020);
 * - "optimistic": ŵ = λw / (w² + λ) (DRos, Su, Dimakopoulou, Krishnamurthy & Dudík 2020);
 * - "sub-gaussian": ŵ = w / (1 − λ + λw), λ ∈ [0, 1] (Metelli, Russo & Restelli 2021).
 * λ = ∞ ("clip", "optimistic") or λ = 0 ("sub-gaussian") leaves the weights as they are.
 */
export type WeightShrinkageKind = "clip" | "optimistic" | "sub-gaussian"

/**
 * Checks λ for a kind once, at construction; the message names the estimator and the range.
 * @example checkShrinkage("ipw-clip", "clip", 10) // 10
 * @internal
 */
export function checkShrinkage(name: string, kind: WeightShrinkageKind, lambda: number): number {
  const ok = kind === "sub-gaussian" ? lambda >= 0 && lambda <= 1 : lambda >= 0
  if (!ok)
    throw new Error(
      `${name}: lambda must be ${kind === "sub-gaussian" ? "in [0, 1]" : ">= 0 (Infinity allowed)"}, got ${lambda}`,
    )
  return lambda
}

/**
 * The shrunk weight ŵ for a weight w (formulas above).
 * @example shrinkWeight(20, "clip", 10) // 10; shrinkWeight(2, "optimistic", 4) // 1
 */
export function shrinkWeight(w: number, kind: WeightShrinkageKind, lambda: number): number {
  if (kind === "clip") return w < lambda ? w : lambda
  if (kind === "optimistic") return lambda === Infinity ? w : (lambda * w) / (w * w + lambda)
  return w / (1 - lambda + lambda * w)
}
