import type { ItemFeatures } from "../recommenders/content-based"
import type { EventLog } from "../schema/event-log"
import type { TabularFeatures } from "./tabular-features"

/**
 * One modality's columns for click-prediction rows (user[r], item[r]): the item's vector centred on
 * the catalogue mean, x̃_i = x_i − x̄, then the user's content-based match with it,
 *
 *   match(u, i) = cos(p_u, x̃_i),   p_u = (1 / n_u) Σ_{clicks (u, j) in history} x̃_j   (0 without clicks),
 *
 * the score of the content-based recommender (Lops, de Gemmis & Semeraro 2011, Recommender Systems
 * Handbook ch. 3) on that modality, so that a linear model sees the user × item interaction.
 * Centring keeps what all items share (an image's background, a word in every description) out of the cosine.
 * Only observable data enters: the item's content and the user's logged clicks.
 * @example const text = modalityClickFeatures(textItemFeatures(tfidf), events, data.user, data.item, "text")
 */
export function modalityClickFeatures(
  features: ItemFeatures,
  history: EventLog,
  user: Int32Array,
  item: Int32Array,
  name: string,
): TabularFeatures {
  const { nItems, dimension: d, values } = features
  if (values.length !== nItems * d)
    throw new Error(`modalityClickFeatures: ${name} features hold ${values.length} values, expected ${nItems} × ${d}`)
  if (user.length !== item.length)
    throw new Error(`modalityClickFeatures: ${user.length} users but ${item.length} items; one of each per row`)
  const mean = new Float64Array(d)
  for (let i = 0; i < nItems; i++) for (let k = 0; k < d; k++) mean[k] += values[i * d + k] / nItems
  const centred = new Float64Array(values.length)
  for (let p = 0; p < values.length; p++) centred[p] = values[p] - mean[p % d]
  let nUsers = 0
  for (let r = 0; r < user.length; r++) {
    if (!(item[r] >= 0 && item[r] < nItems && Number.isInteger(item[r])))
      throw new Error(`modalityClickFeatures: row ${r} has item ${item[r]}, outside [0, ${nItems})`)
    if (!(user[r] >= 0 && Number.isInteger(user[r])))
      throw new Error(`modalityClickFeatures: row ${r} has user ${user[r]}; users are non-negative integers`)
    nUsers = Math.max(nUsers, user[r] + 1)
  }
  const profile = new Float64Array(nUsers * d)
  const clicks = new Float64Array(nUsers)
  for (let e = 0; e < history.length; e++) {
    const u = history.user[e]
    const j = history.item[e]
    if (history.type[e] !== 1 || u < 0 || u >= nUsers || j < 0 || j >= nItems) continue
    clicks[u]++
    for (let k = 0; k < d; k++) profile[u * d + k] += centred[j * d + k]
  }
  const cols = d + 1
  const data = new Float32Array(user.length * cols)
  for (let r = 0; r < user.length; r++) {
    const u = user[r]
    const i = item[r]
    let dot = 0
    let pp = 0
    let xx = 0
    for (let k = 0; k < d; k++) {
      const x = centred[i * d + k]
      const p = clicks[u] > 0 ? profile[u * d + k] / clicks[u] : 0
      data[r * cols + k] = x
      dot += p * x
      pp += p * p
      xx += x * x
    }
    data[r * cols + d] = pp > 0 && xx > 0 ? dot / Math.sqrt(pp * xx) : 0
  }
  const names = Array.from({ length: d }, (_, k) => `${name} ${k}`)
  names.push(`${name} match`)
  return { data, rows: user.length, cols, names }
}
