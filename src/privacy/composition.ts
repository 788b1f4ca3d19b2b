import { checkDelta, checkEpsilon } from "./parameters"

/** A privacy guarantee (ε, δ); δ = 0 is pure ε-differential privacy. */
export interface PrivacyBudget {
  epsilon: number
  delta: number
}

/**
 * Basic sequential composition (Dwork & Roth 2014, Theorem 3.16): running mechanisms that are
 * (εᵢ, δᵢ)-DP on the same data is (Σεᵢ, Σδᵢ)-DP.
 * @throws if the list is empty or an εᵢ / δᵢ is invalid
 * @example sequentialComposition([{ epsilon: 0.5, delta: 0 }, { epsilon: 0.3, delta: 1e-6 }]) // { epsilon: 0.8, delta: 1e-6 }
 */
export function sequentialComposition(budgets: readonly PrivacyBudget[]): PrivacyBudget {
  if (budgets.length === 0) throw new Error("sequentialComposition: budgets must hold at least one (epsilon, delta)")
  let epsilon = 0
  let delta = 0
  budgets.forEach((b, i) => {
    checkEpsilon(b.epsilon, `sequentialComposition (budget ${i})`)
    checkDelta(b.delta, `sequentialComposition (budget ${i})`)
    epsilon += b.epsilon
    delta += b.delta
  })
  return { epsilon, delta: Math.min(delta, 1) }
}

/**
 * The advanced composition theorem (Dwork, Rothblum & Vadhan 2010; Dwork & Roth 2014,
 * Theorem 3.20): k adaptive runs of an (ε, δ)-DP mechanism are (ε', kδ + δ')-DP for every δ' > 0,
 * with ε' = √(2k ln(1/δ'))·ε + k·ε·(e^ε − 1).
 * For small ε it grows like √k·ε instead of the k·ε of sequential composition; for few runs or
 * large ε it can be worse than k·ε, so `bestComposition` takes the smaller of the two.
 * @throws if k is not a positive integer, ε ≤ 0, δ ∉ [0, 1) or δ' ∉ (0, 1)
 * @example advancedComposition({ epsilon: 0.1, delta: 0 }, 100, 1e-5) // { epsilon: ≈5.850, delta: 1e-5 }
 */
export function advancedComposition(each: PrivacyBudget, k: number, deltaPrime: number): PrivacyBudget {
  checkEpsilon(each.epsilon, "advancedComposition")
  checkDelta(each.delta, "advancedComposition")
  checkDelta(deltaPrime, "advancedComposition (deltaPrime)", true)
  if (!Number.isInteger(k) || k < 1) throw new Error(`advancedComposition: k must be a positive integer, got ${k}`)
  const e = each.epsilon
  return {
    epsilon: Math.sqrt(2 * k * Math.log(1 / deltaPrime)) * e + k * e * Math.expm1(e),
    delta: Math.min(1, k * each.delta + deltaPrime),
  }
}

/**
 * The tighter of sequential (kε, kδ) and advanced composition for k runs of one mechanism.
 * @example bestComposition({ epsilon: 1, delta: 0 }, 3, 1e-5) // sequential wins: { epsilon: 3, delta: 0 }
 */
export function bestComposition(
  each: PrivacyBudget,
  k: number,
  deltaPrime: number,
): PrivacyBudget & { rule: "sequential" | "advanced" } {
  const advanced = advancedComposition(each, k, deltaPrime)
  const sequential = { epsilon: k * each.epsilon, delta: Math.min(1, k * each.delta) }
  return advanced.epsilon < sequential.epsilon
    ? { ...advanced, rule: "advanced" }
    : { ...sequential, rule: "sequential" }
}
