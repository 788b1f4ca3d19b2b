/**
 * Checks of the privacy parameters shared by every mechanism. Each throws an error that names
 * the parameter, the value received and what is allowed.
 */

/** ε must be a finite number > 0 (ε = 0 would need infinite noise; ε < 0 has no meaning). */
export function checkEpsilon(epsilon: number, where: string): void {
  if (!(Number.isFinite(epsilon) && epsilon > 0)) {
    throw new Error(`${where}: epsilon must be a finite number > 0, got ${epsilon}`)
  }
}

/** δ must lie in [0, 1) (δ = 1 promises nothing); `positive` requires δ > 0 (Gaussian mechanisms). */
export function checkDelta(delta: number, where: string, positive = false): void {
  if (!(Number.isFinite(delta) && delta >= 0 && delta < 1) || (positive && delta === 0)) {
    throw new Error(`${where}: delta must be in ${positive ? "(0, 1)" : "[0, 1)"}, got ${delta}`)
  }
}

/** The sensitivity Δ (how much one person can change the statistic) must be finite and > 0. */
export function checkSensitivity(sensitivity: number, where: string): void {
  if (!(Number.isFinite(sensitivity) && sensitivity > 0)) {
    throw new Error(`${where}: sensitivity must be a finite number > 0, got ${sensitivity}`)
  }
}
