/** The logistic function 1 / (1 + e^(−x)). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/** ln(C·x + 0.05): a category interest on the log scale, 0 for an average interest (x = 1/C), floored for x → 0. */
export function logInterest(x: number, nCategories: number): number {
  return Math.log(nCategories * x + 0.05)
}
