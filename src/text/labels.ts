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
