import { evaluateHoldout } from "../recommenders/evaluate"
import type { Interactions } from "../schema/interactions"
import type { ImplicitMfObjective } from "./implicit-mf-objective"
import { OnDeviceMf } from "./on-device-mf"

/** Held-out ranking quality after one communication round (or central iteration). */
export interface RoundQuality {
  round: number
  recall: number
  ndcg: number
}

/**
 * Rounds vs accuracy: for every `every`-th snapshot of the item factors (`FederatedMf.history_`,
 * `fitCentralImplicitMf(...).history`), each user solves her vector on the device (`OnDeviceMf`) and
 * the top-k lists are scored against held-out interactions with `evaluateHoldout` (recall@k, NDCG@k).
 * The last snapshot is always included.
 * @example roundsVsAccuracy(fed.history_, train, test, { factors: 16, alpha: 2, regularization: 10 }, { k: 10, every: 5 })
 */
export function roundsVsAccuracy(
  history: readonly Float64Array[],
  train: Interactions,
  test: Interactions,
  objective: ImplicitMfObjective,
  options: { k?: number; every?: number } = {},
): RoundQuality[] {
  const k = options.k ?? 10
  const every = options.every ?? 1
  if (history.length === 0) throw new Error("roundsVsAccuracy: history is empty (fit with keepHistory: true)")
  if (!Number.isInteger(every) || every < 1)
    throw new Error(`roundsVsAccuracy: every must be an integer >= 1, got ${every}`)
  const out: RoundQuality[] = []
  for (let t = every - 1; t < history.length; t += every) out.push(evaluateAt(t))
  if (out[out.length - 1]?.round !== history.length) out.push(evaluateAt(history.length - 1))
  return out

  function evaluateAt(t: number): RoundQuality {
    const r = evaluateHoldout(new OnDeviceMf(history[t], objective).fit(train), train, test, k)
    return { round: t + 1, recall: r.recall, ndcg: r.ndcg }
  }
}
