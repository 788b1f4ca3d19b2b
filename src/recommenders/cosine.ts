/**
 * Cosine similarity cos θ = a·b / (‖a‖ ‖b‖) of two dense vectors (seed 004 §4.1, corrected): for
 * a = (0.7, 0.8, 0.6), b = (0.4, 0.5, 0.6): a·b = 1.04, ‖a‖² = 1.49, ‖b‖² = 0.77, cos ≈ 0.9709 — the seed
 * writes ‖a‖² = 2.69, ‖b‖² = 1.29 and ≈ 0.647. A zero vector has similarity 0 with everything.
 * @throws if the lengths differ or a value is not finite
 * @example cosineSimilarity([0.7, 0.8, 0.6], [0.4, 0.5, 0.6]) // 0.97094…
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new Error(`cosineSimilarity: vectors must have the same length, got ${a.length} and ${b.length}`)
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`cosineSimilarity: entry ${i} is not finite (${x}, ${y})`)
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0
}
