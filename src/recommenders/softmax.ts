import type { Explanation } from "../schema/explanation"
import { formatValue } from "../schema/explanation"

/**
 * Softmax probabilities of items from their scores with a temperature T (seed 004 §4.4, corrected):
 * P(i) = exp(q_i / T) / Σ_j exp(q_j / T), computed as exp((q_i − max q)/T) so that large scores do not
 * overflow. T → 0 approaches argmax, T → ∞ the uniform distribution.
 * The seed's example (q = 0.8, 0.6, 0.4, 0.2, 0; T = 1) gives (0.2868, 0.2348, 0.1922, 0.1574, 0.1289),
 * not its 0.396 and 0.328 (it used e^0.6 ≈ 1.841 and e^0.2 ≈ 0.540; they are 1.8221 and 1.2214).
 * @throws if scores are empty or not finite, or T is not a finite number > 0
 * @example softmax([0.8, 0.6, 0.4, 0.2, 0]) // [0.2868, 0.2348, 0.1922, 0.1574, 0.1289]
 */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature))
    throw new Error(`softmax: temperature must be a finite number > 0, got ${temperature}`)
  if (scores.length === 0) throw new Error("softmax: scores must not be empty")
  let max = -Infinity
  for (let i = 0; i < scores.length; i++) {
    const q = scores[i]
    if (!Number.isFinite(q)) throw new Error(`softmax: scores[${i}] must be finite, got ${q}`)
    if (q > max) max = q
  }
  const out = new Float64Array(scores.length)
  let total = 0
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i] - max) / temperature)
    total += out[i]
  }
  for (let i = 0; i < out.length; i++) out[i] /= total
  return out
}

/**
 * Why a softmax draw (seed 004 §4.4) picked `item`: its probability P(item) against the most probable
 * item's; "exploit" when it is a most probable item, "explore" otherwise.
 * @example explainSoftmaxPick([0.8, 0.6, 0.4], 2).kind // "explore"
 */
export function explainSoftmaxPick(scores: ArrayLike<number>, item: number, temperature = 1): Explanation {
  const p = softmax(scores, temperature)
  if (!(Number.isInteger(item) && item >= 0 && item < p.length))
    throw new Error(`explainSoftmaxPick: item must be an integer in [0, ${p.length}), got ${item}`)
  let top = 0
  for (let i = 1; i < p.length; i++) if (p[i] > p[top]) top = i
  const exploit = p[item] === p[top]
  return {
    item,
    score: p[item],
    kind: exploit ? "exploit" : "explore",
    combine: "none",
    contributions: [
      { label: `P(#${item}) = exp(${formatValue(scores[item])}/${formatValue(temperature)}) / Σ`, value: p[item] },
      { label: `P(#${top}), the most probable item`, value: p[top] },
    ],
    text: exploit
      ? `Drawn with probability ${formatValue(p[item])}, the highest: exploitation`
      : `Drawn with probability ${formatValue(p[item])} while #${top} had ${formatValue(p[top])}: exploration`,
  }
}

/**
 * Shannon entropy H(p) = −Σ p_i ln p_i in nats of a probability vector (0 · ln 0 = 0): how spread a
 * softmax is; ln n for the uniform distribution over n items.
 * @example entropy([0.5, 0.5]) // ln 2 ≈ 0.693
 */
export function entropy(p: ArrayLike<number>): number {
  let h = 0
  for (let i = 0; i < p.length; i++) {
    const v = p[i]
    if (!(v >= 0) || v > 1) throw new Error(`entropy: p[${i}] must be a probability in [0, 1], got ${v}`)
    if (v > 0) h -= v * Math.log(v)
  }
  return h
}
