import type { BanditLog } from "./bandit-log"
import type { TargetPolicy } from "./target-policy"

/**
 * Categorical item embeddings: each action a has one level eₐ,d per dimension d (an item's
 * category, its price band, the Open Bandit item features). `levels` is (nActions × nDims),
 * row-major. A deterministic embedding: p(e | a) = 1[e = eₐ] (OBP's `p_e_a` one-hot).
 */
export interface ItemEmbedding {
  readonly nActions: number
  readonly nDims: number
  readonly levels: Int32Array
  readonly names: readonly string[]
}

/**
 * MIPS's marginal importance weights (Saito & Joachims 2022, with OBP's exact `p_e_a` path):
 * w(xᵢ, eᵢ) = Πd p(eᵢ,d | xᵢ, π) / p(eᵢ,d | xᵢ, π₀) with p(e_d | x, π) = Σₐ π(a | x) 1[eₐ,d = e_d],
 * eᵢ the logged item's embedding. `logging` gives π₀'s whole distribution (for the Open Bandit
 * random log: uniform). Rounds whose logged embedding π₀ cannot produce are an error.
 * @example const w = marginalImportanceWeights(log, target, uniformLogger, embedding)
 */
export function marginalImportanceWeights(
  log: BanditLog,
  target: TargetPolicy,
  logging: TargetPolicy,
  embedding: ItemEmbedding,
): Float64Array {
  const k = log.nActions
  if (embedding.nActions !== k || target.nActions !== k || logging.nActions !== k) {
    throw new Error(
      `marginalImportanceWeights: the log has ${k} actions, the embedding ${embedding.nActions}, the target ${target.nActions}, the logger ${logging.nActions}`,
    )
  }
  const d = embedding.nDims
  const lv = embedding.levels
  const pi = new Float64Array(k)
  const pi0 = new Float64Array(k)
  const w = new Float64Array(log.length)
  for (let i = 0; i < log.length; i++) {
    target.actionProbabilities(log, i, pi)
    logging.actionProbabilities(log, i, pi0)
    const logged = log.action[i]
    let weight = 1
    for (let j = 0; j < d; j++) {
      const e = lv[logged * d + j]
      let pe = 0
      let pe0 = 0
      for (let a = 0; a < k; a++) {
        if (lv[a * d + j] === e) {
          pe += pi[a]
          pe0 += pi0[a]
        }
      }
      if (!(pe0 > 0))
        throw new Error(
          `marginalImportanceWeights: round ${i}: the logger gives probability 0 to the logged embedding ${embedding.names[j]} = ${e}`,
        )
      weight *= pe / pe0
    }
    w[i] = weight
  }
  return w
}
