import type { OffPolicyEstimator, OffPolicyInput } from "./off-policy-estimator"
import { checkOffPolicyInput } from "./off-policy-estimator"
import { slope, slopeWidth, type SlopeChoice } from "./slope"

/**
 * Picks an estimator's hyper-parameter λ from `lambdas` by SLOPE (OBP's
 * `BaseOffPolicyEstimatorTuning(tuning_method="slope")`): each λ's estimate and Student-t
 * half-width t_{n−1}(1 − δ)·stderr, then `slope`. For mean-type estimators (clipped IPW, DRos,
 * sub-Gaussian IPW/DR, switch-DR).
 * @example tuneBySlope((l) => new ShrunkDoublyRobust("optimistic", l), [1, 10, 100, Infinity], input).lambda
 */
export function tuneBySlope(
  make: (lambda: number) => OffPolicyEstimator,
  lambdas: readonly number[],
  input: OffPolicyInput,
  delta = 0.1,
): { lambda: number; value: number; choice: SlopeChoice } {
  if (lambdas.length === 0) throw new Error("tuneBySlope: give at least one lambda")
  const values = new Map<string, number>()
  const candidates = lambdas.map((lambda) => {
    const est = make(lambda)
    const n = checkOffPolicyInput(input, est)
    const sums = new Float64Array(est.sumsLength)
    est.accumulate(input, sums)
    const { value, stderr } = est.finalize(sums)
    values.set(String(lambda), value)
    return { name: String(lambda), value, width: slopeWidth(n, stderr, delta) }
  })
  const choice = slope(candidates)
  return { lambda: Number(choice.chosen), value: values.get(choice.chosen) as number, choice }
}
