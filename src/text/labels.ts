/**
 * Checks class labels: `n` integers (any sign).
 * @param who the caller, named in the error
 * @throws naming the first bad label
 */
export function checkLabels(y: ArrayLike<number>, n: number, who: string): void {
  if (y.length !== n) throw new Error(`${who}: y has ${y.length} labels but X has ${n} rows`)
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i])) throw new Error(`${who}: y[${i}] is ${y[i]}; labels must be integers`)
  }
}

/**
 * The sorted distinct labels and each sample's index into them.
 * @example encodeLabels([5, 2, 5]) // { classes: Int32Array [2, 5], codes: Int32Array [1, 0, 1] }
 */
export function encodeLabels(y: ArrayLike<number>): { classes: Int32Array; codes: Int32Array } {
  const classes = Int32Array.from(new Set(Array.from(y))).sort()
  const index = new Map<number, number>()
  classes.forEach((c, k) => index.set(c, k))
  const codes = new Int32Array(y.length)
  for (let i = 0; i < y.length; i++) codes[i] = index.get(y[i]) as number
  return { classes, codes }
}

/**
 * The confusion matrix: entry [a][b] counts samples of true class labels[a] predicted as labels[b].
 * @throws on different lengths or a label not in `labels`
 * @example confusionMatrix([0, 1, 1], [0, 0, 1], [0, 1]) // [[1, 0], [1, 1]]
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels: ArrayLike<number>,
): number[][] {
  if (yTrue.length !== yPred.length)
    throw new Error(`confusionMatrix: yTrue has ${yTrue.length} labels, yPred ${yPred.length}`)
  const index = new Map<number, number>()
  for (let k = 0; k < labels.length; k++) index.set(labels[k], k)
  const m = Array.from({ length: labels.length }, () => new Array<number>(labels.length).fill(0))
  for (let i = 0; i < yTrue.length; i++) {
    const a = index.get(yTrue[i])
    const b = index.get(yPred[i])
    if (a === undefined || b === undefined)
      throw new Error(`confusionMatrix: sample ${i} has label ${a === undefined ? yTrue[i] : yPred[i]}, not in labels`)
    m[a][b]++
  }
  return m
}
