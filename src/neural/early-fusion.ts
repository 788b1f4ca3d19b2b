import { checkTabularFeatures, type TabularFeatures } from "./tabular-features"

/**
 * Early fusion (feature-level fusion; Baltrušaitis, Ahuja & Morency 2019, "Multimodal machine
 * learning: a survey and taxonomy", §5): the blocks' columns side by side, row by row,
 *
 *   x = [w₁·x⁽¹⁾, w₂·x⁽²⁾, …],
 *
 * so one model learns from every modality at once. A weight scales its block before the model's own
 * standardisation; weight 0 silences a modality (its columns are constant, so a standardising model
 * such as `LogisticClassifier` gets exactly what it gets without them). Weights default to 1.
 * @example const x = concatenateFeatures([base, text, image], [1, 1, 0]) // text only, image silenced
 */
export function concatenateFeatures(blocks: TabularFeatures[], weights?: readonly number[]): TabularFeatures {
  if (blocks.length === 0) throw new Error("concatenateFeatures: give at least one block")
  if (weights !== undefined && weights.length !== blocks.length)
    throw new Error(`concatenateFeatures: ${weights.length} weights for ${blocks.length} blocks`)
  const rows = blocks[0].rows
  blocks.forEach((b, m) => {
    checkTabularFeatures(b, `concatenateFeatures block ${m}`)
    if (b.rows !== rows) throw new Error(`concatenateFeatures: block ${m} has ${b.rows} rows, block 0 has ${rows}`)
    const w = weights?.[m] ?? 1
    if (!Number.isFinite(w)) throw new Error(`concatenateFeatures: weight ${m} must be finite, got ${w}`)
  })
  const cols = blocks.reduce((s, b) => s + b.cols, 0)
  const data = new Float32Array(rows * cols)
  let at = 0
  blocks.forEach((b, m) => {
    const w = weights?.[m] ?? 1
    for (let r = 0; r < rows; r++) for (let k = 0; k < b.cols; k++) data[r * cols + at + k] = w * b.data[r * b.cols + k]
    at += b.cols
  })
  const names = blocks.flatMap((b, m) => b.names ?? Array.from({ length: b.cols }, (_, k) => `block ${m} column ${k}`))
  return { data, rows, cols, names }
}
