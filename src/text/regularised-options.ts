/** The options both logistic regressions share: penalty strength, intercept, iteration limit, tolerance. */
export interface RegularisedFitOptions {
  C?: number
  fitIntercept?: boolean
  maxIter?: number
  tol?: number
}

/**
 * Fills the defaults and validates once, naming the model in each message.
 * @example regularisedFitConfig("LogisticRegression", { C: 0.5 }, { maxIter: 1000, tol: 1e-6 }) // { C: 0.5, fitIntercept: true, maxIter: 1000, tol: 1e-6 }
 */
export function regularisedFitConfig(
  who: string,
  options: RegularisedFitOptions,
  defaults: { maxIter: number; tol: number },
): Required<RegularisedFitOptions> {
  const C = options.C ?? 1
  const maxIter = options.maxIter ?? defaults.maxIter
  const tol = options.tol ?? defaults.tol
  if (!(C > 0) || !Number.isFinite(C)) throw new Error(`${who}: C must be a finite number > 0, got ${C}`)
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new Error(`${who}: maxIter must be an integer >= 1, got ${maxIter}`)
  if (!(tol > 0)) throw new Error(`${who}: tol must be > 0, got ${tol}`)
  return { C, fitIntercept: options.fitIntercept ?? true, maxIter, tol }
}
